package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/ledgersync/ledgersync/internal/api"
	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/logtest"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// tenant is a client with an API key.
type tenant struct {
	id, key string
}

// harness is a real server (middleware, root mux, API) over a real,
// migrated database, with two clients for isolation tests.
type harness struct {
	t      testing.TB
	srv    *httptest.Server
	store  *store.Store
	logs   *logtest.Buffer
	a, b   tenant
	client *http.Client
	app    *app.App
}

// newHarness starts a server with the default configuration, except
// for the rate limit, which tests that need it turn on with configure.
func newHarness(t testing.TB, dialect string, configure ...func(*config.Config)) *harness {
	t.Helper()
	h := &harness{t: t, store: storetest.Open(t, dialect, storetest.Options{}), logs: &logtest.Buffer{}}
	cfg, err := config.FromEnv(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	cfg.RatePerMinute = 0
	for _, f := range configure {
		f(cfg)
	}
	// The listener exists before the app, so links and the sandbox's own
	// endpoints name the real address.
	var handler http.Handler
	h.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	cfg.BaseURL = "http://" + h.srv.Listener.Addr().String()
	log := slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := app.New(cfg, h.store, log)
	if err != nil {
		t.Fatal(err)
	}
	handler, h.app = a.Server.Handler(), a
	h.srv.Start()
	t.Cleanup(h.srv.Close)
	h.client = h.srv.Client()
	h.a = h.newTenant("Client A")
	h.b = h.newTenant("Client B")
	return h
}

func (h *harness) newTenant(name string) tenant {
	h.t.Helper()
	ctx := context.Background()
	c, err := h.store.CreateClient(ctx, name, 0)
	if err != nil {
		h.t.Fatal(err)
	}
	key, err := h.store.CreateAPIKey(ctx, c.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	return tenant{id: c.ID, key: key}
}

// each runs a test on SQLite and PostgreSQL, each with its own server.
func each(t *testing.T, fn func(t *testing.T, h *harness)) {
	t.Helper()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, newHarness(t, d))
		})
	}
}

// response is a received response, already validated against the
// OpenAPI document.
type response struct {
	t      testing.TB
	status int
	header http.Header
	body   []byte
}

// basic formats the contract's Authorization header for a key.
func basic(key string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(key))
}

// do sends a request as tenant k (Basic auth); body may be nil, a string
// sent verbatim, or a value encoded as JSON.
func (h *harness) do(method, path string, k tenant, body any) *response {
	h.t.Helper()
	return h.doAuth(method, path, basic(k.key), body)
}

func (h *harness) doAuth(method, path, auth string, body any) *response {
	h.t.Helper()
	return h.doHeader(method, path, auth, body, nil)
}

// doHeader sends a request with extra headers.
func (h *harness) doHeader(method, path, auth string, body any, header http.Header) *response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := h.client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	r := &response{t: h.t, status: res.StatusCode, header: res.Header, body: b}
	validateResponse(h.t, req, r)
	return r
}

// want fails the test unless the status is as expected.
func (r *response) want(status int) *response {
	r.t.Helper()
	if r.status != status {
		r.t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	return r
}

// decode unmarshals the body.
func (r *response) decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		r.t.Fatalf("decode %s: %v", r.body, err)
	}
}

// object returns the body as a generic JSON object.
func (r *response) object() map[string]any {
	r.t.Helper()
	var m map[string]any
	r.decode(&m)
	return m
}

var (
	openAPIOnce   sync.Once
	openAPIRouter routers.Router
	openAPIErr    error
)

// validateResponse checks a response against /openapi.yaml, so the
// document cannot drift from the code. Requests to paths the document
// does not describe must answer with the error body.
func validateResponse(t testing.TB, req *http.Request, r *response) {
	t.Helper()
	openAPIOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(api.OpenAPIDocument())
		if err == nil {
			err = doc.Validate(context.Background())
		}
		if err == nil {
			openAPIRouter, err = gorillamux.NewRouter(doc)
		}
		openAPIErr = err
	})
	if openAPIErr != nil {
		t.Fatalf("openapi.yaml: %v", openAPIErr)
	}
	req.URL.Host, req.URL.Scheme = "", ""
	route, params, err := openAPIRouter.FindRoute(req)
	if err != nil {
		assertErrorBody(t, r)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status:  r.status,
		Header:  r.header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(r.body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Fatalf("%s %s → %d does not match openapi.yaml: %v\nbody: %s", req.Method, req.URL.Path, r.status, err, r.body)
	}
}

// assertErrorBody checks the contract's ErrorMessage shape by hand.
func assertErrorBody(t testing.TB, r *response) {
	t.Helper()
	if r.status < 400 {
		t.Fatalf("undocumented route answered %d", r.status)
	}
	var e map[string]any
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body is not JSON: %s", r.body)
	}
	for _, k := range []string{"statusCode", "service", "error", "correlationId", "canBeRetried", "detailedErrorCode"} {
		if _, ok := e[k]; !ok {
			t.Fatalf("error body lacks %s: %s", k, r.body)
		}
	}
}
