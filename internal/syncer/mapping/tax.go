package mapping

import (
	"github.com/ledgersync/ledgersync"
)

// taxRates resolves the accounting tax rate of a line (SPEC §6.3).
type taxRates struct {
	byPercent   map[string]string            // canonical percentage → rate
	byComponent map[string]string            // tax component → rate
	components  map[string]ledgersync.Amount // tax component → percentage
	zero        string                       // the default zero rate
}

// newTaxRates reads the taxRates and newTaxRates selections.
func newTaxRates(s *ledgersync.SalesConfig, components []ledgersync.TaxComponent) taxRates {
	r := taxRates{byPercent: map[string]string{}, byComponent: map[string]string{}, components: map[string]ledgersync.Amount{}}
	for key, slot := range s.TaxRates {
		if c, err := ledgersync.CanonicalPercent(key); err == nil && slot != nil && slot.SelectedTaxRateID != nil {
			r.byPercent[c] = *slot.SelectedTaxRateID
		}
	}
	for _, mp := range s.NewTaxRates.TaxRateMappings {
		if mp.SelectedAccountingTaxRateID == nil {
			continue
		}
		for _, id := range mp.SelectedCommerceTaxRateIDs {
			r.byComponent[id] = *mp.SelectedAccountingTaxRateID
		}
	}
	for _, c := range components {
		r.components[c.ID] = c.Rate
	}
	r.zero = r.byPercent["0"]
	if id := s.NewTaxRates.SelectedDefaultZeroTaxRateID; id != nil && *id != "" {
		r.zero = *id
	}
	return r
}

// zeroRate is the rate of untaxed, gratuity, prepaid and rounding lines.
func (r taxRates) zeroRate() (string, error) {
	if r.zero == "" {
		return "", missing("No tax rate mapped for 0%%")
	}
	return r.zero, nil
}

// taxed is an amount with the tax data of its line or service charge.
type taxed struct {
	gross, tax ledgersync.Amount
	percent    ledgersync.Amount
	taxes      []ledgersync.TaxLine
}

// rate returns the first rate that applies: the one all the components
// map to; taxRates of the percentage; for 0%, the default zero rate.
// Otherwise it fails with 4200.
func (r taxRates) rate(t taxed) (string, error) {
	if id := r.componentRate(t.taxes); id != "" {
		return id, nil
	}
	p := r.percent(t)
	key, err := ledgersync.CanonicalPercent(p.String())
	if err != nil {
		return "", missing("No tax rate mapped for %s%%", p)
	}
	if id := r.byPercent[key]; id != "" {
		return id, nil
	}
	if key == "0" && r.zero != "" {
		return r.zero, nil
	}
	return "", missing("No tax rate mapped for %s%%", key)
}

// componentRate is the rate every component maps to, or "".
func (r taxRates) componentRate(taxes []ledgersync.TaxLine) string {
	rate := ""
	for _, t := range taxes {
		id := r.byComponent[t.TaxComponentRef.ID]
		if id == "" || (rate != "" && id != rate) {
			return ""
		}
		rate = id
	}
	return rate
}

// percent is the line's percentage; a line that carries tax and
// components but no percentage takes the sum of their rates.
func (r taxRates) percent(t taxed) ledgersync.Amount {
	if t.percent != 0 || t.tax == 0 {
		return t.percent
	}
	var p ledgersync.Amount
	for _, c := range t.taxes {
		p += r.components[c.TaxComponentRef.ID]
	}
	return p
}

// pushedTax is the tax of a line or service charge: its total, else the
// sum of its components' amounts.
func pushedTax(total ledgersync.Amount, taxes []ledgersync.TaxLine) ledgersync.Amount {
	if total != 0 {
		return total
	}
	for _, t := range taxes {
		total += t.TaxAmount
	}
	return total
}
