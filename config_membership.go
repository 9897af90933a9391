package ledgersync

import (
	"fmt"
	"slices"
)

// Membership messages that name no value (SPEC §6.4).
const (
	msgAccountNotOption   = "Selected Account is not a valid option."
	msgCustomerNotOption  = "Selected customer not present in customer options."
	msgSupplierNotOption  = "Selected supplier not present in supplier options."
	msgTaxRateNotOption   = "Selected tax rate not present in tax rate options."
	msgPeriodNotOption    = "Grouping period selected not from options."
	msgInvoiceGrouping    = "Invalid invoice level grouping selected."
	msgLineGrouping       = "Invalid invoice line level grouping selected."
	msgInvalidStatus      = "Invalid invoice status selected (must be submitted or draft)."
	msgOutputFormatLocked = "Output format cannot be changed after the first configuration."
)

// CheckMembership applies the membership checks of SPEC §6.4: every
// selection is one of its options and every value is valid. previous, if
// not nil, is the stored configuration: once configured, its output format
// may not change.
func CheckMembership(cfg *Configuration, previous *Configuration) []ValidationItem {
	var f findings
	f.checkSchedule(&cfg.Schedule)
	f.checkOutputFormat(cfg, previous)
	for _, s := range cfg.accountSections() {
		f.checkAccounts(s)
	}
	f.checkSales(&cfg.Configuration.Sales)
	supplier := cfg.Configuration.Fees.FeesSupplier
	if !selectionIn(supplier.SelectedSupplierID, supplier.SupplierOptions) {
		f.add("configuration.fees.feesSupplier.selectedSupplierId", SectionFees, msgSupplierNotOption)
	}
	return f
}

// checkOutputFormat refuses unknown formats, and changes once configured.
func (f *findings) checkOutputFormat(cfg, previous *Configuration) {
	const path = "configuration.mapSettings.outputFormat"
	format := cfg.OutputFormat()
	if format != "" && format != OutputJournalEntry {
		f.add(path, SectionConfiguration, "Unknown output format '%s'.", format)
	}
	if previous != nil && previous.Configured && previous.OutputFormat() != format {
		f.add(path, SectionConfiguration, msgOutputFormatLocked)
	}
}

// checkAccounts checks that each selected account is one of its slot's
// options.
func (f *findings) checkAccounts(s sectionAccounts) {
	for _, key := range sortedKeys(s.slots) {
		slot := s.slots[key]
		if slot.SelectedAccountID == nil {
			continue
		}
		id := *slot.SelectedAccountID
		if !slices.ContainsFunc(slot.AccountOptions, func(o AccountOption) bool { return o.ID == id }) {
			f.add(s.slotPath(key), s.section, msgAccountNotOption)
		}
	}
}

// checkSales checks the sales section's selections other than accounts.
func (f *findings) checkSales(s *SalesConfig) {
	if st := s.InvoiceStatus.SelectedInvoiceStatus; st != nil && !validInvoiceStatus(*st, s.InvoiceStatus.InvoiceStatusOptions) {
		f.add("configuration.sales.invoiceStatus.selectedInvoiceStatus", SectionSales, msgInvalidStatus)
	}
	if !selectionIn(s.SalesCustomer.SelectedCustomerID, s.SalesCustomer.CustomerOptions) {
		f.add("configuration.sales.salesCustomer.selectedCustomerId", SectionSales, msgCustomerNotOption)
	}
	for _, key := range sortedKeys(s.TaxRates) {
		t := s.TaxRates[key]
		if !selectionIn(t.SelectedTaxRateID, t.TaxRateOptions) {
			f.add("configuration.sales.taxRates."+key+".selectedTaxRateId", SectionSales, "Selected tax rate id for %s%% tax-rate has no options.", key)
		}
	}
	f.checkTaxComponentMapping(&s.NewTaxRates)
	f.checkGrouping(&s.Grouping)
}

// validInvoiceStatus: Draft or Submitted, and offered when options exist.
func validInvoiceStatus(st InvoiceStatus, options []InvoiceStatus) bool {
	return slices.Contains(InvoiceStatuses, st) && (len(options) == 0 || slices.Contains(options, st))
}

// checkTaxComponentMapping checks newTaxRates: every id is an option and no
// component is mapped twice.
func (f *findings) checkTaxComponentMapping(nt *TaxComponentMapping) {
	const path = "configuration.sales.newTaxRates"
	seen := map[string]bool{}
	for i, m := range nt.TaxRateMappings {
		at := fmt.Sprintf("%s.taxRateMappings[%d]", path, i)
		for j, id := range m.SelectedCommerceTaxRateIDs {
			item := fmt.Sprintf("%s.selectedCommerceTaxRateIds[%d]", at, j)
			if !selectionIn(&id, nt.CommerceTaxRateOptions) {
				f.add(item, SectionSales, msgTaxRateNotOption)
			} else if seen[id] {
				f.add(item, SectionSales, "Commerce tax rate '%s' is mapped more than once.", id)
			}
			seen[id] = true
		}
		if !selectionIn(m.SelectedAccountingTaxRateID, nt.AccountingTaxRateOptions) {
			f.add(at+".selectedAccountingTaxRateId", SectionSales, msgTaxRateNotOption)
		}
	}
	if !selectionIn(nt.SelectedDefaultZeroTaxRateID, nt.DefaultZeroTaxRateOptions) {
		f.add(path+".selectedDefaultZeroTaxRateId", SectionSales, msgTaxRateNotOption)
	}
}

// checkGrouping checks the grouping period and levels against their
// options.
func (f *findings) checkGrouping(g *Grouping) {
	const path = "configuration.sales.grouping."
	if p := g.GroupingPeriod.SelectedGroupingPeriod; p != nil && !slices.Contains(g.GroupingPeriod.GroupingPeriodOptions, *p) {
		f.add(path+"groupingPeriod.selectedGroupingPeriod", SectionSales, msgPeriodNotOption)
	}
	if !levelValid(g.GroupingLevels.InvoiceLevel) {
		f.add(path+"groupingLevels.invoiceLevel.selectedGroupByOptions", SectionSales, msgInvoiceGrouping)
	}
	if !levelValid(g.GroupingLevels.InvoiceLineLevel) {
		f.add(path+"groupingLevels.invoiceLineLevel.selectedGroupByOptions", SectionSales, msgLineGrouping)
	}
}

// levelValid: every selected choice is an option.
func levelValid(l GroupingLevel) bool {
	for _, g := range l.SelectedGroupByOptions {
		if !slices.Contains(l.GroupByOptions, g) {
			return false
		}
	}
	return true
}

// selectionIn reports whether a selection is nil or one of the options.
func selectionIn(id *string, options []Option) bool {
	return id == nil || slices.ContainsFunc(options, func(o Option) bool { return o.ID == *id })
}
