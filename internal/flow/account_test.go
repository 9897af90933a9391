package flow_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform/xero"
)

func TestCreateAccountAddsItAndSelectsIt(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.linked("M", "")
		walk(t, h, m, 1)
		create := m.path("accounts") + "?back=sales&key=refund&section=sales"
		contains(t, h.page(m, m.path("sales")), `href="`+m.path("accounts")+`?back=sales&amp;key=refund&amp;section=sales"`)
		p := h.page(m, create)
		contains(t, p, "Create a new account", "Refunds", `<label for="name">Account name`, `value="Income" checked`)
		v := formValues(t, p.body, m.path("accounts"))
		if v.Get("section") != "sales" || v.Get("key") != "refund" || v.Get("back") != "sales" {
			t.Fatalf("hidden fields %v", v)
		}

		v.Set("type", "Expense")
		refused := h.post(m.path("accounts"), m.cookie, v)
		expect(t, refused, http.StatusUnprocessableEntity, "")
		contains(t, refused, `<a href="#name">Account name: Enter a name of 1 to 150 characters.</a>`,
			`<a href="#type">Account type: Choose one of the account types offered.</a>`)

		v.Set("type", "Income")
		v.Set("name", "Online refunds")
		v.Set("code", "4020")
		expect(t, h.post(m.path("accounts"), m.cookie, v), http.StatusSeeOther, m.path("sales")+"#"+refundSlot)

		accounts, err := h.xero.Connect(xero.StaticTokenSource(m.token)).Accounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(accounts, func(a ledgersync.Account) bool { return a.Code == "4020" })
		if i < 0 || accounts[i].Name != "Online refunds" || accounts[i].Type != ledgersync.AccountIncome {
			t.Fatalf("the sandbox holds %+v", accounts)
		}
		if c := h.loaded(m).Config; c.SelectedAccount(ledgersync.SectionSales, "refund") != accounts[i].ID {
			t.Fatal("the new account was not selected")
		}
		sales := formValues(t, h.page(m, m.path("sales")).body, m.path("sales"))
		if sales.Get(refundSlot) != accounts[i].ID {
			t.Fatalf("the sales step shows %q", sales.Get(refundSlot))
		}

		v.Set("name", "Same code")
		taken := h.post(m.path("accounts"), m.cookie, v)
		expect(t, taken, http.StatusUnprocessableEntity, "")
		contains(t, taken, "Sandbox did not create the account:", "4020 is already used")
	})
}

func TestCreateAccountNeedsAKnownSlot(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.linked("M", "")
		walk(t, h, m, 1)
		for _, q := range []string{"", "?section=sales&key=nope&back=sales", "?section=sales&key=refund&back=https://evil.example"} {
			expect(t, h.get(m.path("accounts")+q, m.cookie), http.StatusSeeOther, "/flow/c/"+m.CompanyID)
		}
		bad := url.Values{"section": {"payments"}, "key": {"card"}, "back": {"elsewhere"}, "name": {"X"}, "code": {"1"}, "type": {"Bank"}}
		expect(t, h.post(m.path("accounts"), m.cookie, bad), http.StatusSeeOther, "/flow/c/"+m.CompanyID)
	})
}
