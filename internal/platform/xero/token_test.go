package xero

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

// testVerifier is a 64-character PKCE verifier.
var testVerifier = strings.Repeat("verifier", 8)

// exchange runs the code exchange against f.
func exchange(t *testing.T, f *fakeXero) *ledgersync.Token {
	t.Helper()
	code := f.authorize(s256(testVerifier))
	tok, err := f.platform().Exchange(context.Background(), code, testVerifier, testRedirect)
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	return tok
}

func TestExchange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                   string
		opaque                 bool
		wantTenant, wantName   string
		wantAccess, wantRefres string
	}{
		{"auth event picks its organisation", false, "tenant-b", "Beta Ltd", "eyJ", "refresh-1"},
		{"no auth event picks the newest organisation", true, "tenant-c", "Gamma Ltd", "opaque-access-1", "refresh-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.opaque = tt.opaque
			tok := exchange(t, f)
			if tok.TenantID != tt.wantTenant || tok.TenantName != tt.wantName {
				t.Errorf("tenant = %q %q, want %q %q", tok.TenantID, tok.TenantName, tt.wantTenant, tt.wantName)
			}
			if !strings.HasPrefix(tok.AccessToken, tt.wantAccess) || tok.RefreshToken != tt.wantRefres {
				t.Errorf("tokens = %q %q", tok.AccessToken, tok.RefreshToken)
			}
			if want := testNow.Add(30 * time.Minute); !tok.Expiry.Equal(want) {
				t.Errorf("expiry = %v, want %v", tok.Expiry, want)
			}
			form, basic := f.tokenRequest()
			if form.Get("code_verifier") != testVerifier || basic != [2]string{testClientID, testClientSecret} {
				t.Errorf("token request: form %v, basic auth %v", form, basic)
			}
			if form.Has("client_secret") {
				t.Error("the client secret was sent in the form, not in Basic auth")
			}
		})
	}
}

func TestExchangeFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		code     string
		verifier string
		secret   string
		noOrgs   bool
		want     ledgersync.PlatformErrorKind
	}{
		{"wrong verifier", "", "wrong-" + testVerifier, testClientSecret, false, ledgersync.PlatformReauthorize},
		{"unknown code", "code-unknown", testVerifier, testClientSecret, false, ledgersync.PlatformReauthorize},
		{"wrong client secret", "", testVerifier, "wrong", false, ledgersync.PlatformReauthorize},
		{"token endpoint down", "code-broken", testVerifier, testClientSecret, false, ledgersync.PlatformUnavailable},
		{"no organisation connected", "", testVerifier, testClientSecret, true, ledgersync.PlatformRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			if tt.noOrgs {
				f.conns = []byte(`[]`)
			}
			code := f.authorize(s256(testVerifier))
			if tt.code != "" {
				code = tt.code
			}
			p := f.platform()
			p.oauth.ClientSecret = tt.secret
			_, err := p.Exchange(context.Background(), code, tt.verifier, testRedirect)
			assertKind(t, err, tt.want)
		})
	}
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	p := f.platform()
	first := exchange(t, f)
	second, err := p.Refresh(context.Background(), first)
	if err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if second.RefreshToken != "refresh-2" || second.AccessToken == first.AccessToken {
		t.Errorf("tokens did not rotate: %+v", second)
	}
	if second.TenantID != first.TenantID || second.TenantName != first.TenantName {
		t.Errorf("tenant = %q %q, want %q %q", second.TenantID, second.TenantName, first.TenantID, first.TenantName)
	}
	if form, basic := f.tokenRequest(); form.Get("grant_type") != "refresh_token" || basic[0] != testClientID {
		t.Errorf("refresh request: form %v, basic auth %v", form, basic)
	}
	_, err = p.Refresh(context.Background(), first)
	assertKind(t, err, ledgersync.PlatformReauthorize)
	assertNoSecret(t, err, first.RefreshToken, first.AccessToken)
	_, err = p.Refresh(context.Background(), &ledgersync.Token{AccessToken: "a"})
	assertKind(t, err, ledgersync.PlatformReauthorize)
}

func TestRevoke(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	p := f.platform()
	tok := exchange(t, f)
	if err := p.Revoke(context.Background(), tok); err != nil {
		t.Fatalf("Revoke: %v", err)
	}
	_, err := p.Refresh(context.Background(), tok)
	assertKind(t, err, ledgersync.PlatformReauthorize)

	p.oauth.ClientSecret = "wrong"
	assertKind(t, p.Revoke(context.Background(), tok), ledgersync.PlatformReauthorize)
	p.endpoints.RevocationURL = ""
	if err := p.Revoke(context.Background(), tok); err != nil {
		t.Errorf("Revoke without an endpoint: %v", err)
	}
}

func TestStaticTokenSource(t *testing.T) {
	t.Parallel()
	want := &ledgersync.Token{AccessToken: "a", TenantID: "t"}
	got, err := StaticTokenSource(want).Token(context.Background())
	if err != nil || got != want {
		t.Errorf("Token() = %v, %v", got, err)
	}
}
