package ledgersync

import "strings"

// maxPercentLength bounds the text of a percentage.
const maxPercentLength = 32

// CanonicalPercent returns the canonical text of a percentage from 0 to
// 100: digits with an optional decimal part, leading zeros and trailing
// decimal zeros stripped ("020.50" → "20.5", "0.0" → "0"). Signs,
// exponents, values over 100 and anything else are refused.
func CanonicalPercent(s string) (string, error) {
	whole, frac, hasPoint := strings.Cut(s, ".")
	if len(s) > maxPercentLength || !digits(whole) || (hasPoint && !digits(frac)) {
		return "", percentError(s)
	}
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	if len(whole) > 3 || (len(whole) == 3 && (whole != "100" || frac != "")) {
		return "", percentError(s)
	}
	if whole == "" {
		whole = "0"
	}
	if frac == "" {
		return whole, nil
	}
	return whole + "." + frac, nil
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// percentError is CanonicalPercent's refusal.
func percentError(s string) error {
	return Errorf(EInvalid, "'%s' is not a percentage from 0 to 100.", s)
}
