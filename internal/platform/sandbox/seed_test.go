package sandbox

import (
	"context"
	"testing"

	"github.com/ledgersync/ledgersync"
)

func TestNewOrganisationIsSeeded(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		var orgs []struct{ OrganisationID, Name, CountryCode, BaseCurrency string }
		status, body := h.api(t, tok, "GET", "/Organisation", "")
		collection(t, status, body, "Organisations", &orgs)
		if len(orgs) != 1 || orgs[0].Name != "Sandbox Trading Ltd" || orgs[0].CountryCode != "GB" ||
			orgs[0].BaseCurrency != "GBP" || orgs[0].OrganisationID != tok.TenantID {
			t.Errorf("organisation = %+v", orgs)
		}
		t.Run("accounts", func(t *testing.T) { checkSeedAccounts(t, h, tok) })
		t.Run("tax rates", func(t *testing.T) { checkSeedTaxRates(t, h, tok) })
		t.Run("contacts", func(t *testing.T) { checkSeedContacts(t, h, tok) })
	})
}

func checkSeedAccounts(t *testing.T, h *harness, tok *ledgersync.Token) {
	type acc struct {
		AccountID, Code, Name, Type, Class, Status, BankAccountType string
		EnablePaymentsToAccount                                     bool
	}
	want := []acc{
		{"acc-1000", "1000", "Cash", "BANK", "ASSET", "ACTIVE", "BANK", false},
		{"acc-1010", "1010", "Current account", "BANK", "ASSET", "ACTIVE", "BANK", false},
		{"acc-1100", "1100", "Receivable", "CURRENT", "ASSET", "ACTIVE", "", true},
		{"acc-1200", "1200", "Card clearing", "CURRENT", "ASSET", "ACTIVE", "", true},
		{"acc-2100", "2100", "Gift cards", "CURRLIAB", "LIABILITY", "ACTIVE", "", false},
		{"acc-2110", "2110", "Tips", "CURRLIAB", "LIABILITY", "ACTIVE", "", false},
		{"acc-2200", "2200", "VAT", "CURRLIAB", "LIABILITY", "ACTIVE", "", false},
		{"acc-4000", "4000", "Sales", "REVENUE", "REVENUE", "ACTIVE", "", false},
		{"acc-4010", "4010", "Refunds", "REVENUE", "REVENUE", "ACTIVE", "", false},
		{"acc-4100", "4100", "Other income", "OTHERINCOME", "REVENUE", "ACTIVE", "", false},
		{"acc-4999", "4999", "Old sales", "REVENUE", "REVENUE", "ARCHIVED", "", false},
		{"acc-6100", "6100", "Payment fees", "EXPENSE", "EXPENSE", "ACTIVE", "", false},
	}
	var got []acc
	status, body := h.api(t, tok, "GET", "/Accounts", "")
	collection(t, status, body, "Accounts", &got)
	if len(got) != len(want) {
		t.Fatalf("got %d accounts, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("account %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	status, body = h.api(t, tok, "GET", `/Accounts?where=Status=="ACTIVE"`, "")
	collection(t, status, body, "Accounts", &got)
	if len(got) != len(want)-1 {
		t.Errorf("where Status==ACTIVE gave %d accounts, want %d", len(got), len(want)-1)
	}
}

func checkSeedTaxRates(t *testing.T, h *harness, tok *ledgersync.Token) {
	var got []struct {
		TaxType, Name, Status                 string
		EffectiveRate, DisplayTaxRate         amount
		CanApplyToRevenue, CanApplyToExpenses bool
		TaxComponents                         []struct{ Name string }
	}
	status, body := h.api(t, tok, "GET", "/TaxRates", "")
	collection(t, status, body, "TaxRates", &got)
	want := map[string][2]string{"tr-0": {"No VAT (0%)", "0"}, "tr-5": {"Reduced (5%)", "5"}, "tr-20": {"Standard (20%)", "20"}}
	if len(got) != len(want) {
		t.Fatalf("got %d tax rates, want 3", len(got))
	}
	for _, r := range got {
		w, ok := want[r.TaxType]
		if !ok || r.Name != w[0] || !r.EffectiveRate.Equal(dec(w[1]).Decimal) || !r.DisplayTaxRate.Equal(dec(w[1]).Decimal) ||
			r.Status != "ACTIVE" || !r.CanApplyToRevenue || !r.CanApplyToExpenses || len(r.TaxComponents) != 1 {
			t.Errorf("tax rate %+v", r)
		}
	}
	for _, r := range seedTaxRates {
		if r.accountID != "acc-2200" {
			t.Errorf("tax rate %s posts to %s", r.TaxType, r.accountID)
		}
	}
}

func checkSeedContacts(t *testing.T, h *harness, tok *ledgersync.Token) {
	type ct struct {
		ContactID, Name, ContactStatus string
		IsCustomer, IsSupplier         bool
	}
	var got []ct
	status, body := h.api(t, tok, "GET", "/Contacts", "")
	collection(t, status, body, "Contacts", &got)
	want := map[string]ct{
		"cus-1": {"cus-1", "Partner Sales", "ACTIVE", true, false},
		"cus-2": {"cus-2", "Old customer", "ARCHIVED", true, false},
		"sup-1": {"sup-1", "Payment provider", "ACTIVE", false, true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d contacts, want 3", len(got))
	}
	for _, c := range got {
		if want[c.ContactID] != c {
			t.Errorf("contact %+v, want %+v", c, want[c.ContactID])
		}
	}
}

func TestDemoOrganisationIsIdempotent(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		ctx := context.Background()
		first, err := h.sb.EnsureDemoOrg(ctx)
		if err != nil {
			t.Fatal(err)
		}
		again, err := h.sb.EnsureDemoOrg(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if *first != *again || first.Username != DemoUsername || first.Password != DemoPassword {
			t.Errorf("demo credentials %+v then %+v", first, again)
		}
		id, err := h.sb.Authenticate(ctx, DemoUsername, DemoPassword)
		if err != nil || id != first.TenantID {
			t.Errorf("Authenticate(demo) = %q, %v", id, err)
		}
		if _, err := h.sb.Authenticate(ctx, DemoUsername, "wrong"); err != ErrBadCredentials {
			t.Errorf("Authenticate with a wrong password: %v", err)
		}
	})
}
