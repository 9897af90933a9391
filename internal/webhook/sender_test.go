package webhook

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// receiver is a webhook endpoint on loopback that records what it gets.
type receiver struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
	body [][]byte
}

func newReceiver(t *testing.T, h http.HandlerFunc) *receiver {
	t.Helper()
	rc := &receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.reqs, rc.body = append(rc.reqs, r), append(rc.body, b)
		rc.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) count() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.reqs)
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(code) }
}

// delivery returns a signed Delivery to url and its secret.
func delivery(t *testing.T, url string) (*Delivery, string) {
	t.Helper()
	secret := newSecret(t)
	s, err := NewSigner(secret)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"ClientId":"` + testClient + `","RuleType":"Sync Completed","Message":"a & b"}`)
	return &Delivery{URL: url, ID: testAlert, Body: body, Signer: s}, secret
}

var devSender = NewSender(Options{Guard: Guard{AllowLoopback: true}, Timeout: 2 * time.Second})

func TestSendDelivered(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(strings.Repeat("x", 1<<20))) })
	d, secret := delivery(t, rc.URL+"/hook")
	d.Authorization = "Bearer partner-token"
	if r := devSender.Send(context.Background(), d); r.Outcome != Delivered || r.StatusCode != 200 || r.Error != "" {
		t.Fatalf("Send = %+v, want delivered", r)
	}
	d.Authorization = ""
	if r := devSender.Send(context.Background(), d); r.Outcome != Delivered {
		t.Fatalf("second Send = %+v", r)
	}
	if rc.count() != 2 {
		t.Fatalf("receiver got %d requests, want 2", rc.count())
	}
	first, second := rc.reqs[0], rc.reqs[1]
	if first.Method != http.MethodPost || first.URL.Path != "/hook" || first.Header.Get("Content-Type") != "application/json" {
		t.Errorf("request %s %s, Content-Type %q", first.Method, first.URL.Path, first.Header.Get("Content-Type"))
	}
	if string(rc.body[0]) != string(d.Body) || string(rc.body[1]) != string(d.Body) {
		t.Errorf("body = %q, want exactly %q", rc.body[0], d.Body)
	}
	if got := first.Header.Values("Authorization"); len(got) != 1 || got[0] != "Bearer partner-token" {
		t.Errorf("Authorization = %q, want the alertAuthHeader verbatim", got)
	}
	if _, ok := second.Header["Authorization"]; ok {
		t.Errorf("Authorization sent without an alertAuthHeader: %q", second.Header.Get("Authorization"))
	}
	for i, req := range rc.reqs {
		if err := verify(t, secret, rc.body[i], req.Header); err != nil {
			t.Errorf("request %d: official library: %v", i, err)
		}
		if req.Header.Get(HeaderID) != d.ID {
			t.Errorf("request %d: webhook-id = %q, want %q", i, req.Header.Get(HeaderID), d.ID)
		}
	}
}

func TestSendClassifies(t *testing.T) {
	t.Parallel()
	now := time.Now().Truncate(time.Second)
	s := NewSender(Options{Guard: Guard{AllowLoopback: true}, Now: func() time.Time { return now }})
	retryAt := now.Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name string
		h    http.HandlerFunc
		want Result
	}{
		{"204", status(204), Result{Outcome: Delivered, StatusCode: 204}},
		{"500", status(500), Result{Outcome: Failed, StatusCode: 500, Error: "HTTP 500"}},
		{"400", status(400), Result{Outcome: Failed, StatusCode: 400, Error: "HTTP 400"}},
		{"410", status(410), Result{Outcome: Gone, StatusCode: 410, Error: "HTTP 410 Gone"}},
		{"429 seconds", retryAfter("120", 429), Result{Outcome: Throttled, StatusCode: 429, RetryAfter: 2 * time.Minute, Error: "HTTP 429"}},
		{"503 date", retryAfter(retryAt, 503), Result{Outcome: Throttled, StatusCode: 503, RetryAfter: 90 * time.Second, Error: "HTTP 503"}},
		{"429 none", status(429), Result{Outcome: Throttled, StatusCode: 429, Error: "HTTP 429"}},
		{"429 junk", retryAfter("soon", 429), Result{Outcome: Throttled, StatusCode: 429, Error: "HTTP 429"}},
		{"304", status(304), Result{Outcome: Failed, StatusCode: 304, Error: "HTTP 304: redirect not followed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rc := newReceiver(t, tt.h)
			d, _ := delivery(t, rc.URL)
			if got := s.Send(context.Background(), d); got != tt.want {
				t.Errorf("Send = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func retryAfter(v string, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", v)
		w.WriteHeader(code)
	}
}

// TestSendNoRedirect: a 301 or a 302 (here to loopback) is a failure, and
// its target sees nothing.
func TestSendNoRedirect(t *testing.T) {
	t.Parallel()
	target := newReceiver(t, status(200))
	for _, code := range []int{301, 302, 307, 308} {
		rc := newReceiver(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, target.URL+"/stolen", code)
		})
		d, _ := delivery(t, rc.URL)
		if r := devSender.Send(context.Background(), d); r.Outcome != Failed || r.StatusCode != code ||
			!strings.Contains(r.Error, "redirect not followed") {
			t.Errorf("%d: Send = %+v, want a failure", code, r)
		}
	}
	if n := target.count(); n != 0 {
		t.Errorf("the redirect target got %d requests, want 0", n)
	}
}

func TestSendTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	rc := newReceiver(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	s := NewSender(Options{Guard: Guard{AllowLoopback: true}, Timeout: 150 * time.Millisecond})
	d, _ := delivery(t, rc.URL)
	start := time.Now()
	r := s.Send(context.Background(), d)
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond || elapsed > 5*time.Second {
		t.Errorf("the attempt took %s, want about the 150ms timeout", elapsed)
	}
	if r.Outcome != Failed || r.StatusCode != 0 || r.Error != "no response within 150ms" {
		t.Errorf("Send = %+v, want a timeout failure", r)
	}
}

// TestSendGuarded: without the test-only allow entry, loopback is refused
// at dial time, whether the URL names it or a resolver maps a name to it;
// the receiver sees nothing, and the error quotes no URL.
func TestSendGuarded(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, status(200))
	port := ":" + strconv.Itoa(rc.Listener.Addr().(*net.TCPAddr).Port)
	fake := fakeResolver{"hooks.example.com": {netip.MustParseAddr("127.0.0.1")},
		"rebind.example.com": {netip.MustParseAddr("::1"), netip.MustParseAddr("127.0.0.1")}}
	strict := NewSender(Options{Resolver: fake})
	for _, url := range []string{rc.URL + "/?token=s3cr3t", "http://hooks.example.com" + port + "/?token=s3cr3t",
		"http://rebind.example.com" + port + "/?token=s3cr3t"} {
		d, _ := delivery(t, url)
		r := strict.Send(context.Background(), d)
		if r.Outcome != Failed || !strings.Contains(r.Error, "is loopback") || strings.Contains(r.Error, "s3cr3t") {
			t.Errorf("%s: Send = %+v, want a loopback refusal that quotes no URL", url, r)
		}
	}
	if n := rc.count(); n != 0 {
		t.Fatalf("the receiver got %d requests, want 0", n)
	}
	dev := NewSender(Options{Resolver: fake, Guard: Guard{AllowLoopback: true}})
	d, _ := delivery(t, "http://hooks.example.com"+port+"/")
	if r := dev.Send(context.Background(), d); r.Outcome != Delivered {
		t.Fatalf("with AllowLoopback: Send = %+v, want delivered", r)
	}
	if rc.count() != 1 || rc.reqs[0].Host != "hooks.example.com"+port {
		t.Errorf("receiver got %d requests (Host %q)", rc.count(), rc.reqs[0].Host)
	}
}

type fakeResolver map[string][]netip.Addr

func (f fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	return f[host], nil
}

func TestSendRejectsBadURL(t *testing.T) {
	t.Parallel()
	rc := newReceiver(t, status(200))
	for _, url := range []string{"ftp://127.0.0.1/", "http://user:pass@" + rc.Listener.Addr().String() + "/", "::nope"} {
		d, _ := delivery(t, url)
		if r := devSender.Send(context.Background(), d); r.Outcome != Failed || r.Error != "invalid webhook URL" {
			t.Errorf("%s: Send = %+v", url, r)
		}
	}
	d, _ := delivery(t, rc.URL)
	d.Signer = nil
	if r := devSender.Send(context.Background(), d); r.Outcome != Failed {
		t.Errorf("without a signer: Send = %+v", r)
	}
	if n := rc.count(); n != 0 {
		t.Errorf("the receiver got %d requests, want 0", n)
	}
}

func TestShorten(t *testing.T) {
	t.Parallel()
	if got := shorten("a\nb"); got != "a; b" {
		t.Errorf("shorten = %q", got)
	}
	if got := shorten(strings.Repeat("é", 150)); len(got) > 203 || !utf8.ValidString(got) {
		t.Errorf("shorten gave %d bytes, valid UTF-8 %v", len(got), utf8.ValidString(got))
	}
}

// TestSenderIgnoresProxyEnv checks the transport has no Proxy function.
// (A behavioural test cannot tell: net/http never proxies loopback.)
func TestSenderIgnoresProxyEnv(t *testing.T) {
	t.Parallel()
	tr, ok := NewSender(Options{}).client.Transport.(*http.Transport)
	if !ok || tr.Proxy != nil {
		t.Fatal("the sender's transport may use a proxy from the environment")
	}
}
