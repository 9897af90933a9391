package mapping_test

import (
	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// setAccount selects an account for a key, or clears it when id is "".
func setAccount(in *mapping.Input, section, key, id string) {
	cc := &in.Config.Configuration
	slots := map[string]map[string]*ledgersync.AccountSlot{
		ledgersync.SectionSales: cc.Sales.Accounts, ledgersync.SectionPayments: cc.Payments.Accounts, ledgersync.SectionFees: cc.Fees.Accounts,
	}[section]
	if id == "" {
		delete(slots, key)
		return
	}
	slots[key] = &ledgersync.AccountSlot{SelectedAccountID: &id}
}

// journalMode switches the input to journal mode.
func journalMode(in *mapping.Input) {
	in.Config.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
}

// extraRates maps the HST component to tr-12.5 and 17.5% to tr-17.5, and
// gives online card payments the card clearing account.
func extraRates(in *mapping.Input) {
	s := &in.Config.Configuration.Sales
	rate := "tr-12.5"
	s.NewTaxRates.TaxRateMappings = append(s.NewTaxRates.TaxRateMappings,
		ledgersync.TaxRateMapping{SelectedCommerceTaxRateIDs: []string{"hst"}, SelectedAccountingTaxRateID: &rate})
	other := "tr-17.5"
	s.TaxRates["17.5"] = &ledgersync.TaxRateSlot{SelectedTaxRateID: &other}
	setAccount(in, ledgersync.SectionPayments, "onlineCard", "acc-1200")
}

// bankFees puts fees on the current account, a Bank account, and leaves
// fee refunds to fall back to it.
func bankFees(in *mapping.Input) {
	setAccount(in, ledgersync.SectionFees, "paymentFee", "acc-1010")
	setAccount(in, ledgersync.SectionFees, "paymentFeeRefund", "")
}

// groupLinesByLocation splits invoice lines by location.
func groupLinesByLocation(in *mapping.Input) {
	levels := &in.Config.Configuration.Sales.Grouping.GroupingLevels
	levels.InvoiceLineLevel.SelectedGroupByOptions = []ledgersync.GroupBy{ledgersync.GroupByLocation}
}
