package xero

import (
	"context"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// taxRate is Xero's TaxRate, as far as ledgersync reads it. The rates are
// json.Number so that 17.5 stays "17.5" and never becomes a float.
// https://developer.xero.com/documentation/api/accounting/taxrates
type taxRate struct {
	TaxType           string
	Name              string
	Status            string
	CanApplyToRevenue bool
	EffectiveRate     json.Number
	DisplayTaxRate    json.Number
}

// TaxRates returns the tax rates, deleted and archived ones included.
func (c *connector) TaxRates(ctx context.Context) ([]ledgersync.TaxRate, error) {
	var body struct{ TaxRates []taxRate }
	if err := c.call(ctx, http.MethodGet, "/TaxRates", nil, nil, &body); err != nil {
		return nil, err
	}
	out := make([]ledgersync.TaxRate, 0, len(body.TaxRates))
	for _, r := range body.TaxRates {
		rate := r.EffectiveRate
		if rate == "" {
			rate = r.DisplayTaxRate
		}
		out = append(out, ledgersync.TaxRate{
			ID:               r.TaxType,
			Name:             r.Name,
			Rate:             decimal(rate),
			Active:           r.Status == "ACTIVE",
			AppliesToRevenue: r.CanApplyToRevenue,
		})
	}
	return out, nil
}

// decimal writes a JSON number as a plain decimal without trailing zeros:
// "20.0000" is "20", 17.50 is "17.5", "" and 0 are "0".
func decimal(n json.Number) string {
	r, ok := new(big.Rat).SetString(n.String())
	if !ok {
		return "0"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	s := strings.TrimRight(r.FloatString(12), "0")
	return strings.TrimSuffix(s, ".")
}
