package ledgersync

import (
	"fmt"
	"strings"
)

// CheckSyncStart is the check a sync makes before it writes anything
// (SPEC §6.4): the completeness checks again, and every selected account,
// customer, supplier and tax rate must still exist in live, the platform's
// current data, and be active. Refresh cfg's options from live first (for
// "No Sales Account Present"). Any error fails the sync with 4000 and
// Message() as its errorMessage.
func CheckSyncStart(cfg *Configuration, ctx ValidationContext, live OptionSources) *ValidationResult {
	f := findings(CheckCompleteness(cfg, ctx))
	f.liveAccounts(cfg, live.Accounts)
	f.liveContacts(&cfg.Configuration, live.Contacts)
	f.liveTaxRates(&cfg.Configuration.Sales, live.TaxRates)
	return &ValidationResult{Errors: nonNil(f), Warnings: []ValidationItem{}, Complete: len(f) == 0}
}

// liveAccounts reports selected accounts that are gone, in one message, and
// those that are no longer active.
func (f *findings) liveAccounts(cfg *Configuration, accounts []Account) {
	byID := indexByID(accounts, func(a Account) string { return a.ID })
	var labels []string
	var firstPath, firstSection string
	for _, s := range cfg.accountSections() {
		for _, key := range sortedKeys(s.slots) {
			id := selected(s.slots, key)
			a, found := byID[id]
			switch {
			case id == "":
			case !found:
				if labels == nil {
					firstPath, firstSection = s.slotPath(key), s.section
				}
				labels = append(labels, fmt.Sprintf("(%s - %s)", s.slots[key].LabelText, id))
			case !a.Active:
				f.add(s.slotPath(key), s.section, "Account %s is not in an Active state.", id)
			}
		}
	}
	if labels != nil {
		f.add(firstPath, firstSection,
			"The following account(s) were not found %s: Please configure your Sync settings to update these accounts.", strings.Join(labels, ", "))
	}
}

// liveContacts reports a sales customer or fees supplier that is gone or
// not active.
func (f *findings) liveContacts(cc *CommerceConfiguration, contacts []Contact) {
	byID := indexByID(contacts, func(c Contact) string { return c.ID })
	if id := cc.Sales.SalesCustomer.SelectedCustomerID; id != nil {
		const path = "configuration.sales.salesCustomer.selectedCustomerId"
		if c, ok := byID[*id]; !ok {
			f.add(path, SectionSales, "Customer %s does not exist.", *id)
		} else if !c.Active {
			f.add(path, SectionSales, "Customer %s is not in an Active state. (Archived)", *id)
		}
	}
	if id := cc.Fees.FeesSupplier.SelectedSupplierID; id != nil {
		const path = "configuration.fees.feesSupplier.selectedSupplierId"
		if c, ok := byID[*id]; !ok {
			f.add(path, SectionFees, "Supplier does not exist.")
		} else if !c.Active {
			f.add(path, SectionFees, "Supplier is not in an Active state.")
		}
	}
}

// liveTaxRates reports each selected tax rate that is gone or not active,
// once.
func (f *findings) liveTaxRates(s *SalesConfig, rates []TaxRate) {
	byID := indexByID(rates, func(r TaxRate) string { return r.ID })
	reported := map[string]bool{}
	check := func(path string, id *string) {
		if id == nil || reported[*id] {
			return
		}
		if r, ok := byID[*id]; !ok || !r.Active {
			reported[*id] = true
			f.add(path, SectionSales, "Tax Rate %s does not exist.", *id)
		}
	}
	for _, key := range sortedKeys(s.TaxRates) {
		check("configuration.sales.taxRates."+key+".selectedTaxRateId", s.TaxRates[key].SelectedTaxRateID)
	}
	for i, m := range s.NewTaxRates.TaxRateMappings {
		check(fmt.Sprintf("configuration.sales.newTaxRates.taxRateMappings[%d].selectedAccountingTaxRateId", i), m.SelectedAccountingTaxRateID)
	}
	check("configuration.sales.newTaxRates.selectedDefaultZeroTaxRateId", s.NewTaxRates.SelectedDefaultZeroTaxRateID)
}

// indexByID maps items by their id.
func indexByID[T any](items []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(items))
	for _, it := range items {
		m[id(it)] = it
	}
	return m
}
