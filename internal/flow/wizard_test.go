package flow_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// Field names of the configuration forms: the JSON paths they edit.
const (
	outputFormat  = "configuration.mapSettings.outputFormat"
	syncSales     = "configuration.sales.syncSales"
	salesSlot     = "configuration.sales.accounts.sales.selectedAccountId"
	refundSlot    = "configuration.sales.accounts.refund.selectedAccountId"
	gratuitySlot  = "configuration.sales.accounts.gratuity.selectedAccountId"
	zeroRate      = "configuration.sales.taxRates.0.selectedTaxRateId"
	invoiceStatus = "configuration.sales.invoiceStatus.selectedInvoiceStatus"
	customer      = "configuration.sales.salesCustomer.selectedCustomerId"
	supplier      = "configuration.fees.feesSupplier.selectedSupplierId"
	feeSlot       = "configuration.fees.accounts.paymentFee.selectedAccountId"
	cardSlot      = "configuration.payments.accounts.card.selectedAccountId"
	startDate     = "schedule.startDate"
	timeZone      = "schedule.timeZone"
	syncHour      = "schedule.syncHour"
)

// wizard is a valid walk through the steps before finish, with what each
// step must have saved.
var wizard = []struct {
	step, next string
	set        map[string]string
	saved      func(c *ledgersync.Configuration) bool
}{
	{"format", "sales", map[string]string{outputFormat: "Invoice"}, func(c *ledgersync.Configuration) bool {
		cc := c.Configuration
		return !c.JournalMode() && cc.Sales.SyncSales && cc.Fees.SyncFees && cc.Payments.SyncPayments && !c.Enable
	}},
	{"sales", "fees", map[string]string{salesSlot: "acc-4000", refundSlot: "acc-4010", zeroRate: "tr-0",
		invoiceStatus: "Submitted", customer: "cus-1"}, func(c *ledgersync.Configuration) bool {
		s := c.Configuration.Sales
		return c.SelectedAccount(ledgersync.SectionSales, "sales") == "acc-4000" &&
			c.SelectedAccount(ledgersync.SectionSales, "refund") == "acc-4010" && *s.TaxRates["0"].SelectedTaxRateID == "tr-0" &&
			*s.InvoiceStatus.SelectedInvoiceStatus == ledgersync.InvoiceSubmitted && *s.SalesCustomer.SelectedCustomerID == "cus-1" &&
			*s.Grouping.GroupingPeriod.SelectedGroupingPeriod == ledgersync.GroupingDaily
	}},
	{"fees", "payments", map[string]string{supplier: "sup-1", feeSlot: "acc-6100"}, func(c *ledgersync.Configuration) bool {
		return *c.Configuration.Fees.FeesSupplier.SelectedSupplierID == "sup-1" &&
			c.SelectedAccount(ledgersync.SectionFees, "paymentFee") == "acc-6100"
	}},
	{"payments", "schedule", map[string]string{cardSlot: "acc-1200"}, func(c *ledgersync.Configuration) bool {
		return c.SelectedAccount(ledgersync.SectionPayments, "card") == "acc-1200"
	}},
	{"schedule", "finish", map[string]string{startDate: "2024-03-01", timeZone: "Europe/London", syncHour: "2"},
		func(c *ledgersync.Configuration) bool {
			s := c.Schedule
			return s.StartDate == "2024-03-01" && s.TimeZone == "Europe/London" && s.SyncHour == 2 &&
				s.SelectedFrequency == ledgersync.FrequencyDaily
		}},
}

// walk posts the first steps of the wizard, each as its page renders it.
func walk(t testing.TB, h *harness, m *merchant, steps int) {
	t.Helper()
	for _, s := range wizard[:steps] {
		expect(t, h.submit(m, s.step, s.set), http.StatusSeeOther, m.path(s.next))
	}
}

// configure walks the whole wizard and finishes it.
func configure(t testing.TB, h *harness, m *merchant, target string) {
	t.Helper()
	walk(t, h, m, len(wizard))
	expect(t, h.submit(m, "finish", nil), http.StatusSeeOther, target)
}

// configured is a merchant whose company went through the whole wizard.
func (h *harness) configured() *merchant {
	h.t.Helper()
	m := h.linked("M", "")
	configure(h.t, h, m, m.path("done"))
	return m
}

func TestWizardSavesEachStepAndFinishes(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.linked("CoPay Ltd", "https://partner.example/done/{companyId}")
		landing := "/flow/c/" + m.CompanyID
		expect(t, h.get(landing, m.cookie), http.StatusSeeOther, m.path("format"))
		for _, s := range wizard {
			expect(t, h.submit(m, s.step, s.set), http.StatusSeeOther, m.path(s.next))
			if l := h.loaded(m); !s.saved(l.Config) {
				t.Fatalf("after %s the configuration is %+v", s.step, l.Config)
			}
			if s.next != "finish" {
				expect(t, h.get(landing, m.cookie), http.StatusSeeOther, m.path(s.next))
			}
		}
		finish := h.page(m, m.path("finish"))
		if csp := finish.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self'") ||
			!strings.Contains(csp, "https://partner.example") {
			t.Fatalf("finish page policy %q", csp)
		}
		expect(t, h.submit(m, "finish", nil), http.StatusSeeOther, "https://partner.example/done/"+m.CompanyID)
		if c := h.loaded(m).Config; !c.Enable || !c.Configured {
			t.Fatalf("after finish: enable %v, configured %v", c.Enable, c.Configured)
		}
		expect(t, h.get(landing, m.cookie), http.StatusSeeOther, m.path("settings"))
		expect(t, h.get(m.path("sales"), m.cookie), http.StatusSeeOther, m.path("settings"))
	})
}

func TestWizardShowsOnlyTheSlotsOptionsAndMarksDoneSteps(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.linked("M", "")
		walk(t, h, m, 2)
		fees := h.page(m, m.path("fees"))
		contains(t, fees, `<li class="done"><a href="`+m.path("sales")+`">Set up sales</a>`,
			`<a href="`+m.path("fees")+`" aria-current="step">Set up fees</a>`, `<label for="`+feeSlot+`">`,
			`<option value="acc-6100">6100 – Payment fees</option>`, ">Previous</a>", ">Next</button>")
		if got := options(fees.body, feeSlot); strings.Join(got, " ") != " acc-1000 acc-1010 acc-6100" {
			t.Fatalf("the fee slot offers %q", got)
		}
		format := h.page(m, m.path("format"))
		if strings.Contains(format.body, `type="radio"`) || !strings.Contains(format.body, "Daily sales invoice") {
			t.Fatalf("the chosen format is not read-only:\n%s", format.body)
		}
	})
}

func TestMembershipErrorKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.linked("M", "")
		walk(t, h, m, 1)
		p := h.submit(m, "sales", map[string]string{salesSlot: "acc-4000", refundSlot: "acc-6100", customer: "cus-1"})
		expect(t, p, http.StatusUnprocessableEntity, "")
		contains(t, p, `role="alert"`, `<a href="#`+refundSlot+`">Refunds: Selected Account is not a valid option.</a>`,
			`<p class="field-error" id="`+refundSlot+`-error">Selected Account is not a valid option.</p>`,
			`aria-describedby="`+refundSlot+`-error" aria-invalid="true"`)
		typed := formValues(t, p.body, m.path("sales"))
		if typed.Get(salesSlot) != "acc-4000" || typed.Get(refundSlot) != "acc-6100" || typed.Get(customer) != "cus-1" {
			t.Fatalf("typed values lost: %v", typed)
		}
		if c := h.loaded(m).Config; c.SelectedAccount(ledgersync.SectionSales, "sales") != "" {
			t.Fatal("a refused step was saved")
		}
	})
}

func TestFinishShowsCompletenessErrors(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.linked("M", "")
		walk(t, h, m, 1)
		p := h.submit(m, "finish", nil)
		expect(t, p, http.StatusUnprocessableEntity, "")
		contains(t, p, `<a href="#`+salesSlot+`">Sales: Config contains required accounts without selections.</a>`,
			`<a href="#`+customer+`">`, "No sales customer has been configured.", "No start date selected.",
			`id="`+cardSlot+`-error"`, `id="`+supplier+`-error"`)
		if c := h.loaded(m).Config; c.Enable || c.Configured {
			t.Fatal("an incomplete configuration was enabled")
		}
	})
}

func TestFinishWithoutRedirectShowsSuccess(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.configured()
		contains(t, h.page(m, m.path("done")), "You&#39;re all set", "Bank of Dave")
	})
}

func TestWizardInFrench(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.linked("M", "")
		walk(t, h, m, 1)
		p := h.page(m, m.path("sales")+"?lang=fr-fr")
		contains(t, p, `<html lang="fr">`, "Configurer la synchronisation avec Sandbox", "Ventes", "Comptes",
			"Remboursements", "Taux de taxe 0 %", "Choisissez un compte", "Créer un compte…", "Précédent", "Suivant")
		for _, english := range []string{"Choose an account", ">Next<", "Sync sales", "Tax rates"} {
			if strings.Contains(p.body, english) {
				t.Fatalf("French page holds %q", english)
			}
		}
		refused := h.submit(m, "sales", map[string]string{refundSlot: "acc-6100"})
		contains(t, refused, "Un problème est survenu", "Le compte choisi ne fait pas partie des comptes proposés.")
	})
}

func TestTextOverridesAndHiddenSlots(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		m := h.linked("M", "")
		walk(t, h, m, 2)
		title := "Takings from {commerce} into {accounting}"
		if err := h.store.SetUITexts(ctx, h.client.ID, "en-us", map[string]*string{"configure-content-sales-title": &title}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := h.configs.Apply(ctx, h.loaded(m), []byte(`{"configuration":{"sales":{"accounts":{"gratuity":{"selectedAccountId":"acc-2110"}}}}}`)); err != nil {
			t.Fatal(err)
		}
		if err := h.store.SetVisibleAccounts(ctx, h.client.ID, "mqjo", []string{}); err != nil {
			t.Fatal(err)
		}
		p := h.page(m, m.path("sales"))
		contains(t, p, "Takings from Bank of Dave into Sandbox", `id="`+refundSlot+`"`)
		if strings.Contains(p.body, gratuitySlot) {
			t.Fatal("a hidden slot is shown")
		}
		expect(t, h.submit(m, "sales", map[string]string{refundSlot: "acc-4100"}), http.StatusSeeOther, m.path("fees"))
		if c := h.loaded(m).Config; c.SelectedAccount(ledgersync.SectionSales, "gratuity") != "acc-2110" {
			t.Fatal("a hidden slot lost its value")
		}
	})
}

func TestAnotherCompanysPagesAreForbidden(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		a, b := h.linked("A", ""), h.linked("B", "")
		pages := 0
		for _, pattern := range h.routes {
			method, path, _ := strings.Cut(pattern, " ")
			if !strings.Contains(path, "{companyId}") {
				continue
			}
			pages++
			path = strings.ReplaceAll(path, "{companyId}", b.CompanyID)
			p := h.send(method, path, a.cookie, http.Header{"Sec-Fetch-Site": {"same-origin"}}, form(outputFormat, "JournalEntry"))
			if p.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s with another company's session: %d", method, path, p.StatusCode)
			}
		}
		if pages < 20 {
			t.Fatalf("only %d company pages", pages)
		}
		if h.loaded(b).Version != 0 {
			t.Fatal("another company's configuration changed")
		}
	})
}
