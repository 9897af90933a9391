package ledgersync_test

import (
	"testing"

	"github.com/ledgersync/ledgersync"
)

const requiredMsg = "Config contains required accounts without selections."

// withoutIncome refreshes the options from a chart with no Income account.
func withoutIncome(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) {
	src := sandboxSources()
	src.Accounts = nil
	for _, a := range sandboxAccounts() {
		if a.Type != ledgersync.AccountIncome {
			src.Accounts = append(src.Accounts, a)
		}
	}
	ledgersync.RefreshOptions(c, src)
}

// journalMode switches to journal entries.
func journalMode(c *ledgersync.Configuration) {
	c.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
}

var completenessCases = []validationCase{
	{"not ready", func(_ *ledgersync.Configuration, ctx *ledgersync.ValidationContext) { ctx.Ready = false },
		item("companyId", "Company needs to have two valid data connections.", "Configuration")},
	{"no income account", withoutIncome, item(salesPath+"accounts.sales.accountOptions", "No Sales Account Present", "Sales")},
	{"no customer", salesCase(func(s *ledgersync.SalesConfig) { s.SalesCustomer.SelectedCustomerID = nil }),
		item(salesPath+"salesCustomer.selectedCustomerId", "No sales customer has been configured.", "Sales")},
	{"no invoice status", salesCase(func(s *ledgersync.SalesConfig) { s.InvoiceStatus.SelectedInvoiceStatus = nil }),
		item(salesPath+"invoiceStatus.selectedInvoiceStatus", "No selected invoice status.", "Sales")},
	{"no grouping period", salesCase(func(s *ledgersync.SalesConfig) { s.Grouping.GroupingPeriod.SelectedGroupingPeriod = nil }),
		item(groupingPath+"groupingPeriod.selectedGroupingPeriod", "No grouping period selected.", "Sales")},
	{"no frequency", scheduleCase(func(s *ledgersync.SyncSchedule) { s.SelectedFrequency = "" }),
		item("schedule.selectedFrequency", "No schedule selected frequency.", "Schedule")},
	{"no start date", scheduleCase(func(s *ledgersync.SyncSchedule) { s.StartDate = "" }),
		item("schedule.startDate", "No start date selected.", "Schedule")},
	{"no sales account", setAccount(ledgersync.SectionSales, "sales", ""), item(salesPath+"accounts.sales.selectedAccountId", requiredMsg, "Sales")},
	{"no refund account", setAccount(ledgersync.SectionSales, "refund", ""), item(salesPath+"accounts.refund.selectedAccountId", requiredMsg, "Sales")},
	{"no card account", setAccount(ledgersync.SectionPayments, "card", ""), item("configuration.payments.accounts.card.selectedAccountId", requiredMsg, "Payments")},
	{"no fee account", setAccount(ledgersync.SectionFees, "paymentFee", ""), item("configuration.fees.accounts.paymentFee.selectedAccountId", requiredMsg, "Fees")},
	{"seen rate unmapped", salesCase(func(s *ledgersync.SalesConfig) { s.TaxRates["20"].SelectedTaxRateID = nil }),
		item(salesPath+"taxRates.20.selectedTaxRateId", "Tax rate is missing selected tax rate id.", "Sales")},
	{"seen rate without key", func(_ *ledgersync.Configuration, ctx *ledgersync.ValidationContext) {
		ctx.TaxPercentages = []string{"12.50"}
	},
		item(salesPath+"taxRates.12.5.selectedTaxRateId", "Tax rate is missing selected tax rate id.", "Sales")},
	{"no zero rate", salesCase(func(s *ledgersync.SalesConfig) {
		s.TaxRates["0"].SelectedTaxRateID = nil
		s.NewTaxRates.SelectedDefaultZeroTaxRateID = nil
	}), item(salesPath+"taxRates.0.selectedTaxRateId", "Tax rate is missing selected tax rate id.", "Sales")},
	{"no fees supplier", func(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) {
		c.Configuration.Fees.FeesSupplier.SelectedSupplierID = nil
	},
		item("configuration.fees.feesSupplier.selectedSupplierId", "No fees supplier has been configured.", "Fees")},
	{"fees without payments", func(c *ledgersync.Configuration, _ *ledgersync.ValidationContext) {
		c.Configuration.Payments.SyncPayments = false
	},
		item("configuration.payments.syncPayments", "To sync fees: Payments section needs to exist; Payments account id needs to be set", "Fees")},
	{"fees without card", setAccount(ledgersync.SectionPayments, "card", ""),
		item("configuration.payments.accounts.card.selectedAccountId", "To sync fees: Payments section needs to exist; Payments account id needs to be set", "Fees")},
	{"payments without sales", salesCase(func(s *ledgersync.SalesConfig) { s.SyncSales = false }),
		item(salesPath+"syncSales", "Sales must be synced to sync payments.", "Payments")},
	{"payments on drafts", salesCase(func(s *ledgersync.SalesConfig) {
		s.InvoiceStatus.SelectedInvoiceStatus = configRef(ledgersync.InvoiceDraft)
	}),
		item(salesPath+"invoiceStatus.selectedInvoiceStatus", "Payments cannot be synced while invoice status is Draft.", "Payments")},
	{"prepaid is prepaid payment", setAccount(ledgersync.SectionPayments, "prepaidPayment", "acc-2100"),
		item(salesPath+"accounts.prepaid.selectedAccountId", "Accounts config invalid. Prepaid account in Sales should not match PrepaidPayment in Payments.", "Sales")},
	{"card is payout", setAccount(ledgersync.SectionPayments, "card", "acc-1010"),
		item("configuration.payments.accounts.payout.selectedAccountId", "Payments config invalid. Card account should not match Payout account.", "Payments")},
}

// TestValidateCompleteness: each case fails with enable=true, and with
// enable=false it only marks the configuration incomplete.
func TestValidateCompleteness(t *testing.T) {
	t.Parallel()
	for _, tt := range completenessCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, ctx := completeConfig(t), completeContext()
			tt.modify(cfg, &ctx)
			r := ledgersync.Validate(cfg, ctx)
			checkHasItem(t, r.Errors, tt.want)
			if r.Complete {
				t.Error("Complete = true")
			}
			checkHasItem(t, ledgersync.CheckCompleteness(cfg, ctx), tt.want)

			cfg.Enable = false
			r = ledgersync.Validate(cfg, ctx)
			for _, e := range r.Errors {
				if e == tt.want {
					t.Errorf("with enable=false the completeness finding %+v is still an error", e)
				}
			}
			if r.Complete {
				t.Error("Complete = true with enable=false")
			}
		})
	}
}

// TestCompletenessModeAndToggles: invoice-only checks are skipped in
// journal mode, and section checks when the section does not sync.
func TestCompletenessModeAndToggles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		modify func(c *ledgersync.Configuration)
	}{
		{"journal mode needs no customer or status", func(c *ledgersync.Configuration) {
			journalMode(c)
			c.Configuration.Sales.SalesCustomer.SelectedCustomerID = nil
			c.Configuration.Sales.InvoiceStatus.SelectedInvoiceStatus = configRef(ledgersync.InvoiceDraft)
		}},
		{"journal mode without status", func(c *ledgersync.Configuration) {
			journalMode(c)
			c.Configuration.Sales.InvoiceStatus.SelectedInvoiceStatus = nil
		}},
		{"sections off need nothing", func(c *ledgersync.Configuration) {
			cc := &c.Configuration
			cc.Sales.SyncSales, cc.Payments.SyncPayments, cc.Fees.SyncFees = false, false, false
			for _, slots := range []map[string]*ledgersync.AccountSlot{cc.Sales.Accounts, cc.Payments.Accounts, cc.Fees.Accounts} {
				for _, s := range slots {
					s.SelectedAccountID = nil
				}
			}
			cc.Sales.SalesCustomer.SelectedCustomerID, cc.Sales.InvoiceStatus.SelectedInvoiceStatus = nil, nil
			cc.Sales.TaxRates["20"].SelectedTaxRateID, cc.Fees.FeesSupplier.SelectedSupplierID = nil, nil
		}},
		{"zero rate from the default zero rate", func(c *ledgersync.Configuration) { c.Configuration.Sales.TaxRates["0"].SelectedTaxRateID = nil }},
		{"zero rate from taxRates", func(c *ledgersync.Configuration) {
			c.Configuration.Sales.NewTaxRates.SelectedDefaultZeroTaxRateID = nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := completeConfig(t)
			tt.modify(cfg)
			if r := ledgersync.Validate(cfg, completeContext()); len(r.Errors) != 0 || !r.Complete {
				t.Errorf("errors = %+v", r.Errors)
			}
		})
	}
}
