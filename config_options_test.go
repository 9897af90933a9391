package ledgersync_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// Sandbox account ids by what they may fill.
var (
	bankIDs     = []string{"acc-1000", "acc-1010"}
	paymentIDs  = []string{"acc-1000", "acc-1010", "acc-1100", "acc-1200"}
	incomeIDs   = []string{"acc-4000", "acc-4010", "acc-4100"}
	liabilityID = []string{"acc-2100", "acc-2110", "acc-2200"}
	unusedIDs   = []string{"acc-2100", "acc-2110", "acc-2200", "acc-4000", "acc-4010", "acc-4100", "acc-6100"}
)

// slotCase is what one slot offers.
type slotCase struct {
	section, key, label string
	required            bool
	ids                 []string
}

var slotCases = []slotCase{
	{"Sales", "sales", "Other sales", true, incomeIDs},
	{"Sales", "refund", "Refunds", true, incomeIDs},
	{"Sales", "gratuity", "Gratuity", false, append(slices.Clone(liabilityID), incomeIDs...)},
	{"Sales", "prepaid", "Prepaid", false, liabilityID},
	{"Sales", "productCategory-cat-1", "Drinks", false, incomeIDs},
	{"Payments", "card", "Card", true, paymentIDs},
	{"Payments", "cash", "Cash", false, paymentIDs},
	{"Payments", "invoice", "Invoice", false, paymentIDs},
	{"Payments", "onlineCard", "Online card", false, paymentIDs},
	{"Payments", "swish", "Swish", false, paymentIDs},
	{"Payments", "vipps", "Vipps", false, paymentIDs},
	{"Payments", "mobile", "Mobile", false, paymentIDs},
	{"Payments", "storeCredit", "Store credit", false, paymentIDs},
	{"Payments", "paypal", "PayPal", false, paymentIDs},
	{"Payments", "paypalQr", "PayPal QR", false, paymentIDs},
	{"Payments", "custom", "Custom", false, paymentIDs},
	{"Payments", "manual", "Manual", false, paymentIDs},
	{"Payments", "prepaidPayment", "Prepaid payment", false, paymentIDs},
	{"Payments", "payout", "Payout", false, bankIDs},
	{"Fees", "paymentFee", "Payment fee", true, []string{"acc-1000", "acc-1010", "acc-6100"}},
	{"Fees", "paymentFeeRefund", "Payment fee refund", false, []string{"acc-1000", "acc-1010", "acc-4000", "acc-4010", "acc-4100", "acc-6100"}},
	{"Fees", "loan", "Loan", false, unusedIDs},
	{"Fees", "loanPayment", "Loan payment", false, unusedIDs},
	{"Fees", "loanFee", "Loan fee", false, unusedIDs},
	{"Fees", "cashback", "Cashback", false, unusedIDs},
}

// sectionSlots returns a section's slots.
func sectionSlots(c *ledgersync.Configuration, section string) map[string]*ledgersync.AccountSlot {
	return map[string]map[string]*ledgersync.AccountSlot{
		"Sales": c.Configuration.Sales.Accounts, "Payments": c.Configuration.Payments.Accounts, "Fees": c.Configuration.Fees.Accounts,
	}[section]
}

// optionIDs returns the ids of account options, sorted.
func optionIDs(opts []ledgersync.AccountOption) []string {
	ids := make([]string, len(opts))
	for i, o := range opts {
		ids[i] = o.ID
	}
	slices.Sort(ids)
	return ids
}

func TestRefreshOptionsSlots(t *testing.T) {
	t.Parallel()
	cfg := ledgersync.NewConfiguration(configCompanyID)
	ledgersync.RefreshOptions(cfg, sandboxSources())
	for _, tt := range slotCases {
		slot := sectionSlots(cfg, tt.section)[tt.key]
		if slot == nil {
			t.Errorf("%s.%s missing", tt.section, tt.key)
			continue
		}
		want := slices.Sorted(slices.Values(tt.ids))
		if got := optionIDs(slot.AccountOptions); !slices.Equal(got, want) {
			t.Errorf("%s.%s options = %v, want %v", tt.section, tt.key, got, want)
		}
		if slot.LabelText != tt.label || slot.Required != tt.required || slot.SelectedAccountID != nil {
			t.Errorf("%s.%s = label %q required %v selected %v", tt.section, tt.key, slot.LabelText, slot.Required, slot.SelectedAccountID)
		}
		if slot.DescriptionText != "Configure accounts mapping from Acme Commerce to Sandbox." {
			t.Errorf("%s.%s description = %q", tt.section, tt.key, slot.DescriptionText)
		}
		for _, o := range slot.AccountOptions {
			if want := map[bool]ledgersync.AccountClassification{true: "Bank", false: "Nominal"}[slices.Contains(bankIDs, o.ID)]; o.Classification != want {
				t.Errorf("%s classification = %q, want %q", o.ID, o.Classification, want)
			}
		}
	}
	total := len(cfg.Configuration.Sales.Accounts) + len(cfg.Configuration.Payments.Accounts) + len(cfg.Configuration.Fees.Accounts)
	if total != len(slotCases) {
		t.Errorf("%d slots, want %d", total, len(slotCases))
	}
}

func TestRefreshOptionsLists(t *testing.T) {
	t.Parallel()
	src := sandboxSources()
	src.TaxRates = append(src.TaxRates,
		ledgersync.TaxRate{ID: "tr-in", Name: "Purchases (20%)", Rate: "20", Active: true},
		ledgersync.TaxRate{ID: "tr-old", Name: "Old (17.5%)", Rate: "17.5", AppliesToRevenue: true})
	cfg := ledgersync.NewConfiguration(configCompanyID)
	ledgersync.RefreshOptions(cfg, src)
	s := cfg.Configuration.Sales
	checks := []struct {
		name      string
		got, want any
	}{
		{"customers", s.SalesCustomer.CustomerOptions, []ledgersync.Option{{ID: "cus-1", Name: "Partner Sales"}}},
		{"suppliers", cfg.Configuration.Fees.FeesSupplier.SupplierOptions, []ledgersync.Option{{ID: "sup-1", Name: "Payment provider"}}},
		{"tax keys", slices.Sorted(maps.Keys(s.TaxRates)), []string{"0", "20"}},
		{"tax options", plainOptionIDs(s.TaxRates["20"].TaxRateOptions), []string{"tr-5", "tr-20", "tr-0"}},
		{"accounting rates", plainOptionIDs(s.NewTaxRates.AccountingTaxRateOptions), []string{"tr-5", "tr-20", "tr-0"}},
		{"zero rates", plainOptionIDs(s.NewTaxRates.DefaultZeroTaxRateOptions), []string{"tr-0"}},
		{"components", s.NewTaxRates.CommerceTaxRateOptions, []ledgersync.Option{{ID: "vat20", Name: "VAT (20%)"}}},
		{"statuses", s.InvoiceStatus.InvoiceStatusOptions, []ledgersync.InvoiceStatus{"Draft", "Submitted"}},
		{"frequencies", cfg.Schedule.FrequencyOptions, []ledgersync.SyncFrequency{"Daily", "Monthly"}},
		{"periods", s.Grouping.GroupingPeriod.GroupingPeriodOptions, []ledgersync.GroupingPeriod{"Daily"}},
		{"invoice levels", s.Grouping.GroupingLevels.InvoiceLevel.GroupByOptions, []ledgersync.GroupBy{"Country", "Location"}},
		{"line levels", s.Grouping.GroupingLevels.InvoiceLineLevel.GroupByOptions, []ledgersync.GroupBy{"Location"}},
		{"organisation", cfg.AccountingSoftwareCompanyName + "/" + cfg.Configuration.CountryCode, "Sandbox Trading Ltd/GB"},
	}
	for _, c := range checks {
		if !equalJSON(t, c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestRefreshOptionsQuickBooksOffersSubmittedOnly(t *testing.T) {
	t.Parallel()
	src := sandboxSources()
	src.IntegrationKey = ledgersync.KeyQuickBooks
	cfg := ledgersync.NewConfiguration(configCompanyID)
	ledgersync.RefreshOptions(cfg, src)
	if got := cfg.Configuration.Sales.InvoiceStatus.InvoiceStatusOptions; !slices.Equal(got, []ledgersync.InvoiceStatus{"Submitted"}) {
		t.Errorf("QBO statuses = %v", got)
	}
	if got := cfg.Configuration.Sales.Accounts["sales"].DescriptionText; !strings.HasSuffix(got, "to QuickBooks Online.") {
		t.Errorf("description = %q", got)
	}
}

func TestRefreshOptionsKeepsSelections(t *testing.T) {
	t.Parallel()
	cfg := completeConfig(t)
	cfg.Configuration.Sales.TaxRates["12.5"] = &ledgersync.TaxRateSlot{SelectedTaxRateID: configRef("tr-5")}
	src := sandboxSources()
	src.ProductCategories = nil
	src.TaxPercentages = []string{"5"}
	ledgersync.RefreshOptions(cfg, src)
	s := cfg.Configuration.Sales
	gone := s.Accounts["productCategory-cat-1"]
	if gone == nil || deref(gone.SelectedAccountID) != "acc-4100" || gone.LabelText != "Drinks" || len(gone.AccountOptions) != 3 {
		t.Errorf("a removed category's slot = %+v", gone)
	}
	if s.Accounts["sales"].LabelText != "Sales" {
		t.Errorf("sales label without categories = %q", s.Accounts["sales"].LabelText)
	}
	if got := slices.Sorted(maps.Keys(s.TaxRates)); !slices.Equal(got, []string{"0", "12.5", "20", "5"}) {
		t.Errorf("tax keys = %v", got)
	}
	if deref(s.TaxRates["12.5"].SelectedTaxRateID) != "tr-5" || deref(s.TaxRates["20"].SelectedTaxRateID) != "tr-20" {
		t.Error("tax selections were lost")
	}
	if cfg.SelectedAccount("Payments", "card") != "acc-1200" || deref(s.SalesCustomer.SelectedCustomerID) != "cus-1" {
		t.Error("selections were lost")
	}
}

func TestRefreshOptionsUnlinkedEmptiesPlatformLists(t *testing.T) {
	t.Parallel()
	cfg := completeConfig(t)
	src := sandboxSources()
	src.Organisation = nil
	ledgersync.RefreshOptions(cfg, src)
	s := cfg.Configuration.Sales
	if len(s.Accounts["sales"].AccountOptions)+len(s.SalesCustomer.CustomerOptions)+len(s.TaxRates["0"].TaxRateOptions)+len(s.InvoiceStatus.InvoiceStatusOptions) != 0 {
		t.Error("platform lists are not empty before linking")
	}
	if cfg.AccountingSoftwareCompanyName != "" || cfg.Configuration.CountryCode != "" {
		t.Error("organisation shown before linking")
	}
	if len(s.NewTaxRates.CommerceTaxRateOptions) != 1 {
		t.Error("commerce components need no link")
	}
}

func TestResetForPlatformChange(t *testing.T) {
	t.Parallel()
	cfg := completeConfig(t)
	cfg.ResetForPlatformChange()
	r := ledgersync.Validate(cfg, completeContext())
	if cfg.Configured || r.Complete {
		t.Error("still configured after a platform change")
	}
	s := cfg.Configuration.Sales
	if cfg.SelectedAccount("Sales", "sales") != "" || s.TaxRates["20"].SelectedTaxRateID != nil || s.SalesCustomer.SelectedCustomerID != nil ||
		len(s.NewTaxRates.TaxRateMappings) != 0 || cfg.Configuration.Fees.FeesSupplier.SelectedSupplierID != nil {
		t.Errorf("selections kept:\n%s", marshalConfig(t, cfg))
	}
	if cfg.Schedule.StartDate == "" || !s.SyncSales || s.InvoiceStatus.SelectedInvoiceStatus == nil {
		t.Error("settings that do not belong to the platform were cleared")
	}
}

func TestPaymentTypeKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"Card": "card", "OnlineCard": "onlineCard", "Prepaid": "prepaidPayment", "Unknown": "manual",
		"StoreCredit": "storeCredit", "Paypal": "paypal", "cash": "cash", "Payout": "", "Bitcoin": ""} {
		if got, ok := ledgersync.PaymentTypeKey(in); got != want || ok != (want != "") {
			t.Errorf("PaymentTypeKey(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// plainOptionIDs returns the ids of options, in order.
func plainOptionIDs(opts []ledgersync.Option) []string {
	ids := make([]string, len(opts))
	for i, o := range opts {
		ids[i] = o.ID
	}
	return ids
}

// equalJSON reports whether a and b encode alike.
func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	return string(ja) == string(jb)
}
