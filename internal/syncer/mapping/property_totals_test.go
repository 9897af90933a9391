package mapping_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// groupSums adds an amount per group: day, currency and country.
type groupSums map[ledgerKey]ledgersync.Amount

// add adds an amount to a group; zero sums are dropped.
func (s groupSums) add(k ledgerKey, a ledgersync.Amount) {
	s[k] += a
	if s[k] == 0 {
		delete(s, k)
	}
}

// documentSums adds up the totals of documents of a kind, by group.
func documentSums(out *mapping.Output, kind mapping.Kind) groupSums {
	s := groupSums{}
	for _, d := range out.Documents {
		if d.Kind == kind {
			s.add(ledgerKey{day: d.Day, currency: d.Currency, country: d.Group.Country}, d.Total)
		}
	}
	return s
}

// TestPropertyInvoiceTotals: a group's invoice comes to
// Σ(totalAmount − totalRefund + totalGratuity) of its orders and its
// credit note to Σ(−totalRefund), each rounded once; its payments come to
// its Paid payments.
func TestPropertyInvoiceTotals(t *testing.T) {
	eachSeed(t, func(w *world, seed uint64, fx fixture) {
		out := w.run(seed, fx, false, nil)
		sales, refunds, paid := groupSums{}, groupSums{}, groupSums{}
		orderOf := map[string]ledgerKey{}
		for _, o := range fx.Orders {
			k := ledgerKey{day: dayOf(t, o), currency: o.Currency, country: o.Country}
			sales.add(k, o.TotalAmount-o.TotalRefund+o.TotalGratuity)
			refunds.add(k, -o.TotalRefund)
			for _, p := range o.Payments {
				orderOf[p.ID] = k
			}
		}
		for _, p := range fx.Payments {
			if p.Status == "Paid" {
				paid.add(orderOf[p.ID], p.Amount)
			}
		}
		for _, c := range []struct {
			kind mapping.Kind
			want groupSums
		}{{mapping.KindInvoice, rounded(sales)}, {mapping.KindCreditNote, rounded(refunds)}, {mapping.KindPayment, paid}} {
			if got := documentSums(out, c.kind); !maps.Equal(got, c.want) {
				t.Fatalf("seed %d: %s totals %v, want %v", seed, c.kind, got, c.want)
			}
		}
	})
}

// rounded rounds each group's sum to its currency's minor unit.
func rounded(s groupSums) groupSums {
	out := groupSums{}
	for k, a := range s {
		out.add(k, a.Round(ledgersync.CurrencyExponent(k.currency)))
	}
	return out
}

// TestPropertyIdempotencyKeys: keys are the same on every run and in any
// record order, and change with a document's content.
func TestPropertyIdempotencyKeys(t *testing.T) {
	eachSeed(t, func(w *world, seed uint64, fx fixture) {
		first := w.run(seed, fx, false, nil)
		shuffled := shuffle(fx, seed)
		if again := w.run(seed, shuffled, false, nil); !sameJSON(first, again) {
			t.Fatalf("seed %d: a second run, records shuffled, differs", seed)
		}
		changed := fx
		changed.Orders = append([]ledgersync.Order{}, fx.Orders...)
		o := &changed.Orders[0]
		o.OrderLineItems = append([]ledgersync.OrderLineItem{}, o.OrderLineItems...)
		o.OrderLineItems[0].TotalAmount += ledgersync.MustAmount("1")
		o.TotalAmount += ledgersync.MustAmount("1")
		keys := keysByReference(first)
		for _, d := range w.run(seed, changed, false, nil).Documents {
			if d.Kind == mapping.KindInvoice && d.Currency == o.Currency && d.Group.Country == o.Country &&
				d.Day == dayOf(t, *o) && keys[d.Reference] == d.IdempotencyKey {
				t.Fatalf("seed %d: %s kept its key after its content changed", seed, d.Reference)
			}
		}
	})
}

// shuffle returns the fixture with its records in another order.
func shuffle(fx fixture, seed uint64) fixture {
	r := rand.New(rand.NewPCG(seed, 7))
	out := fixture{Orders: append([]ledgersync.Order{}, fx.Orders...), Payments: append([]ledgersync.Payment{}, fx.Payments...),
		Transactions: append([]ledgersync.Transaction{}, fx.Transactions...)}
	r.Shuffle(len(out.Orders), func(i, j int) { out.Orders[i], out.Orders[j] = out.Orders[j], out.Orders[i] })
	r.Shuffle(len(out.Payments), func(i, j int) { out.Payments[i], out.Payments[j] = out.Payments[j], out.Payments[i] })
	r.Shuffle(len(out.Transactions), func(i, j int) {
		out.Transactions[i], out.Transactions[j] = out.Transactions[j], out.Transactions[i]
	})
	return out
}

// sameJSON reports whether two values encode alike.
func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// keysByReference maps each document's reference to its key.
func keysByReference(out *mapping.Output) map[string]string {
	keys := map[string]string{}
	for _, d := range out.Documents {
		keys[d.Reference] = d.IdempotencyKey
	}
	return keys
}
