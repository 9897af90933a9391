package xero

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

// Credentials of the app the fake knows.
const (
	testClientID     = "client-id"
	testClientSecret = "client-secret"
	testRedirect     = "https://ledgersync.test/flow/callback/gbol"
)

// testNow is the clock of every platform under test.
var testNow = time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)

// fakeXero speaks Xero's dialect over httptest: the token and revocation
// endpoints (with PKCE and rotating refresh tokens), the connections
// endpoint and the accounting API (fakeapi_test.go). Authorization itself
// is not served: authorize registers a code as if the user consented.
type fakeXero struct {
	srv *httptest.Server

	mu       sync.Mutex
	codes    map[string]string // authorization code → PKCE challenge
	refresh  map[string]bool   // live refresh tokens
	access   map[string]bool   // live access tokens
	issued   int
	opaque   bool // issue access tokens that are not JWTs
	conns    json.RawMessage
	contacts int   // how many contacts the tenant has
	pages    []int // contact pages asked for
	form     url.Values
	basic    [2]string
}

// newFake starts a fake Xero, stopped when the test ends.
func newFake(t *testing.T) *fakeXero {
	t.Helper()
	f := &fakeXero{
		codes:   map[string]string{},
		refresh: map[string]bool{},
		access:  map[string]bool{},
		conns:   readTestdata(t, "connections.json"),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /connect/token", f.token)
	mux.HandleFunc("POST /connect/revocation", f.revoke)
	mux.HandleFunc("GET /connections", f.connections)
	f.routeAPI(t, mux)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// endpoints locate the fake.
func (f *fakeXero) endpoints() Endpoints {
	return Endpoints{
		AuthorizeURL:   f.srv.URL + "/connect/authorize",
		TokenURL:       f.srv.URL + "/connect/token",
		RevocationURL:  f.srv.URL + "/connect/revocation",
		ConnectionsURL: f.srv.URL + "/connections",
		APIBase:        f.srv.URL + "/api.xro/2.0",
	}
}

// platform returns a Platform that talks to the fake.
func (f *fakeXero) platform() *Platform {
	return New(Options{
		Key: KeyXero, ClientID: testClientID, ClientSecret: testClientSecret,
		Endpoints: f.endpoints(), HTTPClient: f.srv.Client(),
		Now: func() time.Time { return testNow },
	})
}

// authorize registers a code for the PKCE challenge, as Xero does once the
// user has consented.
func (f *fakeXero) authorize(challenge string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	code := fmt.Sprintf("code-%d", len(f.codes)+1)
	f.codes[code] = challenge
	return code
}

// grant mints a live access token for tenant, without OAuth.
func (f *fakeXero) grant(tenant string) *ledgersync.Token {
	f.mu.Lock()
	defer f.mu.Unlock()
	at, _ := f.mint()
	return &ledgersync.Token{AccessToken: at, TenantID: tenant}
}

// mint issues a token pair; f.mu is held.
func (f *fakeXero) mint() (access, refresh string) {
	f.issued++
	access = fmt.Sprintf("opaque-access-%d", f.issued)
	if !f.opaque {
		claims := fmt.Sprintf(`{"authentication_event_id":"evt-2","n":%d}`, f.issued)
		access = "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2ln"
	}
	refresh = fmt.Sprintf("refresh-%d", f.issued)
	f.access[access], f.refresh[refresh] = true, true
	return access, refresh
}

// token serves the authorization_code and refresh_token grants.
func (f *fakeXero) token(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := r.ParseForm()
	id, secret, _ := r.BasicAuth()
	f.form, f.basic = r.PostForm, [2]string{id, secret}
	if err != nil || id != testClientID || secret != testClientSecret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	if r.PostForm.Get("code") == "code-broken" {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"Title": "An error occurred"})
		return
	}
	if !f.redeem(r.PostForm) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
		return
	}
	access, refresh := f.mint()
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": access, "refresh_token": refresh,
		"expires_in": 1800, "token_type": "Bearer", "scope": r.PostForm.Get("scope"),
	})
}

// redeem consumes a code (checking the PKCE verifier) or a refresh token;
// f.mu is held. Refresh tokens rotate: each one works once.
func (f *fakeXero) redeem(form url.Values) bool {
	switch form.Get("grant_type") {
	case "authorization_code":
		challenge, ok := f.codes[form.Get("code")]
		delete(f.codes, form.Get("code"))
		return ok && form.Get("redirect_uri") == testRedirect && s256(form.Get("code_verifier")) == challenge
	case "refresh_token":
		ok := f.refresh[form.Get("refresh_token")]
		delete(f.refresh, form.Get("refresh_token"))
		return ok
	}
	return false
}

// revoke serves the revocation endpoint.
func (f *fakeXero) revoke(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id, secret, _ := r.BasicAuth()
	if id != testClientID || secret != testClientSecret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	delete(f.refresh, r.PostFormValue("token"))
	w.WriteHeader(http.StatusOK)
}

// connections lists the tenants connected to the app.
func (f *fakeXero) connections(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(r) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"Title": "Unauthorized", "Status": 401, "Detail": "TokenInvalid"})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(f.conns)
}

// authorized reports whether r carries a live bearer token.
func (f *fakeXero) authorized(r *http.Request) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && f.access[token]
}

// tokenRequest returns the form and Basic credentials of the last token
// request.
func (f *fakeXero) tokenRequest() (url.Values, [2]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.form, f.basic
}

// s256 is the PKCE S256 challenge of a verifier.
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
