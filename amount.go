package ledgersync

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// AmountScale is the number of decimal places an Amount keeps: the
// contract accepts at most four on input.
const AmountScale = 4

const amountUnit = 10_000 // 10^AmountScale

// Amount is an exact decimal money amount with four decimal places,
// stored as an integer count of ten-thousandths. Money is never a float.
type Amount int64

// ErrAmount is returned for text that is not an amount.
var ErrAmount = errors.New("not a decimal amount with at most 4 decimal places")

// ParseAmount reads a decimal such as "18.5", "-6.00" or "1e2"; more than
// four significant decimal places are refused, never rounded.
func ParseAmount(s string) (Amount, error) {
	s = strings.TrimSpace(s)
	if a, ok := parsePlain(s); ok {
		return a, nil
	}
	if strings.Trim(s, "0123456789.+-eE") != "" {
		return 0, ErrAmount
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, ErrAmount
	}
	r.Mul(r, big.NewRat(amountUnit, 1))
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, ErrAmount
	}
	return Amount(r.Num().Int64()), nil
}

// parsePlain handles the common form [-]digits[.digits] without big.Rat.
func parsePlain(s string) (Amount, bool) {
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if whole == "" || len(whole) > 14 || len(frac) > AmountScale || strings.ContainsAny(whole+frac, "+-eE") {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	frac += strings.Repeat("0", AmountScale-len(frac))
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, false
	}
	a := Amount(w*amountUnit + f)
	if neg {
		a = -a
	}
	return a, true
}

// MustAmount parses a literal amount, for tables and tests.
func MustAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(fmt.Sprintf("ledgersync: amount %q: %v", s, err))
	}
	return a
}

// UnmarshalJSON accepts a JSON number or a decimal string; null is zero.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		*a = 0
		return nil
	}
	if uq, err := strconv.Unquote(s); err == nil {
		s = uq
	}
	v, err := ParseAmount(s)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// MarshalJSON writes a JSON number with no trailing zeros.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.String()), nil }

// String is the amount with as few decimals as it needs: "98.5", "-6".
func (a Amount) String() string {
	s := a.Format(AmountScale)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Format writes the amount with exactly places decimals (0 to 4); it
// must already be rounded to them.
func (a Amount) Format(places int) string {
	sign := ""
	v := int64(a)
	if v < 0 {
		sign, v = "-", -v
	}
	whole, frac := v/amountUnit, v%amountUnit
	if places == 0 {
		return sign + strconv.FormatInt(whole, 10)
	}
	f := fmt.Sprintf("%04d", frac)[:places]
	return sign + strconv.FormatInt(whole, 10) + "." + f
}

// Round rounds to places decimals (0 to 4), half away from zero.
func (a Amount) Round(places int) Amount {
	step := int64(1)
	for range AmountScale - places {
		step *= 10
	}
	v := int64(a)
	rem := v % step
	v -= rem
	if 2*abs64(rem) >= step {
		if a < 0 {
			v -= step
		} else {
			v += step
		}
	}
	return Amount(v)
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Abs is the absolute value.
func (a Amount) Abs() Amount { return Amount(abs64(int64(a))) }

// Neg is the amount with its sign changed.
func (a Amount) Neg() Amount { return -a }

// IsZero reports whether the amount is zero.
func (a Amount) IsZero() bool { return a == 0 }

// Decimals counts the significant decimal places, for validation.
func (a Amount) Decimals() int {
	v := abs64(int64(a)) % amountUnit
	n := AmountScale
	for n > 0 && v%10 == 0 {
		v /= 10
		n--
	}
	return n
}

// currencyExponents lists ISO 4217 currencies whose minor unit is not
// two decimal places.
var currencyExponents = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
	"RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

// CurrencyExponent is the number of decimal places of a currency's minor
// unit: 2 unless ISO 4217 says otherwise.
func CurrencyExponent(currency string) int {
	if e, ok := currencyExponents[currency]; ok {
		return e
	}
	return 2
}
