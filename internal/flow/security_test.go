package flow_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// concrete fills a route pattern's wildcards so it can be requested.
func concrete(pattern string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	r := strings.NewReplacer("{clientId}", "c", "{commerceKey}", "lqai", "{accountingKey}", "mqjo",
		"{companyId}", "x", "{platformKey}", "mqjo")
	return method, r.Replace(path)
}

func TestEveryFormRefusesCrossOriginRequests(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite")
	posts := 0
	for _, pattern := range h.routes {
		method, path := concrete(pattern)
		if method == "GET" || method == "HEAD" {
			continue
		}
		posts++
		for name, hdr := range map[string]http.Header{
			"cross-site":          {"Sec-Fetch-Site": {"cross-site"}},
			"same-site":           {"Sec-Fetch-Site": {"same-site"}},
			"foreign Origin":      {"Origin": {"https://evil.example"}},
			"null Origin":         {"Origin": {"null"}},
			"cross-site + Origin": {"Sec-Fetch-Site": {"cross-site"}, "Origin": {h.srv.URL}},
		} {
			if p := h.send(method, path, "", hdr, form()); p.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s with %s: %d, want 403", method, path, name, p.StatusCode)
			}
		}
		if p := h.send(method, path, "", http.Header{"Sec-Fetch-Site": {"same-origin"}}, form()); p.StatusCode == http.StatusForbidden {
			t.Errorf("%s %s same-origin: 403", method, path)
		}
	}
	if posts < 2 {
		t.Fatalf("only %d form routes found", posts)
	}
}

func TestContentSecurityPolicy(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite")
	csp := func(p *page) map[string]string {
		out := map[string]string{}
		for _, d := range strings.Split(p.Header.Get("Content-Security-Policy"), ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
			out[name] = value
		}
		return out
	}
	first, second := h.get(startPath(h.link("M1")), ""), h.get(startPath(h.link("M2")), "")
	a := csp(h.get("/flow/c/x/connect", first.sessionCookie().Value))
	b := csp(h.get("/flow/c/x/connect", second.sessionCookie().Value))
	if a["frame-ancestors"] != "'none'" || a["object-src"] != "'none'" || a["base-uri"] != "'none'" {
		t.Fatalf("default policy %v", a)
	}
	if a["script-src"] == b["script-src"] || !strings.HasPrefix(a["script-src"], "'nonce-") {
		t.Fatalf("nonces not fresh: %q %q", a["script-src"], b["script-src"])
	}
	p, _ := h.store.FindProfile(context.Background(), h.client.ID)
	p.FrameAncestors = []string{"https://app.partner.example", "https://admin.partner.example"}
	if _, err := h.store.UpdateProfile(context.Background(), p, false); err != nil {
		t.Fatal(err)
	}
	l := h.link("M3")
	framed := csp(h.get("/flow/c/"+l.CompanyID+"/connect", h.open(l)))
	if framed["frame-ancestors"] != "https://app.partner.example https://admin.partner.example" {
		t.Fatalf("frame-ancestors %q", framed["frame-ancestors"])
	}
}

func TestOAuthStateHygiene(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		l := h.link("M")
		cookie := h.open(l)
		connect := h.send("POST", "/flow/c/"+l.CompanyID+"/connect", cookie, http.Header{"Sec-Fetch-Site": {"same-origin"}}, form())
		if connect.StatusCode != http.StatusSeeOther {
			t.Fatalf("connect: %d %s", connect.StatusCode, connect.body)
		}
		auth, _ := url.Parse(connect.Header.Get("Location"))
		state := auth.Query().Get("state")
		if len(state) < 43 || auth.Query().Get("code_challenge") == "" ||
			auth.Query().Get("redirect_uri") != h.srv.URL+"/flow/callback/mqjo" {
			t.Fatalf("authorize URL %s", auth)
		}
		other := h.open(h.link("Other"))
		for name, c := range map[string]struct{ cookie, state string }{
			"foreign session": {other, state},
			"unknown state":   {cookie, "nope"},
		} {
			p := h.get("/flow/callback/mqjo?code=abc&state="+url.QueryEscape(c.state), c.cookie)
			if p.StatusCode != http.StatusBadRequest {
				t.Fatalf("%s: %d", name, p.StatusCode)
			}
		}
		select {
		case got := <-h.platform.exchanged:
			t.Fatalf("a code was exchanged before the state validated: %s", got)
		default:
		}
		ok := h.get("/flow/callback/mqjo?code=abc&state="+url.QueryEscape(state), cookie)
		if ok.StatusCode != http.StatusSeeOther || ok.sessionCookie() == nil || ok.sessionCookie().Value == cookie {
			t.Fatalf("callback: %d, cookie rotated: %v", ok.StatusCode, ok.sessionCookie())
		}
		if got := <-h.platform.exchanged; !strings.HasPrefix(got, "abc ") || len(got) < 4+43 {
			t.Fatalf("exchange got %q", got)
		}
		if p := h.get("/flow/callback/mqjo?code=abc&state="+url.QueryEscape(state), ok.sessionCookie().Value); p.StatusCode != http.StatusBadRequest {
			t.Fatalf("reused state: %d", p.StatusCode)
		}
		if p := h.get("/flow/c/"+l.CompanyID, cookie); p.StatusCode != http.StatusUnauthorized {
			t.Fatalf("old session id after OAuth: %d", p.StatusCode)
		}
		landing := h.get("/flow/c/"+l.CompanyID, ok.sessionCookie().Value)
		if landing.StatusCode != http.StatusSeeOther || landing.Header.Get("Location") != "/flow/c/"+l.CompanyID+"/format" {
			t.Fatalf("landing after linking: %d %s", landing.StatusCode, landing.Header.Get("Location"))
		}
		tok, err := h.store.ConnectionToken(context.Background(), accountingConnection(t, h, l.CompanyID))
		if err != nil || tok.AccessToken != "access-abc" || tok.TenantID != "org-1" {
			t.Fatalf("stored token %+v %v", tok, err)
		}
	})
}

func accountingConnection(t testing.TB, h *harness, companyID string) string {
	t.Helper()
	co, err := h.store.FindCompanyByID(context.Background(), h.client.ID, companyID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range co.Connections {
		if c.IntegrationKey == "mqjo" {
			return c.ID
		}
	}
	t.Fatal("no accounting connection")
	return ""
}

func TestNoSecretInLogs(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		l := h.link("M")
		cookie := h.open(l)
		h.get("/flow/c/"+l.CompanyID+"/connect", cookie)
		h.get(startPath(l), "")
		logs := h.logs.String()
		for _, secret := range []string{l.Code, l.Token, cookie} {
			if strings.Contains(logs, secret) {
				t.Fatalf("logs hold a secret %q:\n%s", secret, logs)
			}
		}
	})
}
