package mapping_test

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// TestPropertyAdjustmentsAddUp: after records change, what the first
// sync and the adjustment post together is what one sync of the final
// records posts, account by account, and the totals agree; references
// stay unique.
func TestPropertyAdjustmentsAddUp(t *testing.T) {
	eachSeed(t, func(w *world, seed uint64, fx fixture) {
		after := mutate(t, fx, seed)
		for _, journal := range []bool{false, true} {
			before := w.run(seed, fx, journal, nil)
			adjusted := w.run(seed, after, journal, before)
			fresh := w.run(seed, after, journal, nil)
			if got, want := effectOf(before, adjusted), effectOf(fresh); !maps.Equal(got, want) {
				t.Fatalf("seed %d (journal %v): posted %v\nwant %v", seed, journal, got, want)
			}
			if got, want := bucketsByGroup(adjusted), bucketsByGroup(fresh); !maps.Equal(got, want) {
				t.Fatalf("seed %d (journal %v): totals %v\nwant %v", seed, journal, got, want)
			}
			if refs := append(references(before), references(adjusted)...); len(refs) != len(uniq(refs)) {
				t.Fatalf("seed %d (journal %v): repeated references in %v", seed, journal, refs)
			}
		}
	})
}

// mutate deletes some orders, with their payments and transactions, and
// adds new ones. It changes each group once at most, so that what a group
// is paid never exceeds what its adjustments leave due.
func mutate(t *testing.T, fx fixture, seed uint64) fixture {
	g := newGen(seed + 1<<32)
	g.seq = 1 << 20
	touched := map[ledgerKey]bool{}
	keyOf := func(o *ledgersync.Order) ledgerKey {
		return ledgerKey{day: dayOf(t, *o), currency: o.Currency, country: o.Country}
	}
	out := fixture{}
	dropped := map[string]bool{}
	for _, o := range fx.Orders {
		if k := keyOf(&o); !touched[k] && g.chance(0.3) {
			touched[k] = true
			for _, p := range o.Payments {
				dropped[p.ID] = true
			}
			continue
		}
		out.Orders = append(out.Orders, o)
	}
	g.orders(1 + g.r.IntN(4))
	for _, o := range g.Orders {
		if k := keyOf(&o); touched[k] {
			for _, p := range o.Payments {
				dropped[p.ID] = true
			}
			continue
		}
		touched[keyOf(&o)] = true
		out.Orders = append(out.Orders, o)
	}
	keep(&out, dropped, fx, g.fixture)
	return out
}

// keep adds the payments and transactions of both fixtures, but for the
// dropped payments and the transactions that refer to them.
func keep(out *fixture, dropped map[string]bool, fixtures ...fixture) {
	for _, fx := range fixtures {
		for _, p := range fx.Payments {
			if !dropped[p.ID] {
				out.Payments = append(out.Payments, p)
			}
		}
		for _, tr := range fx.Transactions {
			if tr.TransactionSourceRef == nil || !dropped[tr.TransactionSourceRef.ID] {
				out.Transactions = append(out.Transactions, tr)
			}
		}
	}
}

// bucketsByGroup encodes each group's non-empty totals, by day, currency
// and country.
func bucketsByGroup(out *mapping.Output) map[ledgerKey]string {
	m := map[ledgerKey]string{}
	for _, g := range out.Totals.Groups {
		if len(g.Buckets) > 0 {
			b, _ := json.Marshal(g.Buckets)
			m[ledgerKey{day: g.Day, currency: g.Currency, country: g.Group.Country}] = string(b)
		}
	}
	return m
}

// uniq returns the distinct strings of s.
func uniq(s []string) map[string]bool {
	m := map[string]bool{}
	for _, v := range s {
		m[v] = true
	}
	return m
}
