package ledgersync

import (
	"cmp"
	"slices"
	"strings"
)

// OptionSources is the live data a configuration's option lists are built
// from: the accounting platform's (empty before linking) and the pushed
// commerce catalogues.
type OptionSources struct {
	// IntegrationKey is the accounting integration, such as "qhyg".
	IntegrationKey string
	// Organisation is nil until the accounting connection is linked; until
	// then every platform list is empty.
	Organisation *Organisation
	Accounts     []Account
	TaxRates     []TaxRate
	Contacts     []Contact
	// CommerceName is the client's profile name, the {commerce} of texts.
	CommerceName string
	// TaxPercentages are the taxPercentage values of pushed lines and
	// service charges.
	TaxPercentages    []string
	TaxComponents     []PushedTaxComponent
	ProductCategories []PushedCategory
}

// PushedTaxComponent is a commerce tax component, as pushed.
type PushedTaxComponent struct {
	ID   string
	Name string
	// Rate is a decimal percentage as text.
	Rate string
}

// PushedCategory is a commerce product category, as pushed.
type PushedCategory struct {
	ID   string
	Name string
}

// Static option lists (SPEC §6.1).
var (
	groupingPeriodOptions   = []GroupingPeriod{GroupingDaily}
	invoiceGroupByOptions   = []GroupBy{GroupByCountry, GroupByLocation}
	lineGroupByOptions      = []GroupBy{GroupByLocation}
	accountsDescriptionText = "Configure accounts mapping from {commerce} to {accounting}."
)

// NewConfiguration returns the configuration of a company before anything
// is chosen or linked: every platform list empty, every selection null.
func NewConfiguration(companyID string) *Configuration {
	cfg := &Configuration{CompanyID: companyID}
	RefreshOptions(cfg, OptionSources{})
	return cfg
}

// RefreshOptions rebuilds every read-only part of cfg (option lists,
// labels, descriptions, required flags, the organisation's name and
// country) from src, keeping every selection. Tax rate keys are the union
// of "0", the pushed percentages, the tax components' rates and the keys
// already present. A category's slot is kept after the category is gone.
func RefreshOptions(cfg *Configuration, src OptionSources) {
	o := newOptionLists(src)
	cfg.AccountingSoftwareCompanyName, cfg.Configuration.CountryCode = "", ""
	if src.Organisation != nil {
		cfg.AccountingSoftwareCompanyName = src.Organisation.Name
		cfg.Configuration.CountryCode = src.Organisation.CountryCode
	}
	cfg.Schedule.FrequencyOptions = slices.Clone(SyncFrequencies)
	cc := &cfg.Configuration
	cc.Sales.Accounts = o.slots(cc.Sales.Accounts, o.salesSpecs(cc.Sales.Accounts))
	cc.Payments.Accounts = o.slots(cc.Payments.Accounts, PaymentSlots)
	cc.Fees.Accounts = o.slots(cc.Fees.Accounts, FeeSlots)
	cc.Fees.FeesSupplier.SupplierOptions = o.suppliers
	o.refreshSales(&cc.Sales, src)
}

// optionLists are the option lists built once from OptionSources.
type optionLists struct {
	linked      bool
	accounts    []Account
	customers   []Option
	suppliers   []Option
	revenue     []Option
	zeroRates   []Option
	components  []Option
	statuses    []InvoiceStatus
	categories  []PushedCategory
	description string
}

func newOptionLists(src OptionSources) *optionLists {
	o := &optionLists{linked: src.Organisation != nil, categories: src.ProductCategories, statuses: []InvoiceStatus{}}
	o.description = strings.NewReplacer("{commerce}", commerceName(src), "{accounting}", accountingName(src)).Replace(accountsDescriptionText)
	o.components = componentOptions(src.TaxComponents)
	if o.linked {
		o.accounts = src.Accounts
		o.statuses = slices.Clone(InvoiceStatuses)
		if src.IntegrationKey == KeyQuickBooks {
			o.statuses = []InvoiceStatus{InvoiceSubmitted}
		}
	}
	o.customers = contactOptions(o.linked, src.Contacts, func(c Contact) bool { return c.IsCustomer })
	o.suppliers = contactOptions(o.linked, src.Contacts, func(c Contact) bool { return c.IsSupplier })
	o.revenue = taxRateOptions(o.linked, src.TaxRates, func(TaxRate) bool { return true })
	o.zeroRates = taxRateOptions(o.linked, src.TaxRates, func(r TaxRate) bool {
		p, err := CanonicalPercent(r.Rate)
		return err == nil && p == "0"
	})
	return o
}

// commerceName is the {commerce} of texts.
func commerceName(src OptionSources) string {
	if src.CommerceName != "" {
		return src.CommerceName
	}
	return integrationName(KeyPartnerCommerce, "your commerce platform")
}

// accountingName is the {accounting} of texts.
func accountingName(src OptionSources) string {
	return integrationName(src.IntegrationKey, "your accounting software")
}

// integrationName returns the name of the integration with key, or
// fallback.
func integrationName(key, fallback string) string {
	for _, in := range Integrations {
		if in.Key == key {
			return in.Name
		}
	}
	return fallback
}

// salesSpecs are the sales slots: the fixed ones ("sales" is labelled
// "Other sales" once categories exist), one per category, and the slots
// of categories that are gone.
func (o *optionLists) salesSpecs(existing map[string]*AccountSlot) []SlotSpec {
	specs := slices.Clone(SalesSlots)
	if len(o.categories) > 0 {
		specs[0].Label = salesOtherLabel
	}
	for _, c := range o.categories {
		specs = append(specs, productCategorySlot(c.ID, c.Name))
	}
	for _, key := range sortedKeys(existing) {
		id, ok := ProductCategoryID(key)
		if ok && existing[key] != nil && !slices.ContainsFunc(specs, func(s SlotSpec) bool { return s.Key == key }) {
			specs = append(specs, productCategorySlot(id, existing[key].LabelText))
		}
	}
	return specs
}

// slots builds a section's slots from specs, keeping existing selections.
func (o *optionLists) slots(existing map[string]*AccountSlot, specs []SlotSpec) map[string]*AccountSlot {
	out := make(map[string]*AccountSlot, len(specs))
	for _, s := range specs {
		slot := &AccountSlot{LabelText: s.Label, DescriptionText: o.description, Required: s.Required, AccountOptions: o.accountOptions(s.Allows)}
		if old := existing[s.Key]; old != nil {
			slot.SelectedAccountID = old.SelectedAccountID
		}
		out[s.Key] = slot
	}
	return out
}

// accountOptions lists the active accounts allowed, by code then name.
func (o *optionLists) accountOptions(allows func(Account) bool) []AccountOption {
	out := []AccountOption{}
	for _, a := range o.accounts {
		if a.Active && allows(a) {
			out = append(out, AccountOption{ID: a.ID, Name: a.Name, NominalCode: a.Code, Classification: classify(a)})
		}
	}
	slices.SortStableFunc(out, func(a, b AccountOption) int {
		return cmp.Or(cmp.Compare(a.NominalCode, b.NominalCode), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// classify is "Bank" for bank accounts, else "Nominal".
func classify(a Account) AccountClassification {
	if a.Type == AccountBank {
		return ClassificationBank
	}
	return ClassificationNominal
}

// contactOptions lists the active contacts that match, by name.
func contactOptions(linked bool, contacts []Contact, match func(Contact) bool) []Option {
	out := []Option{}
	for _, c := range contacts {
		if linked && c.Active && match(c) {
			out = append(out, Option{ID: c.ID, Name: c.Name})
		}
	}
	return sortOptions(out)
}

// taxRateOptions lists the active rates that apply to revenue and match,
// by name.
func taxRateOptions(linked bool, rates []TaxRate, match func(TaxRate) bool) []Option {
	out := []Option{}
	for _, r := range rates {
		if linked && r.Active && r.AppliesToRevenue && match(r) {
			out = append(out, Option{ID: r.ID, Name: r.Name})
		}
	}
	return sortOptions(out)
}

// componentOptions lists the pushed tax components as "{name} ({rate}%)".
func componentOptions(components []PushedTaxComponent) []Option {
	out := []Option{}
	for _, c := range components {
		rate, err := CanonicalPercent(c.Rate)
		if err != nil {
			rate = c.Rate
		}
		out = append(out, Option{ID: c.ID, Name: c.Name + " (" + rate + "%)"})
	}
	return sortOptions(out)
}

// sortOptions sorts options by name, then id.
func sortOptions(opts []Option) []Option {
	slices.SortStableFunc(opts, func(a, b Option) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return opts
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
