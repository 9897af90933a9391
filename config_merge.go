package ledgersync

import (
	"bytes"
	"cmp"
)

// MergeConfiguration applies a POSTed configuration body onto cfg (SPEC
// §3.1). Present fields apply, absent ones keep their value, null clears a
// selection, and read-only fields (companyId,
// accountingSoftwareCompanyName, configured, countryCode, every …Options
// list, labelText, descriptionText, required) are ignored. Property names
// and enum values match case-insensitively. "newPayments" is read only
// when "payments" is absent; a lone "syncHourUtc" is read as syncHour with
// timeZone defaulting to Etc/UTC. An empty body changes nothing.
//
// It returns the findings of the merge (unknown account type keys, bad
// tax rate keys, enable and enabled differing), to be reported with the
// validation errors, or an EInvalid *Error when the body is malformed (cfg
// may then be partly changed: merge onto a copy).
func MergeConfiguration(cfg *Configuration, body []byte) ([]ValidationItem, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	root, err := parseObject(body, "")
	if err != nil {
		return nil, err
	}
	schedule, err1 := root.object("schedule", "")
	commerce, err2 := root.object("configuration", "")
	var m merger
	err = cmp.Or(err1, err2, m.enable(cfg, root), mergeSchedule(&cfg.Schedule, schedule), m.commerce(&cfg.Configuration, commerce))
	return m.findings, err
}

// merger collects the findings of a merge.
type merger struct {
	findings
}

// enable reads "enable" or "enabled".
func (m *merger) enable(cfg *Configuration, root jsonObject) error {
	var enable, enabled *bool
	if err := cmp.Or(setNullable(root, "enable", "", &enable), setNullable(root, "enabled", "", &enabled)); err != nil {
		return err
	}
	v, err := pickEnable(enable, enabled)
	if err != nil {
		m.add("enabled", SectionConfiguration, "enable and enabled must be the same.")
	} else if v != nil {
		cfg.Enable = *v
	}
	return nil
}

// mergeSchedule reads the schedule.
func mergeSchedule(s *SyncSchedule, o jsonObject) error {
	const path = "schedule"
	hour := "syncHour"
	_, hasHour := o.field(hour)
	_, hasUTCHour := o.field("syncHourUtc")
	_, hasZone := o.field("timeZone")
	if !hasHour && hasUTCHour {
		hour = "syncHourUtc"
		if !hasZone {
			s.TimeZone = DefaultTimeZone
		}
	}
	err := cmp.Or(
		setNullable(o, "selectedFrequency", path, &s.SelectedFrequency),
		setNullable(o, "startDate", path, &s.StartDate),
		setValue(o, hour, path, &s.SyncHour),
		setNullable(o, "timeZone", path, &s.TimeZone),
	)
	if hasZone && s.TimeZone == "" {
		s.TimeZone = DefaultTimeZone
	}
	return err
}

// commerce reads "configuration".
func (m *merger) commerce(c *CommerceConfiguration, o jsonObject) error {
	const path = "configuration"
	payments, paymentsPath := "payments", path+".payments"
	if raw, ok := o.field(payments); !ok || isNull(raw) {
		payments, paymentsPath = "newPayments", path+".newPayments"
	}
	sales, err1 := o.object("sales", path)
	pay, err2 := o.object(payments, path)
	fees, err3 := o.object("fees", path)
	return cmp.Or(err1, err2, err3,
		mergeMapSettings(c, o),
		m.sales(&c.Sales, sales),
		m.payments(&c.Payments, pay, paymentsPath),
		m.fees(&c.Fees, fees))
}

// mergeMapSettings reads the output format; null, or no format, is
// invoice mode.
func mergeMapSettings(c *CommerceConfiguration, o jsonObject) error {
	raw, ok := o.field("mapSettings")
	if !ok {
		return nil
	}
	format := OutputFormat("")
	if c.MapSettings != nil {
		format = c.MapSettings.OutputFormat
	}
	if err := setNested(o, "mapSettings", "outputFormat", "configuration", &format); err != nil {
		return err
	}
	c.MapSettings = nil
	if format != "" && !isNull(raw) {
		c.MapSettings = &MapSettings{OutputFormat: format}
	}
	return nil
}

// sales reads the sales section.
func (m *merger) sales(s *SalesConfig, o jsonObject) error {
	const path = "configuration.sales"
	accounts, err1 := o.object("accounts", path)
	taxRates, err2 := o.object("taxRates", path)
	grouping, err3 := o.object("grouping", path)
	newTaxRates, err4 := o.object("newTaxRates", path)
	return cmp.Or(err1, err2, err3, err4,
		setValue(o, "syncSales", path, &s.SyncSales),
		m.accounts(s.Accounts, accounts, path+".accounts", SectionSales),
		setNested(o, "invoiceStatus", "selectedInvoiceStatus", path, &s.InvoiceStatus.SelectedInvoiceStatus),
		setNested(o, "salesCustomer", "selectedCustomerId", path, &s.SalesCustomer.SelectedCustomerID),
		m.taxRates(s, taxRates, path+".taxRates"),
		setNullable(newTaxRates, "taxRateMappings", path+".newTaxRates", &s.NewTaxRates.TaxRateMappings),
		setNullable(newTaxRates, "selectedDefaultZeroTaxRateId", path+".newTaxRates", &s.NewTaxRates.SelectedDefaultZeroTaxRateID),
		mergeGrouping(&s.Grouping, grouping, path+".grouping"))
}

// mergeGrouping reads the grouping selections.
func mergeGrouping(g *Grouping, o jsonObject, path string) error {
	levels, err := o.object("groupingLevels", path)
	levelsPath := path + ".groupingLevels"
	return cmp.Or(err,
		setNested(o, "groupingPeriod", "selectedGroupingPeriod", path, &g.GroupingPeriod.SelectedGroupingPeriod),
		setNested(levels, "invoiceLevel", "selectedGroupByOptions", levelsPath, &g.GroupingLevels.InvoiceLevel.SelectedGroupByOptions),
		setNested(levels, "invoiceLineLevel", "selectedGroupByOptions", levelsPath, &g.GroupingLevels.InvoiceLineLevel.SelectedGroupByOptions))
}

// payments reads the payments section (or newPayments).
func (m *merger) payments(p *PaymentConfig, o jsonObject, path string) error {
	accounts, err := o.object("accounts", path)
	return cmp.Or(err,
		setValue(o, "syncPayments", path, &p.SyncPayments),
		m.accounts(p.Accounts, accounts, path+".accounts", SectionPayments))
}

// fees reads the fees section.
func (m *merger) fees(f *FeeConfig, o jsonObject) error {
	const path = "configuration.fees"
	accounts, err := o.object("accounts", path)
	return cmp.Or(err,
		setValue(o, "syncFees", path, &f.SyncFees),
		setNested(o, "feesSupplier", "selectedSupplierId", path, &f.FeesSupplier.SelectedSupplierID),
		m.accounts(f.Accounts, accounts, path+".accounts", SectionFees))
}

// accounts reads account selections; a key that is not one of the
// section's slots is an unknown account type.
func (m *merger) accounts(slots map[string]*AccountSlot, o jsonObject, path, section string) error {
	for _, key := range sortedKeys(o) {
		name, ok := lookupFold(slots, key)
		if !ok {
			m.add(path+"."+key, section, "Unknown account type '%s'.", key)
			continue
		}
		if err := setNested(o, key, "selectedAccountId", path, &slots[name].SelectedAccountID); err != nil {
			return err
		}
	}
	return nil
}

// taxRates reads tax rate selections, keyed by canonical percentage; a
// new percentage adds a key.
func (m *merger) taxRates(s *SalesConfig, o jsonObject, path string) error {
	for _, key := range sortedKeys(o) {
		canonical, err := CanonicalPercent(key)
		if err != nil {
			m.add(path+"."+key, SectionSales, "Tax rate key '%s' is not a percentage from 0 to 100.", key)
			continue
		}
		if s.TaxRates == nil {
			s.TaxRates = map[string]*TaxRateSlot{}
		}
		if s.TaxRates[canonical] == nil {
			s.TaxRates[canonical] = &TaxRateSlot{TaxRateOptions: []Option{}}
		}
		if err := setNested(o, key, "selectedTaxRateId", path, &s.TaxRates[canonical].SelectedTaxRateID); err != nil {
			return err
		}
	}
	return nil
}
