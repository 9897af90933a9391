package ledgersync

import "slices"

// refreshSales rebuilds the sales section's lists other than accounts.
func (o *optionLists) refreshSales(s *SalesConfig, src OptionSources) {
	s.InvoiceStatus.InvoiceStatusOptions = slices.Clone(o.statuses)
	s.SalesCustomer.CustomerOptions = o.customers
	s.TaxRates = o.taxSlots(s.TaxRates, src)
	nt := &s.NewTaxRates
	nt.AccountingTaxRateOptions = slices.Clone(o.revenue)
	nt.CommerceTaxRateOptions = o.components
	nt.DefaultZeroTaxRateOptions = o.zeroRates
	if nt.TaxRateMappings == nil {
		nt.TaxRateMappings = []TaxRateMapping{}
	}
	for i := range nt.TaxRateMappings {
		nt.TaxRateMappings[i].SelectedCommerceTaxRateIDs = nonNil(nt.TaxRateMappings[i].SelectedCommerceTaxRateIDs)
	}
	g := &s.Grouping
	g.GroupingPeriod.GroupingPeriodOptions = slices.Clone(groupingPeriodOptions)
	refreshLevel(&g.GroupingLevels.InvoiceLevel, invoiceGroupByOptions)
	refreshLevel(&g.GroupingLevels.InvoiceLineLevel, lineGroupByOptions)
}

// refreshLevel sets a grouping level's options.
func refreshLevel(l *GroupingLevel, options []GroupBy) {
	l.GroupByOptions = slices.Clone(options)
	l.SelectedGroupByOptions = nonNil(l.SelectedGroupByOptions)
}

// nonNil returns s, or an empty slice for nil, so that it is sent as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// taxSlots builds the taxRates map: one slot per key, each listing the
// revenue rates and keeping its selection.
func (o *optionLists) taxSlots(existing map[string]*TaxRateSlot, src OptionSources) map[string]*TaxRateSlot {
	keys := map[string]bool{"0": true}
	add := func(p string) {
		if c, err := CanonicalPercent(p); err == nil {
			keys[c] = true
		}
	}
	for _, p := range src.TaxPercentages {
		add(p)
	}
	for _, c := range src.TaxComponents {
		add(c.Rate)
	}
	for k := range existing {
		add(k)
	}
	out := make(map[string]*TaxRateSlot, len(keys))
	for k := range keys {
		slot := &TaxRateSlot{TaxRateOptions: slices.Clone(o.revenue)}
		if old := existing[k]; old != nil {
			slot.SelectedTaxRateID = old.SelectedTaxRateID
		}
		out[k] = slot
	}
	return out
}

// ResetForPlatformChange clears what belongs to the old accounting
// platform when the company switches to another (SPEC §4): every account,
// tax rate, customer and supplier selection, the tax component mappings,
// and Configured.
func (c *Configuration) ResetForPlatformChange() {
	for _, s := range c.accountSections() {
		for _, slot := range s.slots {
			slot.SelectedAccountID = nil
		}
	}
	sales := &c.Configuration.Sales
	for _, t := range sales.TaxRates {
		t.SelectedTaxRateID = nil
	}
	sales.NewTaxRates.TaxRateMappings = []TaxRateMapping{}
	sales.NewTaxRates.SelectedDefaultZeroTaxRateID = nil
	sales.SalesCustomer.SelectedCustomerID = nil
	c.Configuration.Fees.FeesSupplier.SelectedSupplierID = nil
	c.Configured = false
}
