package ledgersync

import (
	"fmt"
	"slices"
	"strings"
)

// visibleKey is one key of SPEC §5.4; a required key is always shown.
type visibleKey struct {
	key      string
	required bool
}

// visibleKeys lists the keys of SPEC §5.4, in order.
var visibleKeys = buildVisibleKeys()

func buildVisibleKeys() []visibleKey {
	var keys []visibleKey
	add := func(prefix string, names []string, required ...string) {
		for _, n := range names {
			keys = append(keys, visibleKey{prefix + n, slices.Contains(required, n)})
		}
	}
	add("sales-accounts-", []string{"sales", "refund", "gratuity", "prepaid", "sales-other"}, "sales", "refund", "sales-other")
	add("sales-taxRates-", []string{"0", "5", "10", "20"}, "0", "5", "10", "20")
	add("sales-other-", []string{"invoiceStatus", "groupingPeriod"}, "invoiceStatus", "groupingPeriod")
	add("fees-accounts-", slotKeys(FeeSlots))
	add("payments-accounts-", slotKeys(PaymentSlots), "card")
	return keys
}

// slotKeys returns the keys of specs.
func slotKeys(specs []SlotSpec) []string {
	keys := make([]string, len(specs))
	for i, s := range specs {
		keys[i] = s.Key
	}
	return keys
}

// VisibleAccountKeys returns every visible account key of SPEC §5.4, in
// order.
func VisibleAccountKeys() []string {
	return filterVisible(func(visibleKey) bool { return true })
}

// RequiredVisibleAccountKeys returns the keys that are always shown.
func RequiredVisibleAccountKeys() []string {
	return filterVisible(func(k visibleKey) bool { return k.required })
}

func filterVisible(keep func(visibleKey) bool) []string {
	var out []string
	for _, k := range visibleKeys {
		if keep(k) {
			out = append(out, k.key)
		}
	}
	return out
}

// EffectiveVisibleAccounts validates a submitted visibleAccounts list and
// returns the keys to show, in the order of SPEC §5.4: nil means every key;
// otherwise the submitted keys (matched ignoring case) plus the required
// ones, so [] means only the required keys. An unknown key is an EInvalid
// error naming it.
func EffectiveVisibleAccounts(submitted []string) ([]string, error) {
	if submitted == nil {
		return VisibleAccountKeys(), nil
	}
	show := map[string]bool{}
	for i, s := range submitted {
		k := slices.IndexFunc(visibleKeys, func(k visibleKey) bool { return strings.EqualFold(k.key, s) })
		if k < 0 {
			return nil, FieldError(fmt.Sprintf("visibleAccounts[%d]", i), "Unknown visible account key '%s'.", s)
		}
		show[visibleKeys[k].key] = true
	}
	return filterVisible(func(k visibleKey) bool { return k.required || show[k.key] }), nil
}
