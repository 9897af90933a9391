package sandbox

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

const testSecret = "test-client-secret"

// clock is a settable clock for expiry tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// harness is a sandbox on a real database, served over real HTTP, with a
// fake flow callback that records what it was redirected with.
type harness struct {
	t     *testing.T
	sb    *Sandbox
	srv   *httptest.Server
	clock *clock
	mu    sync.Mutex
	back  url.Values
}

// eachDialect runs fn on SQLite and, when configured, PostgreSQL.
func eachDialect(t *testing.T, o Options, fn func(t *testing.T, h *harness)) {
	t.Helper()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, newHarness(t, d, o))
		})
	}
}

func newHarness(t *testing.T, dialect string, o Options) *harness {
	t.Helper()
	st := storetest.Open(t, dialect, storetest.Options{})
	mux := http.NewServeMux()
	h := &harness{t: t, srv: httptest.NewServer(mux), clock: &clock{t: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)}}
	t.Cleanup(h.srv.Close)
	o.BaseURL, o.Now, o.ClientSecret = h.srv.URL, h.clock.now, testSecret
	h.sb = New(st.DB(), st.ReadDB(), st.Dialect(), o)
	h.sb.Register(mux)
	mux.HandleFunc("GET /flow/callback", func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.back = r.URL.Query()
		h.mu.Unlock()
		_, _ = io.WriteString(w, "flow callback")
	})
	return h
}

// callback returns what the fake flow callback last received.
func (h *harness) callback() url.Values {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.back
}

// newOrg creates an organisation and grants the client a token for it.
func (h *harness) newOrg(t *testing.T) (*OrgCredentials, *ledgersync.Token) {
	t.Helper()
	ctx := context.Background()
	c, err := h.sb.CreateOrg(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := h.sb.Grant(ctx, c.TenantID, ClientID)
	if err != nil {
		t.Fatal(err)
	}
	return c, tok
}

// do sends a request and returns the status and body.
func (h *harness) do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// api calls the accounting API with the token for its tenant; extra
// headers come in name, value pairs.
func (h *harness) api(t *testing.T, tok *ledgersync.Token, method, path, body string, headers ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+apiPrefix+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("xero-tenant-id", tok.TenantID)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, b := h.do(t, req)
	return res.StatusCode, b
}

// collection decodes one collection of a 200 response into out.
func collection(t *testing.T, status int, body []byte, name string, out any) {
	t.Helper()
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", status, body)
	}
	var env map[string]json.RawMessage
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, body)
	}
	if err := json.Unmarshal(env[name], out); err != nil {
		t.Fatalf("collection %s: %v: %s", name, err, body)
	}
}

// validationMessages returns the messages of a 400 ValidationException.
func validationMessages(t *testing.T, status int, body []byte) []string {
	t.Helper()
	if status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400: %s", status, body)
	}
	var v struct {
		ErrorNumber int
		Type        string
		Elements    []struct{ ValidationErrors []struct{ Message string } }
	}
	if err := json.Unmarshal(body, &v); err != nil || v.ErrorNumber != 10 || v.Type != "ValidationException" {
		t.Fatalf("not a ValidationException (%v): %s", err, body)
	}
	var out []string
	for _, e := range v.Elements {
		for _, m := range e.ValidationErrors {
			out = append(out, m.Message)
		}
	}
	return out
}

var fieldPattern = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hiddenFields reads a page's hidden form fields.
func hiddenFields(page []byte) url.Values {
	v := url.Values{}
	for _, m := range fieldPattern.FindAllSubmatch(page, -1) {
		v.Set(string(m[1]), html.UnescapeString(string(m[2])))
	}
	return v
}

// postForm posts a form and returns the response and body.
func (h *harness) postForm(t *testing.T, path string, form url.Values, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return h.do(t, req)
}

func (h *harness) get(t *testing.T, rawURL string, headers ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return h.do(t, req)
}
