package xero

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

const sandboxSecret = "sandbox-client-secret"

// sandboxBench is the real Sandbox over httptest on SQLite, with one
// seeded organisation.
type sandboxBench struct {
	srv      *httptest.Server
	sandbox  *sandbox.Sandbox
	platform *Platform
	org      *sandbox.OrgCredentials
}

func newSandboxBench(t *testing.T) *sandboxBench {
	t.Helper()
	st := storetest.Open(t, "sqlite", storetest.Options{})
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	sb := sandbox.New(st.DB(), st.ReadDB(), st.Dialect(), sandbox.Options{BaseURL: srv.URL, ClientSecret: sandboxSecret})
	sb.Register(mux)
	org, err := sb.CreateOrg(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	p := New(Options{
		Key: KeySandbox, ClientID: sandbox.ClientID, ClientSecret: sandboxSecret,
		Endpoints: SandboxEndpoints(srv.URL), HTTPClient: srv.Client(),
	})
	return &sandboxBench{srv: srv, sandbox: sb, platform: p, org: org}
}

// granted returns a connector to the organisation, authorized without a
// browser.
func (b *sandboxBench) granted(t *testing.T) ledgersync.Connector {
	t.Helper()
	tok, err := b.sandbox.Grant(context.Background(), b.org.TenantID, sandbox.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	return b.platform.Connect(StaticTokenSource(tok))
}

func TestSandboxSeed(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	ctx := context.Background()
	org, err := c.Organisation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (ledgersync.Organisation{ID: b.org.TenantID, Name: "Sandbox Trading Ltd", CountryCode: "GB", BaseCurrency: "GBP"}); *org != want {
		t.Errorf("Organisation = %+v, want %+v", *org, want)
	}
	t.Run("accounts", func(t *testing.T) { checkSandboxAccounts(t, c) })
	t.Run("tax rates", func(t *testing.T) { checkSandboxTaxRates(t, c) })
	t.Run("contacts", func(t *testing.T) { checkSandboxContacts(t, c) })
}

func checkSandboxAccounts(t *testing.T, c ledgersync.Connector) {
	accounts, err := c.Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ledgersync.Account{}
	for _, a := range accounts {
		got[a.ID] = a
	}
	want := []struct {
		id       string
		typ      ledgersync.AccountType
		active   bool
		payments bool
	}{
		{"acc-1000", ledgersync.AccountBank, true, false},
		{"acc-1010", ledgersync.AccountBank, true, false},
		{"acc-1100", ledgersync.AccountAsset, true, true},
		{"acc-1200", ledgersync.AccountAsset, true, true},
		{"acc-2100", ledgersync.AccountLiability, true, false},
		{"acc-2110", ledgersync.AccountLiability, true, false},
		{"acc-2200", ledgersync.AccountLiability, true, false},
		{"acc-4000", ledgersync.AccountIncome, true, false},
		{"acc-4010", ledgersync.AccountIncome, true, false},
		{"acc-4100", ledgersync.AccountIncome, true, false},
		{"acc-6100", ledgersync.AccountExpense, true, false},
		{"acc-4999", ledgersync.AccountIncome, false, false},
	}
	if len(accounts) != len(want) {
		t.Errorf("%d accounts, want %d: %+v", len(accounts), len(want), accounts)
	}
	for _, w := range want {
		a := got[w.id]
		if a.Type != w.typ || a.Active != w.active || a.AcceptsPayments != w.payments || a.Code != strings.TrimPrefix(w.id, "acc-") {
			t.Errorf("%s = %+v, want type %s, active %v, accepts payments %v", w.id, a, w.typ, w.active, w.payments)
		}
	}
}

func checkSandboxTaxRates(t *testing.T, c ledgersync.Connector) {
	rates, err := c.TaxRates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rates {
		if !r.Active || !r.AppliesToRevenue {
			t.Errorf("tax rate %+v is not active for revenue", r)
		}
		got[r.ID] = r.Rate
	}
	want := map[string]string{"tr-0": "0", "tr-5": "5", "tr-20": "20"}
	if len(got) != len(want) || got["tr-0"] != "0" || got["tr-5"] != "5" || got["tr-20"] != "20" {
		t.Errorf("tax rates = %v, want %v", got, want)
	}
}

func checkSandboxContacts(t *testing.T, c ledgersync.Connector) {
	contacts, err := c.Contacts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]ledgersync.Contact{
		"cus-1": {ID: "cus-1", IsCustomer: true, Active: true},
		"cus-2": {ID: "cus-2", IsCustomer: true, Active: false},
		"sup-1": {ID: "sup-1", IsSupplier: true, Active: true},
	}
	if len(contacts) != len(want) {
		t.Errorf("contacts = %+v, want %d", contacts, len(want))
	}
	for _, got := range contacts {
		got.Name = ""
		if got != want[got.ID] {
			t.Errorf("contact %+v, want %+v", got, want[got.ID])
		}
	}
}

// authorize signs in to the Sandbox and allows access, as the merchant's
// browser does, and returns the authorization code.
func (b *sandboxBench) authorize(t *testing.T, verifier, redirect string) string {
	t.Helper()
	u, _ := url.Parse(b.platform.AuthorizeURL(strings.Repeat("s", 43), s256(verifier), redirect))
	form := u.Query()
	form.Set("username", b.org.Username)
	form.Set("password", b.org.Password)
	page := b.post(t, u.Path, form)
	ticket := regexp.MustCompile(`name="ticket" value="([^"]+)"`).FindStringSubmatch(page.body)
	if ticket == nil {
		t.Fatalf("no consent ticket on the page (%d): %s", page.status, page.body)
	}
	answer := b.post(t, "/sandbox/identity/connect/consent", url.Values{"ticket": {ticket[1]}, "decision": {"allow"}})
	back, err := url.Parse(answer.location)
	if err != nil || back.Query().Get("code") == "" {
		t.Fatalf("consent redirected to %q (%d)", answer.location, answer.status)
	}
	return back.Query().Get("code")
}

type answer struct {
	status   int
	body     string
	location string
}

// post submits a form without following redirects.
func (b *sandboxBench) post(t *testing.T, path string, form url.Values) answer {
	t.Helper()
	client := *b.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.PostForm(b.srv.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body strings.Builder
	_, _ = io.Copy(&body, resp.Body)
	return answer{resp.StatusCode, body.String(), resp.Header.Get("Location")}
}

func TestSandboxOAuth(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	ctx := context.Background()
	redirect := b.srv.URL + "/flow/callback/mqjo"
	verifier := strings.Repeat("v", 64)
	code := b.authorize(t, verifier, redirect)
	tok, err := b.platform.Exchange(ctx, code, verifier, redirect)
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	if tok.TenantID != b.org.TenantID || tok.TenantName != "Sandbox Trading Ltd" || tok.RefreshToken == "" {
		t.Errorf("token for %q %q, refresh token set %v", tok.TenantID, tok.TenantName, tok.RefreshToken != "")
	}
	next, err := b.platform.Refresh(ctx, tok)
	if err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if next.RefreshToken == tok.RefreshToken || next.TenantID != tok.TenantID {
		t.Errorf("refresh did not rotate or lost the tenant: %+v", next)
	}
	if _, err := b.platform.Connect(StaticTokenSource(next)).Organisation(ctx); err != nil {
		t.Errorf("Organisation with the refreshed token: %v", err)
	}
	_, err = b.platform.Refresh(ctx, tok)
	assertKind(t, err, ledgersync.PlatformReauthorize)
	assertNoSecret(t, err, tok.RefreshToken, tok.AccessToken)
	if err := b.platform.Revoke(ctx, next); err != nil {
		t.Errorf("Revoke: %v", err)
	}
	_, err = b.platform.Refresh(ctx, next)
	assertKind(t, err, ledgersync.PlatformReauthorize)
}

func TestSandboxCreateAccountAndErrors(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	ctx := context.Background()
	in := ledgersync.AccountCreate{Code: "4200", Name: "Delivery income", Type: ledgersync.AccountIncome}
	got, err := c.CreateAccount(ctx, in)
	if err != nil {
		t.Fatalf("CreateAccount: %v", err)
	}
	if got.ID == "" || got.Code != in.Code || got.Type != in.Type || got.PlatformType != "REVENUE" || !got.Active {
		t.Errorf("created %+v", got)
	}
	_, err = c.CreateAccount(ctx, ledgersync.AccountCreate{Code: "4000", Name: "Sales again", Type: ledgersync.AccountIncome})
	if pe := assertKind(t, err, ledgersync.PlatformRejected); pe.Message == "" || pe.Status != http.StatusBadRequest {
		t.Errorf("duplicate code refused with %+v", pe)
	}

	tok, err := b.sandbox.Grant(ctx, b.org.TenantID, sandbox.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	bad := []*ledgersync.Token{
		{AccessToken: "not-a-token", TenantID: tok.TenantID},
		{AccessToken: tok.AccessToken, TenantID: "00000000-0000-0000-0000-000000000000"},
	}
	for _, bt := range bad {
		_, err := b.platform.Connect(StaticTokenSource(bt)).Accounts(ctx)
		assertKind(t, err, ledgersync.PlatformReauthorize)
		assertNoSecret(t, err, tok.AccessToken)
	}
}
