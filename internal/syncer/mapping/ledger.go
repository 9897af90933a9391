package mapping

import (
	"cmp"
	"slices"

	"github.com/ledgersync/ledgersync"
)

// OpenDocument is an invoice or credit note already written that still
// has an amount due (for a credit note: still to be refunded).
type OpenDocument struct {
	Reference string            `json:"reference"`
	Kind      Kind              `json:"kind"`
	Day       Date              `json:"day"`
	Currency  string            `json:"currency"`
	Group     int               `json:"group"`
	AmountDue ledgersync.Amount `json:"amountDue"`
}

// openDoc is an open document; run marks those written by this run.
type openDoc struct {
	OpenDocument
	run bool
}

// ledger tracks what invoices and credit notes still have due while the
// run applies payments to them.
type ledger struct{ docs []*openDoc }

// newLedger starts from the documents the input says are open.
func newLedger(open []OpenDocument) *ledger {
	l := &ledger{}
	for _, d := range open {
		l.docs = append(l.docs, &openDoc{OpenDocument: d})
	}
	return l
}

// open adds an invoice or credit note written by this run.
func (l *ledger) open(d Document) {
	l.docs = append(l.docs, &openDoc{run: true, OpenDocument: OpenDocument{
		Reference: d.Reference, Kind: d.Kind, Day: d.Day, Currency: d.Currency, Group: d.Group.Number, AmountDue: d.Total}})
}

// allocate applies amount to documents of a kind, in the group's own
// documents first, then in older ones, oldest first. It returns the
// allocations and what is left over.
func (l *ledger) allocate(kind Kind, id groupID, number int, amount ledgersync.Amount) ([]Allocation, ledgersync.Amount) {
	var out []Allocation
	for _, d := range l.candidates(kind, id, number) {
		if amount <= 0 {
			break
		}
		a := min(amount, d.AmountDue)
		d.AmountDue -= a
		amount -= a
		out = append(out, Allocation{Reference: d.Reference, Kind: d.Kind, Amount: a})
	}
	return out, amount
}

// candidates are the documents a payment of the group may settle: its
// own (this run's first), then those of earlier days in its currency,
// oldest first.
func (l *ledger) candidates(kind Kind, id groupID, number int) []*openDoc {
	rank := func(d *openDoc) int {
		switch {
		case d.Day != id.day || d.Group != number:
			return 2
		case d.run:
			return 0
		}
		return 1
	}
	var out []*openDoc
	for _, d := range l.docs {
		if d.Kind == kind && d.Currency == id.currency && d.AmountDue > 0 && (rank(d) < 2 || d.Day.Before(id.day)) {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b *openDoc) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.Day.String(), b.Day.String()),
			cmp.Compare(a.Group, b.Group), cmp.Compare(a.Reference, b.Reference))
	})
	return out
}

// stillOpen lists the documents with something still due, oldest first.
func (l *ledger) stillOpen() []OpenDocument {
	out := []OpenDocument{}
	for _, d := range l.docs {
		if d.AmountDue > 0 {
			out = append(out, d.OpenDocument)
		}
	}
	slices.SortStableFunc(out, func(a, b OpenDocument) int {
		return cmp.Or(cmp.Compare(a.Day.String(), b.Day.String()), cmp.Compare(a.Group, b.Group), cmp.Compare(a.Reference, b.Reference))
	})
	return out
}
