package flow

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// namedRates are the percentages with a text of their own (SPEC §5.3).
var namedRates = []string{"0", "5", "10", "15", "20"}

// taxRateGroup is one dropdown per taxRates key, lowest rate first, and
// the default zero rate.
func (c *formContext) taxRateGroup() *group {
	t, s := c.text, &c.cfg.Configuration.Sales
	g := &group{Title: t.ui("content-sales-taxRates-title"), Description: t.ui("content-sales-taxRates-description")}
	keys := make([]string, 0, len(s.TaxRates))
	for k := range s.TaxRates {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Compare(percentValue(a), percentValue(b)) })
	for _, key := range keys {
		if !c.shown("sales-taxRates-" + key) {
			continue
		}
		slot := s.TaxRates[key]
		g.Fields = append(g.Fields, c.choose(c.taxLabel(key), "choose.taxRate", slot.SelectedTaxRateID, slot.TaxRateOptions,
			"configuration", "sales", "taxRates", key, "selectedTaxRateId"))
	}
	nt := &s.NewTaxRates
	if len(nt.DefaultZeroTaxRateOptions) > 0 || nt.SelectedDefaultZeroTaxRateID != nil {
		zero := c.choose(t.msg("tax.zero"), "choose.taxRate", nt.SelectedDefaultZeroTaxRateID, nt.DefaultZeroTaxRateOptions,
			"configuration", "sales", "newTaxRates", "selectedDefaultZeroTaxRateId")
		zero.Hint = t.msg("tax.zero.hint")
		g.Fields = append(g.Fields, zero)
	}
	return g
}

// taxLabel labels a taxRates key.
func (c *formContext) taxLabel(key string) string {
	if slices.Contains(namedRates, key) {
		return c.text.ui("content-sales-accounts-taxRates-entries-" + key)
	}
	return c.text.msg("tax.rate", c.text.percent(key))
}

// percentValue orders tax-rate keys by their exact value ("5.5" < "17.5").
func percentValue(key string) ledgersync.Amount {
	v, _ := ledgersync.ParseAmount(key)
	return v
}

// componentPrefix starts the id of a commerce tax component's field. It
// is not a path of the configuration: the components' choices are
// written together as newTaxRates.taxRateMappings.
const componentPrefix = "configuration.sales.newTaxRates.commerceTaxRates."

// mappingsPath is where the components' choices are written.
const mappingsPath = "configuration.sales.newTaxRates.taxRateMappings"

// componentGroup asks, for each pushed tax component, which accounting
// rate it maps to; nil when no component was pushed.
func (c *formContext) componentGroup() *group {
	nt := &c.cfg.Configuration.Sales.NewTaxRates
	if len(nt.CommerceTaxRateOptions) == 0 {
		return nil
	}
	g := &group{Title: c.text.msg("tax.components"), Description: c.text.msg("tax.components.hint"), put: putMappings}
	for _, o := range nt.CommerceTaxRateOptions {
		var rate *string
		for _, m := range nt.TaxRateMappings {
			if slices.Contains(m.SelectedCommerceTaxRateIDs, o.ID) {
				rate = m.SelectedAccountingTaxRateID
			}
		}
		g.Fields = append(g.Fields, &field{ID: componentPrefix + o.ID, Kind: kindSelect, Label: o.Name, Value: deref(rate),
			Options: c.optionChoices("choose.taxRate", nt.AccountingTaxRateOptions)})
	}
	return g
}

// putMappings writes one mapping per accounting rate chosen, with the
// components that map to it, and names the fields its errors belong to.
func putMappings(body map[string]any, fields []*field) map[string]string {
	var rates []string
	byRate := map[string][]*field{}
	for _, f := range fields {
		if f.Value == "" {
			continue
		}
		if byRate[f.Value] == nil {
			rates = append(rates, f.Value)
		}
		byRate[f.Value] = append(byRate[f.Value], f)
	}
	aliases := map[string]string{}
	mappings := []any{}
	for i, rate := range rates {
		at := fmt.Sprintf("%s[%d]", mappingsPath, i)
		ids := []string{}
		for j, f := range byRate[rate] {
			ids = append(ids, strings.TrimPrefix(f.ID, componentPrefix))
			aliases[fmt.Sprintf("%s.selectedCommerceTaxRateIds[%d]", at, j)] = f.ID
		}
		aliases[at+".selectedAccountingTaxRateId"] = byRate[rate][0].ID
		mappings = append(mappings, map[string]any{"selectedCommerceTaxRateIds": ids, "selectedAccountingTaxRateId": rate})
	}
	setPath(body, strings.Split(mappingsPath, "."), mappings)
	return aliases
}
