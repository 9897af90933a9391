package flow_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
)

// eachSandbox runs fn on both databases with the sandbox as platform.
func eachSandbox(t *testing.T, fn func(t *testing.T, h *harness)) {
	t.Helper()
	eachOn(t, true, fn)
}

// merchant is a company in the flow: its link and session cookie.
type merchant struct {
	*ledgersync.FlowLink
	cookie string
	token  *ledgersync.Token
}

// linked opens a start link and links the company's accounting connection
// to a new sandbox organisation without a browser, as the authorization
// step would.
func (h *harness) linked(name, redirectURL string) *merchant {
	h.t.Helper()
	ctx := context.Background()
	l := h.linkRedirect(name, redirectURL)
	m := &merchant{FlowLink: l, cookie: h.open(l)}
	org, err := h.sandbox.CreateOrg(ctx, "")
	if err != nil {
		h.t.Fatal(err)
	}
	if m.token, err = h.sandbox.Grant(ctx, org.TenantID, sandbox.ClientID); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.store.LinkConnection(ctx, l.CompanyID, accountingConnection(h.t, h, l.CompanyID), m.token); err != nil {
		h.t.Fatal(err)
	}
	return m
}

// path is one of the merchant's pages.
func (m *merchant) path(page string) string { return "/flow/c/" + m.CompanyID + "/" + page }

// post sends a form as the browser does from one of the flow's pages.
func (h *harness) post(path, cookie string, v url.Values) *page {
	h.t.Helper()
	return h.send("POST", path, cookie, http.Header{"Sec-Fetch-Site": {"same-origin"}}, strings.NewReader(v.Encode()))
}

// page fetches a page that must answer 200, with every text written out
// (no "%!" of a message given the wrong arguments).
func (h *harness) page(m *merchant, path string) *page {
	h.t.Helper()
	p := h.get(path, m.cookie)
	if p.StatusCode != http.StatusOK || strings.Contains(p.body, "%!") {
		h.t.Fatalf("GET %s: %d %s", path, p.StatusCode, p.body)
	}
	return p
}

// submit fills the form of a page as rendered, changes some values (an
// empty value unticks a checkbox) and posts it.
func (h *harness) submit(m *merchant, page string, changes map[string]string) *page {
	h.t.Helper()
	v := formValues(h.t, h.page(m, m.path(page)).body, m.path(page))
	for k, x := range changes {
		v.Set(k, x)
		if x == "" {
			v.Del(k)
		}
	}
	return h.post(m.path(page), m.cookie, v)
}

// loaded reads the company's configuration back.
func (h *harness) loaded(m *merchant) *configuration.Loaded {
	h.t.Helper()
	l, err := h.configs.Load(context.Background(), h.client.ID, m.CompanyID, 0)
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

var (
	formTag    = regexp.MustCompile(`(?s)<form\b[^>]*\baction="([^"]*)"[^>]*>(.*?)</form>`)
	controlTag = regexp.MustCompile(`<(input|select|option|/select)\b([^>]*)>`)
	attribute  = regexp.MustCompile(`([a-zA-Z-]+)(?:="([^"]*)")?`)
)

// formValues is what a browser would post from the first form of a page
// that posts to action, as the page was rendered.
func formValues(t testing.TB, body, action string) url.Values {
	t.Helper()
	for _, m := range formTag.FindAllStringSubmatch(body, -1) {
		if html.UnescapeString(m[1]) == action {
			return controls(m[2])
		}
	}
	t.Fatalf("no form posts to %s in:\n%s", action, body)
	return nil
}

// sectionValues is what a browser would post from the settings page's
// form named name.
func sectionValues(t testing.TB, body, action, name string) url.Values {
	t.Helper()
	for _, m := range formTag.FindAllStringSubmatch(body, -1) {
		if v := controls(m[2]); html.UnescapeString(m[1]) == action && v.Get("form") == name {
			return v
		}
	}
	t.Fatalf("no form %s posts to %s in:\n%s", name, action, body)
	return nil
}

func controls(form string) url.Values {
	v := url.Values{}
	selectName := ""
	for _, c := range controlTag.FindAllStringSubmatch(form, -1) {
		a := map[string]string{}
		for _, m := range attribute.FindAllStringSubmatch(c[2], -1) {
			a[m[1]] = html.UnescapeString(m[2])
		}
		_, on := a["checked"]
		_, selected := a["selected"]
		switch {
		case c[1] == "select":
			selectName = a["name"]
		case c[1] == "/select":
			selectName = ""
		case c[1] == "option" && selected:
			v.Set(selectName, a["value"])
		case c[1] == "input" && (a["type"] == "checkbox" || a["type"] == "radio"):
			if on {
				v.Add(a["name"], a["value"])
			}
		case c[1] == "input":
			v.Set(a["name"], a["value"])
		}
	}
	return v
}

// options lists the values a select offers.
func options(body, id string) []string {
	start := strings.Index(body, `<select id="`+id+`"`)
	if start < 0 {
		return nil
	}
	end := strings.Index(body[start:], "</select>")
	var out []string
	for _, m := range regexp.MustCompile(`<option value="([^"]*)"`).FindAllStringSubmatch(body[start:start+end], -1) {
		out = append(out, m[1])
	}
	return out
}

// expect fails unless a response has the status and, for a redirect,
// the location.
func expect(t testing.TB, p *page, status int, location string) {
	t.Helper()
	if p.StatusCode != status || p.Header.Get("Location") != location {
		t.Fatalf("got %d %q, want %d %q\n%s", p.StatusCode, p.Header.Get("Location"), status, location, p.body)
	}
}

// contains fails unless the page holds every text.
func contains(t testing.TB, p *page, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(p.body, s) {
			t.Fatalf("page lacks %q:\n%s", s, p.body)
		}
	}
}
