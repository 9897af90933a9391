package ledgersync_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// validationCase breaks a complete configuration and names the finding.
type validationCase struct {
	name   string
	modify func(c *ledgersync.Configuration, ctx *ledgersync.ValidationContext)
	want   ledgersync.ValidationItem
}

// item builds an expected finding.
func item(itemID, message, validator string) ledgersync.ValidationItem {
	return ledgersync.ValidationItem{ItemID: itemID, Message: message, ValidatorName: validator}
}

// checkHasItem fails unless items holds want exactly.
func checkHasItem(t *testing.T, items []ledgersync.ValidationItem, want ledgersync.ValidationItem) {
	t.Helper()
	if !slices.Contains(items, want) {
		b, _ := json.MarshalIndent(items, "", "  ")
		t.Errorf("findings lack %+v; got %s", want, b)
	}
}

// set helpers for the cases below.
func setAccount(section, key, id string) func(*ledgersync.Configuration, *ledgersync.ValidationContext) {
	return func(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) {
		slots := map[string]map[string]*ledgersync.AccountSlot{
			ledgersync.SectionSales:    c.Configuration.Sales.Accounts,
			ledgersync.SectionPayments: c.Configuration.Payments.Accounts,
			ledgersync.SectionFees:     c.Configuration.Fees.Accounts,
		}[section]
		slots[key].SelectedAccountID = nil
		if id != "" {
			slots[key].SelectedAccountID = configRef(id)
		}
	}
}

func salesCase(f func(s *ledgersync.SalesConfig)) func(*ledgersync.Configuration, *ledgersync.ValidationContext) {
	return func(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) { f(&c.Configuration.Sales) }
}

func scheduleCase(f func(s *ledgersync.SyncSchedule)) func(*ledgersync.Configuration, *ledgersync.ValidationContext) {
	return func(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) { f(&c.Schedule) }
}

const (
	salesPath    = "configuration.sales."
	taxMapPath   = salesPath + "newTaxRates."
	groupingPath = salesPath + "grouping."
)

var membershipCases = []validationCase{
	{"archived account", setAccount(ledgersync.SectionSales, "sales", "acc-4999"), item(salesPath+"accounts.sales.selectedAccountId", "Selected Account is not a valid option.", "Sales")},
	{"refund on expense", setAccount(ledgersync.SectionSales, "refund", "acc-6100"), item(salesPath+"accounts.refund.selectedAccountId", "Selected Account is not a valid option.", "Sales")},
	{"payout on asset", setAccount(ledgersync.SectionPayments, "payout", "acc-1200"), item("configuration.payments.accounts.payout.selectedAccountId", "Selected Account is not a valid option.", "Payments")},
	{"card on liability not taking payments", setAccount(ledgersync.SectionPayments, "card", "acc-2110"), item("configuration.payments.accounts.card.selectedAccountId", "Selected Account is not a valid option.", "Payments")},
	{"fee on income", setAccount(ledgersync.SectionFees, "paymentFee", "acc-4000"), item("configuration.fees.accounts.paymentFee.selectedAccountId", "Selected Account is not a valid option.", "Fees")},
	{"archived customer", salesCase(func(s *ledgersync.SalesConfig) { s.SalesCustomer.SelectedCustomerID = configRef("cus-2") }),
		item(salesPath+"salesCustomer.selectedCustomerId", "Selected customer not present in customer options.", "Sales")},
	{"customer is a supplier", func(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) {
		c.Configuration.Fees.FeesSupplier.SelectedSupplierID = configRef("cus-1")
	}, item("configuration.fees.feesSupplier.selectedSupplierId", "Selected supplier not present in supplier options.", "Fees")},
	{"unknown tax rate", salesCase(func(s *ledgersync.SalesConfig) { s.TaxRates["20"].SelectedTaxRateID = configRef("tr-99") }),
		item(salesPath+"taxRates.20.selectedTaxRateId", "Selected tax rate id for 20% tax-rate has no options.", "Sales")},
	{"weekly grouping", salesCase(func(s *ledgersync.SalesConfig) {
		s.Grouping.GroupingPeriod.SelectedGroupingPeriod = configRef(ledgersync.GroupingPeriod("Weekly"))
	}),
		item(groupingPath+"groupingPeriod.selectedGroupingPeriod", "Grouping period selected not from options.", "Sales")},
	{"invoice grouping by region", salesCase(func(s *ledgersync.SalesConfig) {
		s.Grouping.GroupingLevels.InvoiceLevel.SelectedGroupByOptions = []ledgersync.GroupBy{"Region"}
	}),
		item(groupingPath+"groupingLevels.invoiceLevel.selectedGroupByOptions", "Invalid invoice level grouping selected.", "Sales")},
	{"line grouping by country", salesCase(func(s *ledgersync.SalesConfig) {
		s.Grouping.GroupingLevels.InvoiceLineLevel.SelectedGroupByOptions = []ledgersync.GroupBy{ledgersync.GroupByCountry}
	}), item(groupingPath+"groupingLevels.invoiceLineLevel.selectedGroupByOptions", "Invalid invoice line level grouping selected.", "Sales")},
	{"invoice status paid", salesCase(func(s *ledgersync.SalesConfig) {
		s.InvoiceStatus.SelectedInvoiceStatus = configRef(ledgersync.InvoiceStatus("Paid"))
	}),
		item(salesPath+"invoiceStatus.selectedInvoiceStatus", "Invalid invoice status selected (must be submitted or draft).", "Sales")},
	{"draft on QuickBooks", salesCase(func(s *ledgersync.SalesConfig) {
		s.InvoiceStatus.InvoiceStatusOptions = []ledgersync.InvoiceStatus{ledgersync.InvoiceSubmitted}
		s.InvoiceStatus.SelectedInvoiceStatus = configRef(ledgersync.InvoiceDraft)
	}), item(salesPath+"invoiceStatus.selectedInvoiceStatus", "Invalid invoice status selected (must be submitted or draft).", "Sales")},
	{"weekly frequency", scheduleCase(func(s *ledgersync.SyncSchedule) { s.SelectedFrequency = "Weekly" }),
		item("schedule.selectedFrequency", "Selected frequency not in frequency options.", "Schedule")},
	{"unknown time zone", scheduleCase(func(s *ledgersync.SyncSchedule) { s.TimeZone = "Mars/Olympus" }),
		item("schedule.timeZone", "Unknown time zone 'Mars/Olympus'.", "Schedule")},
	{"local time zone", scheduleCase(func(s *ledgersync.SyncSchedule) { s.TimeZone = "Local" }),
		item("schedule.timeZone", "Unknown time zone 'Local'.", "Schedule")},
	{"sync hour 24", scheduleCase(func(s *ledgersync.SyncSchedule) { s.SyncHour = 24 }),
		item("schedule.syncHour", "Sync hour must be between 0 and 23.", "Schedule")},
	{"sync hour -1", scheduleCase(func(s *ledgersync.SyncSchedule) { s.SyncHour = -1 }),
		item("schedule.syncHour", "Sync hour must be between 0 and 23.", "Schedule")},
	{"month 13", scheduleCase(func(s *ledgersync.SyncSchedule) { s.StartDate = "2024-13-01" }),
		item("schedule.startDate", "Start date is not a valid date.", "Schedule")},
	{"words for a date", scheduleCase(func(s *ledgersync.SyncSchedule) { s.StartDate = "yesterday" }),
		item("schedule.startDate", "Start date is not a valid date.", "Schedule")},
	{"output format changed", func(c *ledgersync.Configuration, ctx *ledgersync.ValidationContext) {
		ctx.Previous = c.Clone()
		c.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
	}, item("configuration.mapSettings.outputFormat", "Output format cannot be changed after the first configuration.", "Configuration")},
	{"unknown output format", func(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) {
		c.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: "Csv"}
	}, item("configuration.mapSettings.outputFormat", "Unknown output format 'Csv'.", "Configuration")},
	{"unknown commerce component", salesCase(func(s *ledgersync.SalesConfig) {
		s.NewTaxRates.TaxRateMappings[0].SelectedCommerceTaxRateIDs = []string{"gst"}
	}),
		item(taxMapPath+"taxRateMappings[0].selectedCommerceTaxRateIds[0]", "Selected tax rate not present in tax rate options.", "Sales")},
	{"component mapped twice", salesCase(func(s *ledgersync.SalesConfig) {
		s.NewTaxRates.TaxRateMappings = append(s.NewTaxRates.TaxRateMappings, ledgersync.TaxRateMapping{SelectedCommerceTaxRateIDs: []string{"vat20"}})
	}), item(taxMapPath+"taxRateMappings[1].selectedCommerceTaxRateIds[0]", "Commerce tax rate 'vat20' is mapped more than once.", "Sales")},
	{"unknown mapped rate", salesCase(func(s *ledgersync.SalesConfig) {
		s.NewTaxRates.TaxRateMappings[0].SelectedAccountingTaxRateID = configRef("tr-99")
	}),
		item(taxMapPath+"taxRateMappings[0].selectedAccountingTaxRateId", "Selected tax rate not present in tax rate options.", "Sales")},
	{"default zero rate not zero", salesCase(func(s *ledgersync.SalesConfig) { s.NewTaxRates.SelectedDefaultZeroTaxRateID = configRef("tr-20") }),
		item(taxMapPath+"selectedDefaultZeroTaxRateId", "Selected tax rate not present in tax rate options.", "Sales")},
}

func TestValidateMembership(t *testing.T) {
	t.Parallel()
	for _, tt := range membershipCases {
		for _, enable := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s enable=%v", tt.name, enable), func(t *testing.T) {
				t.Parallel()
				cfg, ctx := completeConfig(t), completeContext()
				cfg.Enable = enable
				tt.modify(cfg, &ctx)
				r := ledgersync.Validate(cfg, ctx)
				checkHasItem(t, r.Errors, tt.want)
				if err := r.Err(); ledgersync.ErrorCode(err) != ledgersync.EInvalid || ledgersync.ErrorMessage(err) != "Configuration is invalid." {
					t.Errorf("Err() = %v", err)
				}
			})
		}
	}
}

func TestValidateCompleteConfiguration(t *testing.T) {
	t.Parallel()
	r := ledgersync.Validate(completeConfig(t), completeContext())
	if len(r.Errors) != 0 || !r.Complete || r.Err() != nil {
		t.Fatalf("complete configuration: %+v", r)
	}
}

func TestValidateOutputFormatFreeBeforeConfigured(t *testing.T) {
	t.Parallel()
	cfg, ctx := completeConfig(t), completeContext()
	ctx.Previous = cfg.Clone()
	ctx.Previous.Configured = false
	cfg.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
	if r := ledgersync.Validate(cfg, ctx); len(r.Errors) != 0 {
		t.Errorf("errors = %+v", r.Errors)
	}
}

func TestValidateTimeZoneAndDateForms(t *testing.T) {
	t.Parallel()
	for _, s := range []ledgersync.SyncSchedule{
		{TimeZone: "", StartDate: "2024-03-01T00:00:00Z"},
		{TimeZone: "Etc/UTC", StartDate: "2024-03-01T10:30:00+02:00"},
		{TimeZone: "America/New_York", StartDate: "2024-03-01T10:30:00"},
		{TimeZone: "UTC", StartDate: "2024-02-29", SyncHour: 23},
	} {
		cfg := completeConfig(t)
		s.SelectedFrequency, s.FrequencyOptions = ledgersync.FrequencyMonthly, ledgersync.SyncFrequencies
		cfg.Schedule = s
		if r := ledgersync.Validate(cfg, completeContext()); len(r.Errors) != 0 {
			t.Errorf("schedule %+v: errors %+v", s, r.Errors)
		}
		if day, ok := s.StartDay(); !ok || day.Format("2006-01-02") != s.StartDate[:10] {
			t.Errorf("StartDay(%q) = %v, %v", s.StartDate, day, ok)
		}
	}
}
