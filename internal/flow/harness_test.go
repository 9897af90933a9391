package flow_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/flow"
	"github.com/ledgersync/ledgersync/internal/logtest"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
	"github.com/ledgersync/ledgersync/internal/platform/xero"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// fakePlatform stands in for an accounting platform's OAuth server: it
// records what the flow sends and grants a fixed token.
type fakePlatform struct {
	exchanged chan string
}

func (p *fakePlatform) Key() string { return "mqjo" }

func (p *fakePlatform) AuthorizeURL(state, challenge, redirectURI string) string {
	return "https://login.platform.example/authorize?state=" + url.QueryEscape(state) +
		"&code_challenge=" + challenge + "&redirect_uri=" + url.QueryEscape(redirectURI)
}

func (p *fakePlatform) Exchange(_ context.Context, code, verifier, _ string) (*ledgersync.Token, error) {
	p.exchanged <- code + " " + verifier
	return &ledgersync.Token{AccessToken: "access-" + code, RefreshToken: "refresh-" + code, TenantID: "org-1", TenantName: "Sandbox Trading Ltd"}, nil
}

func (p *fakePlatform) Refresh(context.Context, *ledgersync.Token) (*ledgersync.Token, error) {
	return nil, &ledgersync.PlatformError{Kind: ledgersync.PlatformReauthorize, Message: "not in this test"}
}

func (p *fakePlatform) Revoke(context.Context, *ledgersync.Token) error { return nil }

func (p *fakePlatform) Connect(ledgersync.TokenSource) ledgersync.Connector { return unreachable{} }

// unreachable is the fake platform's API, which never answers: pages
// then show the configuration without options.
type unreachable struct{}

var errUnreachable = &ledgersync.PlatformError{Kind: ledgersync.PlatformUnavailable, Message: "not in this test"}

func (unreachable) Organisation(context.Context) (*ledgersync.Organisation, error) {
	return nil, errUnreachable
}
func (unreachable) Accounts(context.Context) ([]ledgersync.Account, error) {
	return nil, errUnreachable
}
func (unreachable) TaxRates(context.Context) ([]ledgersync.TaxRate, error) {
	return nil, errUnreachable
}
func (unreachable) Contacts(context.Context) ([]ledgersync.Contact, error) {
	return nil, errUnreachable
}
func (unreachable) CreateAccount(context.Context, ledgersync.AccountCreate) (*ledgersync.Account, error) {
	return nil, errUnreachable
}

// harness serves the flow alone over a real store. Its "mqjo" platform
// is a fake or, when built with the sandbox, the real sandbox platform
// served on the same server and reached through the Xero-dialect client.
type harness struct {
	t        testing.TB
	srv      *httptest.Server
	store    *store.Store
	logs     *logtest.Buffer
	client   *ledgersync.Client
	platform *fakePlatform
	sandbox  *sandbox.Sandbox
	xero     *xero.Platform
	configs  *configuration.Service
	routes   []string
}

func newHarness(t *testing.T, dialect string, opts ...func(*flow.Options)) *harness {
	t.Helper()
	return buildHarness(t, dialect, false, opts...)
}

func buildHarness(t testing.TB, dialect string, withSandbox bool, opts ...func(*flow.Options)) *harness {
	t.Helper()
	h := &harness{t: t, store: storetest.Open(t, dialect, storetest.Options{}), logs: &logtest.Buffer{},
		platform: &fakePlatform{exchanged: make(chan string, 10)}}
	mux := http.NewServeMux()
	h.srv = httptest.NewServer(mux)
	t.Cleanup(h.srv.Close)
	var accounting ledgersync.Platform = h.platform
	if withSandbox {
		h.sandbox = sandbox.New(h.store.DB(), h.store.ReadDB(), h.store.Dialect(), sandbox.Options{BaseURL: h.srv.URL, ClientSecret: "s"})
		h.sandbox.Register(mux)
		h.xero = xero.New(xero.Options{Key: "mqjo", ClientID: sandbox.ClientID, ClientSecret: "s", Endpoints: xero.SandboxEndpoints(h.srv.URL)})
		accounting = h.xero
	}
	registry := platform.NewRegistry(h.store, nil, accounting)
	h.configs = configuration.New(h.store, registry)
	o := flow.Options{BaseURL: h.srv.URL, Platforms: registry.Platforms(), Registry: registry, Config: h.configs}
	for _, f := range opts {
		f(&o)
	}
	f, err := flow.New(h.store, slog.New(slog.NewJSONHandler(h.logs, nil)), o)
	if err != nil {
		t.Fatal(err)
	}
	f.Register(mux)
	h.routes = f.Routes()
	c, err := h.store.CreateClient(context.Background(), "Bank of Dave", 0)
	if err != nil {
		t.Fatal(err)
	}
	h.client = c
	return h
}

func each(t *testing.T, fn func(t *testing.T, h *harness)) {
	t.Helper()
	eachOn(t, false, fn)
}

// eachOn runs fn on both databases, with the sandbox as the platform
// when asked.
func eachOn(t *testing.T, withSandbox bool, fn func(t *testing.T, h *harness)) {
	t.Helper()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, buildHarness(t, d, withSandbox))
		})
	}
}

// link issues a start link for a merchant, as the API would.
func (h *harness) link(merchant string) *ledgersync.FlowLink {
	h.t.Helper()
	return h.linkRedirect(merchant, "")
}

// linkRedirect issues a start link that ends at redirectURL.
func (h *harness) linkRedirect(merchant, redirectURL string) *ledgersync.FlowLink {
	h.t.Helper()
	l, err := h.store.StartFlow(context.Background(), h.client, ledgersync.FlowStart{CommerceKey: "lqai", AccountingKey: "mqjo",
		MerchantIdentifier: merchant, RedirectURL: redirectURL})
	if err != nil {
		h.t.Fatal(err)
	}
	return l
}

func startPath(l *ledgersync.FlowLink) string {
	return "/flow/" + l.ClientID + "/" + l.CommerceKey + "/" + l.AccountingKey + "/start?merchantIdentifier=" +
		url.QueryEscape(l.MerchantIdentifier) + "&otp=" + l.Code + "&link=" + l.Token
}

// page is a response with its body read.
type page struct {
	*http.Response
	body string
}

// send makes a request without following redirects; cookie, when set, is
// the session cookie's value.
func (h *harness) send(method, path, cookie string, header http.Header, body io.Reader) *page {
	h.t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "__Host-ledgersync_session", Value: cookie})
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &page{Response: res, body: string(b)}
}

func (h *harness) get(path, cookie string) *page { return h.send("GET", path, cookie, nil, nil) }

func (p *page) sessionCookie() *http.Cookie {
	for _, c := range p.Cookies() {
		if c.Name == "__Host-ledgersync_session" {
			return c
		}
	}
	return nil
}

// open opens a link and returns the session cookie value.
func (h *harness) open(l *ledgersync.FlowLink) string {
	h.t.Helper()
	p := h.get(startPath(l), "")
	if p.StatusCode != http.StatusSeeOther || p.sessionCookie() == nil {
		h.t.Fatalf("open link: %d %s", p.StatusCode, p.body)
	}
	return p.sessionCookie().Value
}

func form(values ...string) io.Reader {
	v := url.Values{}
	for i := 0; i+1 < len(values); i += 2 {
		v.Set(values[i], values[i+1])
	}
	return strings.NewReader(v.Encode())
}
