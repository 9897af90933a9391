package api_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func (h *harness) allowRedirects(k tenant, origins ...string) {
	h.t.Helper()
	h.do("PUT", "/profile", k, map[string]any{"name": "Partner", "whiteListUrls": origins}).want(http.StatusOK)
}

func TestStartURL(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.allowRedirects(h.a, "https://partner.example")
		var out struct {
			URL string `json:"url"`
		}
		h.do("GET", "/config/sync/commerce/lqai/mqjo/start?merchantIdentifier=CoPay%20Ltd&redirectUrl="+
			url.QueryEscape("https://partner.example/done"), h.a, nil).want(http.StatusOK).decode(&out)
		u, err := url.Parse(out.URL)
		if err != nil {
			t.Fatal(err)
		}
		if want := "/flow/" + h.a.id + "/lqai/mqjo/start"; u.Path != want {
			t.Fatalf("path %s, want %s", u.Path, want)
		}
		q := u.Query()
		if q.Get("merchantIdentifier") != "CoPay Ltd" || !regexp.MustCompile(`^\d{6}$`).MatchString(q.Get("otp")) ||
			len(q.Get("link")) < 22 || q.Get("redirectUrl") != "https://partner.example/done" {
			t.Fatalf("query %v", q)
		}
		var page companiesOut
		h.do("GET", "/companies?query=merchantIdentifier%3DCoPay%20Ltd", h.a, nil).want(http.StatusOK).decode(&page)
		if page.TotalResults != 1 {
			t.Fatalf("company not created: %+v", page)
		}
		co := page.Results[0]
		if co.Name != "CoPay Ltd" || len(co.DataConnections) != 2 {
			t.Fatalf("company %+v", co)
		}
		assertNotInDatabase(t, h, q.Get("otp"))
		assertNotInDatabase(t, h, q.Get("link"))
		// A second call reuses the company.
		h.do("GET", "/config/sync/commerce/lqai/mqjo/start?merchantIdentifier=CoPay%20Ltd", h.a, nil).want(http.StatusOK)
		if n := h.companyCount(h.a); n != 1 {
			t.Fatalf("%d companies", n)
		}
	})
}

func TestStartURLRefusalsCreateNothing(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.allowRedirects(h.a, "https://partner.example")
		h.disableIntegration(h.a, "qhyg")
		cases := []struct {
			path   string
			status int
			msg    string
		}{
			{"/config/sync/commerce/zzzz/mqjo/start?merchantIdentifier=m", 404, ""},
			{"/config/sync/commerce/lqai/zzzz/start?merchantIdentifier=m", 404, ""},
			{"/config/sync/commerce/mqjo/mqjo/start?merchantIdentifier=m", 400, "mqjo is not an enabled Commerce integration"},
			{"/config/sync/commerce/lqai/lqai/start?merchantIdentifier=m", 400, "lqai is not an enabled Accounting integration"},
			{"/config/sync/commerce/lqai/qhyg/start?merchantIdentifier=m", 400, "qhyg is not an enabled Accounting integration"},
			{"/config/sync/commerce/lqai/mqjo/start?merchantIdentifier=" + strings.Repeat("m", 201), 400, ""},
		}
		for _, v := range redirectBypassVectors {
			cases = append(cases, struct {
				path   string
				status int
				msg    string
			}{"/config/sync/commerce/lqai/mqjo/start?merchantIdentifier=m&redirectUrl=" + url.QueryEscape(v), 400, "redirectUrl is not allowed"})
		}
		for _, c := range cases {
			r := h.do("GET", c.path, h.a, nil)
			if r.status != c.status {
				t.Errorf("%s: %d, want %d: %s", c.path, r.status, c.status, r.body)
				continue
			}
			if c.msg != "" && r.object()["error"] != c.msg {
				t.Errorf("%s: %v, want %q", c.path, r.object()["error"], c.msg)
			}
		}
		if n := h.companyCount(h.a); n != 0 {
			t.Fatalf("refused start calls created %d companies", n)
		}
	})
}

// redirectBypassVectors are redirect URLs that must be refused when only
// https://partner.example is allowed.
var redirectBypassVectors = []string{
	"//evil.example", "/\\evil.example", "\\\\evil.example", "https:evil.example", "https:/evil.example",
	"https://partner.example@evil.example/", "https://partner.example:pw@evil.example/",
	"https://evil.example/https://partner.example", "https://partner.example.evil.example/",
	"https://evilpartner.example/", "https://partner.example.", "https://partner.example./done",
	"https://partner.example:444/done", "http://partner.example/done",
	"javascript:alert(1)", "JavaScript://partner.example/%0aalert(1)", "data:text/html,<script>alert(1)</script>",
	"vbscript:msgbox(1)", "https://partner.example/done\r\nSet-Cookie: x=1", "https://partner.example/\ndone",
	"https://partner.example/\tdone", "https://partner.example/done#frag", "https://xn--prtner-cua.example/",
	"https://pártner.example/", "https://partner%2eexample/", "https://partner.example%2f@evil.example",
	"ftp://partner.example/", "https:///partner.example", "https://[::1]/", "https://127.0.0.1/", "https://localhost/",
	" https://partner.example/", "https://partner.example /", "https://*.partner.example/",
	"https://partner.example;evil.example/", "https://sub.partner.example/", "partner.example/done",
	"https://partner.example\\@evil.example/", "https://evil.example\\.partner.example/", "//partner.example/done",
	"https://partner.example:99999/",
}
