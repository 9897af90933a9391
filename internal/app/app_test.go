package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/logtest"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func newApp(t *testing.T, s *store.Store) (*httptest.Server, *logtest.Buffer) {
	t.Helper()
	cfg, err := config.FromEnv(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	logs := &logtest.Buffer{}
	a, err := app.New(cfg, s, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Server.Handler())
	t.Cleanup(srv.Close)
	return srv, logs
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestOperationsEndpointsNeedNoKey(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		srv, _ := newApp(t, s)
		if code, body := get(t, srv.URL+"/healthz"); code != 200 || body != "ok\n" {
			t.Errorf("/healthz %d %q", code, body)
		}
		if code, _ := get(t, srv.URL+"/readyz"); code != 200 {
			t.Errorf("/readyz %d", code)
		}
		_, _ = get(t, srv.URL+"/companies")
		code, metrics := get(t, srv.URL+"/metrics")
		if code != 200 || !strings.Contains(metrics, `ledgersync_http_requests_total{route="GET /companies",status="401"} 1`) {
			t.Errorf("/metrics %d lacks the API route", code)
		}
		code, doc := get(t, srv.URL+"/openapi.yaml")
		if code != 200 {
			t.Fatalf("/openapi.yaml %d", code)
		}
		if _, err := openapi3.NewLoader().LoadFromData([]byte(doc)); err != nil {
			t.Fatalf("served /openapi.yaml does not load: %v", err)
		}
		s.Close()
		if code, _ := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable {
			t.Errorf("/readyz with the database closed: %d, want 503", code)
		}
	})
}

func TestRequestLogsHoldNoAPIKey(t *testing.T) {
	t.Parallel()
	s := storetest.Open(t, "sqlite", storetest.Options{})
	srv, logs := newApp(t, s)
	ctx := context.Background()
	c, err := s.CreateClient(ctx, "A", 0)
	if err != nil {
		t.Fatal(err)
	}
	key, err := s.CreateAPIKey(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, auth := range []string{"Bearer " + key, "Bearer " + key + "x"} {
		req, _ := http.NewRequest("POST", srv.URL+"/companies", strings.NewReader(`{"name":"Shop"}`))
		req.Header.Set("Authorization", auth)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	if strings.Contains(logs.String(), key) || strings.Contains(logs.String(), key[:20]) {
		t.Fatalf("API key in logs:\n%s", logs.String())
	}
	if n := strings.Count(logs.String(), "msg=request "); n != 2 {
		t.Fatalf("%d request log lines, want 2:\n%s", n, logs.String())
	}
}

func flowStart(merchant string) ledgersync.FlowStart {
	return ledgersync.FlowStart{CommerceKey: "lqai", AccountingKey: "mqjo", MerchantIdentifier: merchant}
}
