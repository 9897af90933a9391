package ledgersync

// MessageNotReady is the completeness message of a company without Linked
// Commerce and Accounting connections; manual syncs are refused with it.
const MessageNotReady = "Company needs to have two valid data connections."

// Completeness messages (SPEC §6.4).
const (
	msgNoSalesAccount    = "No Sales Account Present"
	msgNoCustomer        = "No sales customer has been configured."
	msgNoInvoiceStatus   = "No selected invoice status."
	msgNoGroupingPeriod  = "No grouping period selected."
	msgRequiredAccounts  = "Config contains required accounts without selections."
	msgTaxRateMissing    = "Tax rate is missing selected tax rate id."
	msgNoFeesSupplier    = "No fees supplier has been configured."
	msgFeesNeedPayments  = "To sync fees: Payments section needs to exist; Payments account id needs to be set"
	msgPaymentsNeedSales = "Sales must be synced to sync payments."
	msgPaymentsDraft     = "Payments cannot be synced while invoice status is Draft."
	msgPrepaidConflict   = "Accounts config invalid. Prepaid account in Sales should not match PrepaidPayment in Payments."
	msgPayoutConflict    = "Payments config invalid. Card account should not match Payout account."
)

// CheckCompleteness applies the completeness checks of SPEC §6.4: what a
// configuration needs before syncs may run. They are enforced only when
// enable is true, and again at sync start.
func CheckCompleteness(cfg *Configuration, ctx ValidationContext) []ValidationItem {
	var f findings
	if !ctx.Ready {
		f.add("companyId", SectionConfiguration, MessageNotReady)
	}
	f.completeSales(cfg)
	f.completeTaxes(&cfg.Configuration.Sales, ctx.TaxPercentages)
	f.completeSchedule(&cfg.Schedule)
	for _, s := range cfg.accountSections() {
		f.completeRequired(s)
	}
	f.completePayments(cfg)
	f.completeFees(cfg)
	f.completeConflicts(cfg)
	return f
}

// completeSales: an Income account exists and, when sales sync, the
// customer, invoice status (both invoice mode only) and grouping period
// are chosen.
func (f *findings) completeSales(cfg *Configuration) {
	s := &cfg.Configuration.Sales
	if slot := s.Accounts["sales"]; slot == nil || len(slot.AccountOptions) == 0 {
		f.add("configuration.sales.accounts.sales.accountOptions", SectionSales, msgNoSalesAccount)
	}
	if !s.SyncSales {
		return
	}
	if !cfg.JournalMode() && s.SalesCustomer.SelectedCustomerID == nil {
		f.add("configuration.sales.salesCustomer.selectedCustomerId", SectionSales, msgNoCustomer)
	}
	if !cfg.JournalMode() && s.InvoiceStatus.SelectedInvoiceStatus == nil {
		f.add("configuration.sales.invoiceStatus.selectedInvoiceStatus", SectionSales, msgNoInvoiceStatus)
	}
	if s.Grouping.GroupingPeriod.SelectedGroupingPeriod == nil {
		f.add("configuration.sales.grouping.groupingPeriod.selectedGroupingPeriod", SectionSales, msgNoGroupingPeriod)
	}
}

// completeTaxes: when sales sync, a zero rate is chosen (the default zero
// rate or taxRates["0"]) and so is every other percentage seen in the
// data.
func (f *findings) completeTaxes(s *SalesConfig, seen []string) {
	if !s.SyncSales {
		return
	}
	keys := map[string]bool{}
	for _, p := range seen {
		if c, err := CanonicalPercent(p); err == nil && c != "0" {
			keys[c] = true
		}
	}
	if s.NewTaxRates.SelectedDefaultZeroTaxRateID == nil {
		keys["0"] = true
	}
	for _, k := range sortedKeys(keys) {
		if t := s.TaxRates[k]; t == nil || t.SelectedTaxRateID == nil {
			f.add("configuration.sales.taxRates."+k+".selectedTaxRateId", SectionSales, msgTaxRateMissing)
		}
	}
}

// completeRequired: while a section syncs, its required slots are set.
func (f *findings) completeRequired(s sectionAccounts) {
	if !s.enabled {
		return
	}
	for _, spec := range s.specs {
		if spec.Required && selected(s.slots, spec.Key) == "" {
			f.add(s.slotPath(spec.Key), s.section, msgRequiredAccounts)
		}
	}
}

// completePayments: payments need sales, and invoices that are not
// drafts.
func (f *findings) completePayments(cfg *Configuration) {
	cc := &cfg.Configuration
	if !cc.Payments.SyncPayments {
		return
	}
	if !cc.Sales.SyncSales {
		f.add("configuration.sales.syncSales", SectionPayments, msgPaymentsNeedSales)
	}
	if st := cc.Sales.InvoiceStatus.SelectedInvoiceStatus; !cfg.JournalMode() && st != nil && *st == InvoiceDraft {
		f.add("configuration.sales.invoiceStatus.selectedInvoiceStatus", SectionPayments, msgPaymentsDraft)
	}
}

// completeFees: fees need a supplier, and payments with a card account.
func (f *findings) completeFees(cfg *Configuration) {
	cc := &cfg.Configuration
	if !cc.Fees.SyncFees {
		return
	}
	if cc.Fees.FeesSupplier.SelectedSupplierID == nil {
		f.add("configuration.fees.feesSupplier.selectedSupplierId", SectionFees, msgNoFeesSupplier)
	}
	if !cc.Payments.SyncPayments {
		f.add("configuration.payments.syncPayments", SectionFees, msgFeesNeedPayments)
	} else if selected(cc.Payments.Accounts, "card") == "" {
		f.add("configuration.payments.accounts.card.selectedAccountId", SectionFees, msgFeesNeedPayments)
	}
}

// completeConflicts: prepaid differs from prepaidPayment, and card from
// payout.
func (f *findings) completeConflicts(cfg *Configuration) {
	cc := &cfg.Configuration
	if id := selected(cc.Sales.Accounts, "prepaid"); id != "" && id == selected(cc.Payments.Accounts, "prepaidPayment") {
		f.add("configuration.sales.accounts.prepaid.selectedAccountId", SectionSales, msgPrepaidConflict)
	}
	if id := selected(cc.Payments.Accounts, "card"); id != "" && id == selected(cc.Payments.Accounts, "payout") {
		f.add("configuration.payments.accounts.payout.selectedAccountId", SectionPayments, msgPayoutConflict)
	}
}
