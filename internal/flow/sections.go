package flow

import (
	"fmt"
	"strconv"

	"github.com/ledgersync/ledgersync"
)

// Names of the configuration sections, as pages and forms name them.
const (
	sectionFormat   = "format"
	sectionSales    = "sales"
	sectionFees     = "fees"
	sectionPayments = "payments"
	sectionSchedule = "schedule"
)

// sections builds the named sections.
func (c *formContext) sections(names ...string) []*section {
	out := make([]*section, 0, len(names))
	for _, n := range names {
		out = append(out, c.section(n))
	}
	return out
}

func (c *formContext) section(name string) *section {
	switch name {
	case sectionFormat:
		return c.formatSection(c.loaded.Version > 0)
	case sectionSales:
		return c.salesSection()
	case sectionFees:
		return c.feesSection()
	case sectionPayments:
		return c.paymentsSection()
	case sectionSchedule:
		return c.scheduleSection()
	}
	panic("flow: no section " + name)
}

// groups drops the groups that have no field.
func groups(gs ...*group) []*group {
	var out []*group
	for _, g := range gs {
		if g != nil && len(g.Fields) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// toggle is a section's sync switch.
func (c *formContext) toggle(label string, on bool, path ...string) *field {
	f := newField(kindToggle, label, putToggle, path...)
	f.Value = strconv.FormatBool(on)
	return f
}

// choose is a select of options, with a first "choose" entry that clears
// the selection.
func (c *formContext) choose(label, placeholder string, selected *string, options []ledgersync.Option, path ...string) *field {
	f := newField(kindSelect, label, putSelection, path...)
	f.Value, f.Options = deref(selected), c.optionChoices(placeholder, options)
	return f
}

// optionChoices lists options after a "choose" entry.
func (c *formContext) optionChoices(placeholder string, options []ledgersync.Option) []choice {
	out := []choice{{Value: "", Label: c.text.msg(placeholder)}}
	for _, o := range options {
		out = append(out, choice{Value: o.ID, Label: o.Name})
	}
	return out
}

// enumChoices are the choices of a closed list, labelled by the flow's
// messages prefix+value.
func enumChoices[T ~string](t *texts, prefix string, values []T) []choice {
	out := make([]choice, len(values))
	for i, v := range values {
		out[i] = choice{Value: string(v), Label: t.msg(prefix + string(v))}
	}
	return out
}

// formatSection is the output format: a choice until it is saved, then
// (locked) shown read-only, as it can never change (SPEC §5.1).
func (c *formContext) formatSection(locked bool) *section {
	f := newField(kindRadio, c.text.msg("format.label"), putFormat, "configuration", "mapSettings", "outputFormat")
	f.Options = []choice{{Value: "Invoice", Label: c.text.msg("format.Invoice")},
		{Value: string(ledgersync.OutputJournalEntry), Label: c.text.msg("format.JournalEntry")}}
	f.Value = "Invoice"
	if c.cfg.JournalMode() {
		f.Value = string(c.cfg.OutputFormat())
	}
	if locked {
		f.Kind, f.put, f.Hint = kindStatic, nil, c.text.msg("format.locked")
		f.Value = c.text.msg("format." + f.Value)
	}
	return &section{Name: sectionFormat, Title: c.text.msg("format.title"), Groups: []*group{{Fields: []*field{f}}}}
}

// putFormat writes the output format: invoice mode has no mapSettings.
func putFormat([]string) putFunc {
	return func(body map[string]any, v string) {
		var settings any
		if v == string(ledgersync.OutputJournalEntry) {
			settings = map[string]any{"outputFormat": v}
		}
		setPath(body, []string{"configuration", "mapSettings"}, settings)
	}
}

func (c *formContext) salesSection() *section {
	t, sales := c.text, &c.cfg.Configuration.Sales
	return &section{Name: sectionSales, Title: t.ui("content-sales-title"), Description: t.ui("content-sales-description"),
		Groups: groups(
			&group{Fields: []*field{c.toggle(t.msg("sales.sync"), sales.SyncSales, "configuration", "sales", "syncSales")}},
			&group{Title: t.ui("content-sales-accounts-title"), Description: t.ui("content-sales-accounts-description"),
				Fields: c.accountFields(slotSections[sectionSales])},
			c.taxRateGroup(),
			c.componentGroup(),
			&group{Title: t.ui("content-sales-other-title"), Description: t.ui("content-sales-other-description"),
				Fields: c.otherSalesFields()},
		)}
}

// otherSalesFields are the invoice status and customer (invoice mode
// only) and the grouping period.
func (c *formContext) otherSalesFields() []*field {
	t, s := c.text, &c.cfg.Configuration.Sales
	var out []*field
	if !c.cfg.JournalMode() {
		if c.shown("sales-other-invoiceStatus") {
			f := newField(kindSelect, t.ui("content-sales-other-entries-invoiceStatus"), putSelection,
				"configuration", "sales", "invoiceStatus", "selectedInvoiceStatus")
			f.Options = append([]choice{{Value: "", Label: t.msg("choose.option")}},
				enumChoices(t, "invoiceStatus.", s.InvoiceStatus.InvoiceStatusOptions)...)
			if st := s.InvoiceStatus.SelectedInvoiceStatus; st != nil {
				f.Value = string(*st)
			}
			f.Required = true
			out = append(out, f)
		}
		f := c.choose(t.msg("sales.customer"), "choose.customer", s.SalesCustomer.SelectedCustomerID,
			s.SalesCustomer.CustomerOptions, "configuration", "sales", "salesCustomer", "selectedCustomerId")
		f.Required = true
		out = append(out, f)
	}
	if c.shown("sales-other-groupingPeriod") {
		g := &s.Grouping.GroupingPeriod
		f := newField(kindSelect, t.ui("content-sales-other-entries-groupingPeriod"), putSelection,
			"configuration", "sales", "grouping", "groupingPeriod", "selectedGroupingPeriod")
		f.Options = append([]choice{{Value: "", Label: t.msg("choose.option")}}, enumChoices(t, "period.", g.GroupingPeriodOptions)...)
		if g.SelectedGroupingPeriod != nil {
			f.Value = string(*g.SelectedGroupingPeriod)
		}
		f.Required = true
		out = append(out, f)
	}
	return out
}

func (c *formContext) feesSection() *section {
	t, fees := c.text, &c.cfg.Configuration.Fees
	supplier := c.choose(t.msg("fees.supplier"), "choose.supplier", fees.FeesSupplier.SelectedSupplierID,
		fees.FeesSupplier.SupplierOptions, "configuration", "fees", "feesSupplier", "selectedSupplierId")
	supplier.Required = true
	return &section{Name: sectionFees, Title: t.ui("content-fees-title"), Description: t.ui("content-fees-description"),
		Groups: groups(
			&group{Fields: []*field{c.toggle(t.msg("fees.sync"), fees.SyncFees, "configuration", "fees", "syncFees"), supplier}},
			&group{Title: t.ui("content-fees-accounts-title"), Description: t.ui("content-fees-accounts-description"),
				Fields: c.accountFields(slotSections[sectionFees])},
		)}
}

func (c *formContext) paymentsSection() *section {
	t, payments := c.text, &c.cfg.Configuration.Payments
	return &section{Name: sectionPayments, Title: t.ui("content-payments-title"), Description: t.ui("content-payments-description"),
		Groups: groups(
			&group{Fields: []*field{c.toggle(t.msg("payments.sync"), payments.SyncPayments, "configuration", "payments", "syncPayments")}},
			&group{Title: t.msg("payments.accounts"), Fields: c.accountFields(slotSections[sectionPayments])},
		)}
}

// scheduleSection is the start date, time zone, sync hour and frequency
// (SPEC §5.1, step 7); a new schedule shows hour 0 and Daily.
func (c *formContext) scheduleSection() *section {
	t, s := c.text, c.cfg.Schedule
	start := newField(kindDate, t.msg("schedule.start"), putText, "schedule", "startDate")
	start.Value, start.Hint, start.Required = s.StartDate, t.msg("schedule.start.hint"), true
	if day, ok := s.StartDay(); ok {
		start.Value = day.Format("2006-01-02")
	}
	zone := newField(kindZone, t.msg("schedule.zone"), putText, "schedule", "timeZone")
	zone.Value, zone.Hint = s.TimeZone, t.msg("schedule.zone.hint")
	hour := newField(kindSelect, t.msg("schedule.hour"), putHour, "schedule", "syncHour")
	hour.Value, hour.Hint = strconv.Itoa(s.SyncHour), t.msg("schedule.hour.hint")
	for h := 0; h <= ledgersync.MaxSyncHour; h++ {
		hour.Options = append(hour.Options, choice{Value: strconv.Itoa(h), Label: fmt.Sprintf("%02d:00", h)})
	}
	freq := newField(kindSelect, t.msg("schedule.frequency"), putText, "schedule", "selectedFrequency")
	freq.Options, freq.Value, freq.Required = enumChoices(t, "frequency.", s.FrequencyOptions), string(s.SelectedFrequency), true
	if freq.Value == "" {
		freq.Value = string(ledgersync.FrequencyDaily)
	}
	return &section{Name: sectionSchedule, Title: t.msg("schedule.title"),
		Groups: []*group{{Fields: []*field{start, zone, hour, freq}}}}
}

// putText writes text; empty is null.
func putText(path []string) putFunc { return putSelection(path) }
