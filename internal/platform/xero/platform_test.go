package xero

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestEndpoints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  Endpoints
		want Endpoints
	}{
		{"xero", XeroEndpoints(), Endpoints{
			AuthorizeURL:   "https://login.xero.com/identity/connect/authorize",
			TokenURL:       "https://identity.xero.com/connect/token",
			RevocationURL:  "https://identity.xero.com/connect/revocation",
			ConnectionsURL: "https://api.xero.com/connections",
			APIBase:        "https://api.xero.com/api.xro/2.0",
		}},
		{"sandbox", SandboxEndpoints("http://127.0.0.1:8080/"), Endpoints{
			AuthorizeURL:   "http://127.0.0.1:8080/sandbox/identity/connect/authorize",
			TokenURL:       "http://127.0.0.1:8080/sandbox/identity/connect/token",
			RevocationURL:  "http://127.0.0.1:8080/sandbox/identity/connect/revocation",
			ConnectionsURL: "http://127.0.0.1:8080/sandbox/connections",
			APIBase:        "http://127.0.0.1:8080/sandbox/api.xro/2.0",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.got != tt.want {
				t.Errorf("got %+v\nwant %+v", tt.got, tt.want)
			}
		})
	}
}

func TestAuthorizeURL(t *testing.T) {
	t.Parallel()
	p := New(Options{Key: KeyXero, ClientID: testClientID, Endpoints: XeroEndpoints()})
	state := strings.Repeat("s", 43)
	challenge := s256(strings.Repeat("v", 64))
	u, err := url.Parse(p.AuthorizeURL(state, challenge, testRedirect))
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Scheme + "://" + u.Host + u.Path; got != XeroEndpoints().AuthorizeURL {
		t.Errorf("authorize URL base = %s", got)
	}
	q := u.Query()
	want := map[string]string{
		"response_type":         "code",
		"client_id":             testClientID,
		"redirect_uri":          testRedirect,
		"scope":                 "openid profile email offline_access accounting.transactions accounting.settings accounting.contacts",
		"state":                 state,
		"code_challenge":        challenge,
		"code_challenge_method": "S256",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	if len(q) != len(want) {
		t.Errorf("parameters = %v, want exactly %d", q, len(want))
	}
}

func TestNewDefaults(t *testing.T) {
	t.Parallel()
	p := New(Options{Key: KeySandbox, Scopes: []string{"accounting.settings"}})
	if p.Key() != KeySandbox {
		t.Errorf("Key() = %q", p.Key())
	}
	if p.client.Timeout != RequestTimeout {
		t.Errorf("default client timeout = %v, want %v", p.client.Timeout, RequestTimeout)
	}
	if p.now == nil {
		t.Error("no default clock")
	}
	u, _ := url.Parse(p.AuthorizeURL("state", "challenge", testRedirect))
	if got := u.Query().Get("scope"); got != "accounting.settings" {
		t.Errorf("scope = %q, want the configured scopes", got)
	}
	own := &http.Client{}
	if New(Options{HTTPClient: own}).client != own {
		t.Error("the given HTTP client is not used")
	}
}

func TestWithDeadline(t *testing.T) {
	t.Parallel()
	ctx, cancel := withDeadline(context.Background())
	defer cancel()
	if d, ok := ctx.Deadline(); !ok || time.Until(d) > RequestTimeout {
		t.Errorf("no default deadline: %v %v", d, ok)
	}
	parent, cancelParent := context.WithTimeout(context.Background(), time.Hour)
	defer cancelParent()
	ctx, cancel = withDeadline(parent)
	defer cancel()
	if d, _ := ctx.Deadline(); time.Until(d) < 59*time.Minute {
		t.Errorf("the caller's deadline was replaced: %v", d)
	}
}
