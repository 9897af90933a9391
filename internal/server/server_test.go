package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync/internal/logtest"
)

func testConfig() Config {
	return Config{Addr: "127.0.0.1:0", ReadHeaderTimeout: time.Second, ReadTimeout: 2 * time.Second,
		WriteTimeout: 2 * time.Second, IdleTimeout: time.Second, ShutdownTimeout: 2 * time.Second, MaxBodyBytes: 1024}
}

func newTestServer(t *testing.T, mux *http.ServeMux) (*Server, *logtest.Buffer) {
	t.Helper()
	logs := &logtest.Buffer{}
	return New(testConfig(), mux, slog.New(slog.NewJSONHandler(logs, nil)), NewMetrics()), logs
}

func TestMiddlewareLogsOneLinePerRequestWithoutQuery(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
		if RequestID(r.Context()) == "" {
			t.Error("no request id in the handler's context")
		}
		w.WriteHeader(http.StatusTeapot)
	})
	s, logs := newTestServer(t, mux)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/things/42?otp=123456&link=secretlink", nil)
	req.Header.Set("Authorization", "Bearer supersecretkey")
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	id := res.Header.Get("X-Correlation-Id")
	if len(id) != 32 {
		t.Fatalf("X-Correlation-Id %q", id)
	}
	lines := logs.Lines()
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1", len(lines))
	}
	l := lines[0]
	if l["request_id"] != id || l["route"] != "GET /things/{id}" || l["status"] != float64(418) || l["path"] != "/things/42" {
		t.Fatalf("log line %v", l)
	}
	raw, _ := json.Marshal(lines)
	for _, secret := range []string{"123456", "secretlink", "supersecretkey"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("log holds %q: %s", secret, raw)
		}
	}
}

func TestBodyCapAndPanicRecovery(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			var mbe *http.MaxBytesError
			if ok := asMaxBytes(err, &mbe); ok {
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	s, logs := newTestServer(t, mux)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for size, want := range map[int]int{1024: 200, 1025: 413} {
		res, err := srv.Client().Post(srv.URL+"/echo", "application/json", strings.NewReader(strings.Repeat("a", size)))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("body of %d bytes: %d, want %d", size, res.StatusCode, want)
		}
	}
	res, err := srv.Client().Get(srv.URL + "/panic")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 500 || !strings.Contains(string(body), `"statusCode":500`) {
		t.Fatalf("panic: %d %s", res.StatusCode, body)
	}
	var panicked bool
	for _, l := range logs.Lines() {
		panicked = panicked || l["msg"] == "panic"
	}
	if !panicked {
		t.Fatal("panic not logged")
	}
}

func asMaxBytes(err error, target **http.MaxBytesError) bool {
	e, ok := err.(*http.MaxBytesError)
	if ok {
		*target = e
	}
	return ok
}

func TestMetricsByRoutePattern(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(http.ResponseWriter, *http.Request) {})
	s, _ := newTestServer(t, mux)
	mux.Handle("GET /metrics", s.metrics.Handler())
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, p := range []string{"/items/1", "/items/2", "/nowhere"} {
		res, err := srv.Client().Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	res, err := srv.Client().Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{
		`ledgersync_http_requests_total{route="GET /items/{id}",status="200"} 2`,
		`ledgersync_http_requests_total{route="unmatched",status="404"} 1`,
		`ledgersync_http_request_duration_seconds_bucket{route="GET /items/{id}",status="200",le="+Inf"} 2`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestTimeoutsAreSet(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, http.NewServeMux())
	h := s.HTTPServer()
	if h.ReadHeaderTimeout == 0 || h.ReadTimeout == 0 || h.WriteTimeout == 0 || h.IdleTimeout == 0 {
		t.Fatalf("timeouts: %v %v %v %v", h.ReadHeaderTimeout, h.ReadTimeout, h.WriteTimeout, h.IdleTimeout)
	}
}

func TestSlowHeadersAreCut(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t, http.NewServeMux())
	ln, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = conn.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")) // never finishes its headers
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	// The read deadline is five times ReadHeaderTimeout: an error here
	// means the server kept the half-sent request open.
	if _, err = io.ReadAll(conn); err != nil {
		t.Fatalf("connection not closed by the server: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("graceful shutdown: %v", err)
	}
}

func TestGracefulShutdownDrainsInFlight(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		_, _ = w.Write([]byte("done"))
	})
	s, _ := newTestServer(t, mux)
	ln, err := s.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	result := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			result <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		result <- string(b)
	}()
	<-started
	cancel()
	if got := <-result; got != "done" {
		t.Fatalf("in-flight request got %q", got)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
