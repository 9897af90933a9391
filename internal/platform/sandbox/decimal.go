package sandbox

import (
	"bytes"
	"fmt"

	"github.com/shopspring/decimal"
)

// amount is an exact decimal: money, a quantity or a rate. Input accepts a
// JSON number or a decimal string (18.5 or "18.50"); output is a JSON
// number with at least two decimals, as Xero writes money. Never a float.
type amount struct{ decimal.Decimal }

// dec returns the amount of a decimal string; it panics on a bad literal,
// so use it for constants only.
func dec(s string) amount { return amount{decimal.RequireFromString(s)} }

// MarshalJSON implements json.Marshaler.
func (a amount) MarshalJSON() ([]byte, error) { return []byte(a.text()), nil }

// UnmarshalJSON implements json.Unmarshaler.
func (a *amount) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	d, err := decimal.NewFromString(s)
	if err != nil {
		return fmt.Errorf("%s is not a decimal number", b)
	}
	a.Decimal = d
	return nil
}

// text is the canonical decimal text: at least two decimals, more when
// the value has them ("120.00", "0.125").
func (a amount) text() string {
	places := max(int32(2), -a.Exponent())
	return a.StringFixed(places)
}

// money rounds to the currency's minor unit (pence), half away from zero.
func (a amount) money() amount { return amount{a.Round(2)} }

func (a amount) add(b amount) amount { return amount{a.Add(b.Decimal)} }
func (a amount) sub(b amount) amount { return amount{a.Sub(b.Decimal)} }
func (a amount) neg() amount         { return amount{a.Neg()} }

// signed is a for sign +1 and -a for sign -1: a debit or a credit.
func (a amount) signed(sign int) amount {
	if sign < 0 {
		return a.neg()
	}
	return a
}

// percent is a×rate/100 rounded to pence: the tax on a net amount.
func (a amount) percent(rate amount) amount {
	return amount{a.Mul(rate.Decimal).Div(decimal.NewFromInt(100))}.money()
}

// ptr returns a pointer to a copy, for optional fields.
func (a amount) ptr() *amount { return &a }

// parseAmount reads stored decimal text.
func parseAmount(s string) (amount, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return amount{}, fmt.Errorf("sandbox: bad stored amount %q: %w", s, err)
	}
	return amount{d}, nil
}
