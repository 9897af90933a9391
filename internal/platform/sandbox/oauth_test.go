package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// oauthConfig is ledgersync's client of the sandbox, as a real client is.
func (h *harness) oauthConfig() *oauth2.Config {
	return &oauth2.Config{
		ClientID: ClientID, ClientSecret: testSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   h.srv.URL + "/sandbox/identity/connect/authorize",
			TokenURL:  h.srv.URL + "/sandbox/identity/connect/token",
			AuthStyle: oauth2.AuthStyleInHeader,
		},
		RedirectURL: h.srv.URL + "/flow/callback",
		Scopes:      []string{"offline_access", "accounting.transactions"},
	}
}

// authorize runs the browser's part over HTTP: the login page, the login
// form, the consent form, and the redirect to the flow's callback. It
// returns the code the callback received.
func (h *harness) authorize(t *testing.T, conf *oauth2.Config, verifier, username, password string) string {
	t.Helper()
	res, page := h.get(t, conf.AuthCodeURL("state-123", oauth2.S256ChallengeOption(verifier)))
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), `name="password"`) {
		t.Fatalf("authorize page: %d\n%s", res.StatusCode, page)
	}
	checkPageHeaders(t, res)
	form := hiddenFields(page)
	form.Set("username", username)
	form.Set("password", password)
	res, page = h.postForm(t, "/sandbox/identity/connect/authorize", form)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), "Allow ledgersync to read and write Sandbox Trading Ltd") {
		t.Fatalf("consent page: %d\n%s", res.StatusCode, page)
	}
	consent := hiddenFields(page)
	consent.Set("decision", "allow")
	res, _ = h.postForm(t, "/sandbox/identity/connect/consent", consent)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("consent: %d, want 303", res.StatusCode)
	}
	if cb, _ := h.get(t, res.Header.Get("Location")); cb.StatusCode != http.StatusOK {
		t.Fatalf("callback: %d", cb.StatusCode)
	}
	back := h.callback()
	if back.Get("state") != "state-123" || back.Get("code") == "" {
		t.Fatalf("callback got %v", back)
	}
	return back.Get("code")
}

func checkPageHeaders(t *testing.T, res *http.Response) {
	t.Helper()
	for name, want := range map[string]string{
		"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Frame-Options": "DENY",
	} {
		if got := res.Header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", csp)
	}
}

func TestAuthorizationCodeFlow(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		ctx := context.Background()
		demo, err := h.sb.EnsureDemoOrg(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conf := h.oauthConfig()
		verifier := oauth2.GenerateVerifier()
		code := h.authorize(t, conf, verifier, DemoUsername, DemoPassword)
		tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatal(err)
		}
		if tok.AccessToken == "" || tok.RefreshToken == "" || tok.TokenType != "Bearer" || tok.ExpiresIn != 1800 {
			t.Errorf("token = %+v", tok)
		}
		if tok.Extra("scope") != "offline_access accounting.transactions" {
			t.Errorf("scope = %v", tok.Extra("scope"))
		}
		conns := h.connections(t, tok.AccessToken)
		if len(conns) != 1 || conns[0].TenantID != demo.TenantID || conns[0].TenantName != DemoOrgName ||
			conns[0].TenantType != "ORGANISATION" || conns[0].AuthEventID == "" {
			t.Errorf("connections = %+v", conns)
		}
		t.Run("code is single use", func(t *testing.T) {
			if _, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier)); !isOAuthError(err, "invalid_grant") {
				t.Errorf("second exchange: %v", err)
			}
			// Reuse revokes what the code was exchanged for.
			if res, _ := h.get(t, h.srv.URL+"/sandbox/connections", "Authorization", "Bearer "+tok.AccessToken); res.StatusCode != http.StatusUnauthorized {
				t.Errorf("token after code reuse: %d, want 401", res.StatusCode)
			}
		})
	})
}

func (h *harness) connections(t *testing.T, access string) []connection {
	t.Helper()
	res, body := h.get(t, h.srv.URL+"/sandbox/connections", "Authorization", "Bearer "+access)
	var conns []connection
	if res.StatusCode != http.StatusOK || json.Unmarshal(body, &conns) != nil {
		t.Fatalf("connections: %d %s", res.StatusCode, body)
	}
	return conns
}

func isOAuthError(err error, code string) bool {
	re, ok := err.(*oauth2.RetrieveError)
	return ok && re.ErrorCode == code
}

func TestCodeExchangeRefusals(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		ctx := context.Background()
		if _, err := h.sb.EnsureDemoOrg(ctx); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			mangle func(conf *oauth2.Config, verifier *string)
			wait   time.Duration
		}{
			{"wrong verifier", func(_ *oauth2.Config, v *string) { *v = oauth2.GenerateVerifier() }, 0},
			{"other redirect_uri", func(c *oauth2.Config, _ *string) { c.RedirectURL = h.srv.URL + "/flow/other" }, 0},
			{"expired code", func(*oauth2.Config, *string) {}, codeTTL + time.Second},
			{"wrong client secret", func(c *oauth2.Config, _ *string) { c.ClientSecret = "nope" }, 0},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				conf := h.oauthConfig()
				verifier := oauth2.GenerateVerifier()
				code := h.authorize(t, conf, verifier, DemoUsername, DemoPassword)
				h.clock.advance(tc.wait)
				tc.mangle(conf, &verifier)
				_, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
				want := "invalid_grant"
				if tc.name == "wrong client secret" {
					want = "invalid_client"
				}
				if !isOAuthError(err, want) {
					t.Errorf("exchange: %v, want %s", err, want)
				}
			})
		}
	})
}

func TestAuthorizeRequestValidation(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", Options{})
	conf := h.oauthConfig()
	challenge := oauth2.S256ChallengeOption(oauth2.GenerateVerifier())
	good := conf.AuthCodeURL("s", challenge)
	tests := []struct {
		name string
		edit func(q url.Values)
	}{
		{"unknown client", func(q url.Values) { q.Set("client_id", "evil") }},
		{"foreign redirect", func(q url.Values) { q.Set("redirect_uri", "https://evil.example/flow/callback") }},
		{"redirect outside the flow", func(q url.Values) { q.Set("redirect_uri", h.srv.URL+"/sandbox/ledger/x") }},
		{"dot segments", func(q url.Values) { q.Set("redirect_uri", h.srv.URL+"/flow/../sandbox/x") }},
		{"missing state", func(q url.Values) { q.Del("state") }},
		{"missing challenge", func(q url.Values) { q.Del("code_challenge") }},
		{"plain challenge", func(q url.Values) { q.Set("code_challenge_method", "plain") }},
		{"token response type", func(q url.Values) { q.Set("response_type", "token") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := url.Parse(good)
			q := u.Query()
			tc.edit(q)
			u.RawQuery = q.Encode()
			res, body := h.get(t, u.String())
			if res.StatusCode != http.StatusBadRequest || res.Header.Get("Location") != "" {
				t.Errorf("status %d, location %q, want a 400 page", res.StatusCode, res.Header.Get("Location"))
			}
			if strings.Contains(string(body), `name="password"`) {
				t.Error("the error page asks for a password")
			}
		})
	}
}

func TestLoginFailuresAndDeny(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", Options{})
	if _, err := h.sb.EnsureDemoOrg(context.Background()); err != nil {
		t.Fatal(err)
	}
	conf := h.oauthConfig()
	_, page := h.get(t, conf.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if !strings.Contains(string(page), "Demo organisation:") || !strings.Contains(string(page), DemoPassword) {
		t.Errorf("login page does not show the demo credentials:\n%s", page)
	}
	form := hiddenFields(page)
	form.Set("username", DemoUsername)
	form.Set("password", "wrong")
	for i := range loginFailures {
		res, page := h.postForm(t, "/sandbox/identity/connect/authorize", form)
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(string(page), "not right") {
			t.Fatalf("failure %d: %d", i+1, res.StatusCode)
		}
	}
	form.Set("password", DemoPassword)
	if res, _ := h.postForm(t, "/sandbox/identity/connect/authorize", form); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after %d failures: %d, want 429", loginFailures, res.StatusCode)
	}
	h.clock.advance(loginWindow)
	res, page := h.postForm(t, "/sandbox/identity/connect/authorize", form)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("after the window: %d", res.StatusCode)
	}
	t.Run("cross-origin form refused", func(t *testing.T) {
		res, _ := h.postForm(t, "/sandbox/identity/connect/consent", hiddenFields(page), "Sec-Fetch-Site", "cross-site")
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site consent: %d, want 403", res.StatusCode)
		}
	})
	consent := hiddenFields(page)
	consent.Set("decision", "deny")
	res, _ = h.postForm(t, "/sandbox/identity/connect/consent", consent)
	loc, _ := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || loc.Query().Get("error") != "access_denied" || loc.Query().Get("state") != "st" {
		t.Errorf("deny: %d %s", res.StatusCode, loc)
	}
	if res, _ = h.postForm(t, "/sandbox/identity/connect/consent", consent); res.StatusCode != http.StatusBadRequest {
		t.Errorf("consent ticket reused: %d, want 400", res.StatusCode)
	}
}
