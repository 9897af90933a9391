package mapping_test

import (
	"maps"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// propertySeeds is how many random days each property is checked on.
func propertySeeds() uint64 {
	if testing.Short() {
		return 40
	}
	return 300
}

// world is what every property run shares: the invoice-mode and
// journal-mode configurations and the chart of accounts.
type world struct {
	invoice, journal *ledgersync.Configuration
	accounts         map[string]ledgersync.Account
	t                *testing.T
}

// newWorld loads the test configuration in both modes.
func newWorld(t *testing.T) *world {
	w := &world{invoice: testConfig(t), accounts: testAccounts(t), t: t}
	w.journal = w.invoice.Clone()
	w.journal.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
	return w
}

// input is the input of a fixture in one mode.
func (w *world) input(fx fixture, journal bool) mapping.Input {
	in := mapping.Input{CompanyID: testCompany, Config: w.invoice, Accounts: w.accounts, Location: london(w.t),
		Orders: fx.Orders, Payments: fx.Payments, Transactions: fx.Transactions}
	if journal {
		in.Config = w.journal
	}
	return in
}

// run maps a fixture in one mode; random data must always map.
func (w *world) run(seed uint64, fx fixture, journal bool, previous *mapping.Output) *mapping.Output {
	w.t.Helper()
	in := w.input(fx, journal)
	if previous != nil {
		in.Previous = &previous.Totals
	}
	out, err := mapping.Map(in)
	if err != nil {
		w.t.Fatalf("seed %d (journal %v): %v", seed, journal, err)
	}
	return out
}

// randomDay is the random data of a seed.
func randomDay(seed uint64) fixture {
	g := newGen(seed)
	g.orders(1 + g.r.IntN(12))
	return g.fixture
}

// eachSeed runs a property on the random data of every seed.
func eachSeed(t *testing.T, property func(w *world, seed uint64, fx fixture)) {
	t.Parallel()
	w := newWorld(t)
	for seed := range propertySeeds() {
		property(w, seed, randomDay(seed))
	}
}

// TestPropertyJournalsBalance: every journal's debits equal its credits,
// exactly.
func TestPropertyJournalsBalance(t *testing.T) {
	eachSeed(t, func(w *world, seed uint64, fx fixture) {
		for _, d := range w.run(seed, fx, true, nil).Documents {
			if d.Kind != mapping.KindJournal || d.Debits() != d.Credits() || d.Debits() != d.Total {
				t.Fatalf("seed %d: %s %s: debits %s, credits %s, total %s", seed, d.Kind, d.Reference, d.Debits(), d.Credits(), d.Total)
			}
		}
	})
}

// TestPropertyDocumentsAddUp: in both modes, every document's lines or
// allocations add up to its total, every amount is in the currency's
// minor unit, every document balances as double entry, and references
// are unique.
func TestPropertyDocumentsAddUp(t *testing.T) {
	eachSeed(t, func(w *world, seed uint64, fx fixture) {
		for _, journal := range []bool{false, true} {
			out := w.run(seed, fx, journal, nil)
			seen := map[string]bool{}
			for _, d := range out.Documents {
				if problem := addsUp(d); problem != "" || seen[d.Reference] {
					t.Fatalf("seed %d: %s: %s (or a repeated reference)", seed, d.Reference, problem)
				}
				seen[d.Reference] = true
				if e := effectOf(&mapping.Output{Documents: []mapping.Document{d}}); !balanced(e) {
					t.Fatalf("seed %d: %s does not balance: %v", seed, d.Reference, e)
				}
			}
		}
	})
}

// addsUp explains how a document fails to add up, or returns "".
func addsUp(d mapping.Document) string {
	places := ledgersync.CurrencyExponent(d.Currency)
	amounts := []ledgersync.Amount{d.Total}
	var lines, applied ledgersync.Amount
	for _, l := range d.Lines {
		amounts = append(amounts, l.Net, l.Tax)
		lines += l.Gross()
	}
	for _, a := range d.Applies {
		amounts = append(amounts, a.Amount)
		applied += a.Amount
	}
	for _, a := range amounts {
		if a.Round(places) != a {
			return "an amount is not in minor units: " + a.String()
		}
	}
	switch {
	case d.Kind == mapping.KindJournal && lines != 0:
		return "the journal's lines add up to " + lines.String()
	case d.Kind != mapping.KindJournal && len(d.Lines) > 0 && lines != d.Total:
		return "the lines add up to " + lines.String()
	case len(d.Applies) > 0 && applied != d.Total:
		return "the allocations add up to " + applied.String()
	}
	return ""
}

// balanced reports whether an effect nets to zero in every group.
func balanced(e effect) bool {
	net := map[ledgerKey]ledgersync.Amount{}
	for k, a := range e {
		k.account = ""
		net[k] += a
	}
	for _, a := range net {
		if a != 0 {
			return false
		}
	}
	return true
}

// TestPropertyModesAgree: invoice mode and journal mode post the same
// amounts to the same accounts, group by group.
func TestPropertyModesAgree(t *testing.T) {
	eachSeed(t, func(w *world, seed uint64, fx fixture) {
		inv, jnl := effectOf(w.run(seed, fx, false, nil)), effectOf(w.run(seed, fx, true, nil))
		if !maps.Equal(inv, jnl) {
			t.Fatalf("seed %d: invoice mode %v\njournal mode %v", seed, inv, jnl)
		}
	})
}
