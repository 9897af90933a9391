package mapping

import (
	"github.com/ledgersync/ledgersync"
)

// Stream maps records fed to it one at a time, so that a caller can read
// a period from storage without holding it: only each group's running
// sums are kept and, when invoices are grouped by country or location,
// the group of each payment's order. Orders must come before payments,
// and payments before transactions. Map is a Stream fed from an Input.
type Stream struct{ c *collector }

// Linked are the records that a batch of transactions refers to: the
// payments and orders (with the payments those list) that type refunds
// and fees and give their groups. They are never posted.
type Linked struct {
	Orders   []ledgersync.Order
	Payments []ledgersync.Payment
}

// NewStream starts mapping for in's configuration, previous totals and
// open documents; its record slices are not read.
func NewStream(in Input) (*Stream, error) {
	if in.Config == nil {
		return nil, errNoConfig
	}
	m := &mapper{in: &in, cfg: in.Config, rates: newTaxRates(&in.Config.Configuration.Sales, in.TaxComponents), ledger: newLedger(in.Open)}
	return &Stream{c: &collector{m: m, groups: map[groupID]*group{}, paymentGroups: map[string]groupKey{}}}, nil
}

// AddOrder adds an order, when sales sync.
func (s *Stream) AddOrder(o *ledgersync.Order) error {
	s.noteOrder(o)
	if !s.c.m.enabled(BucketSales) {
		return nil
	}
	return s.c.order(o)
}

// AddPayment adds a payment, when payments sync.
func (s *Stream) AddPayment(p *ledgersync.Payment) error {
	if !s.c.m.enabled(BucketPayments) {
		return nil
	}
	return s.c.payment(p)
}

// AddTransactions adds a batch of transactions, resolving what they refer
// to in linked.
func (s *Stream) AddTransactions(ts []ledgersync.Transaction, linked Linked) error {
	l := newLinks(linked, s.c.m.groupKeyOf)
	for i := range ts {
		if err := s.c.transaction(&ts[i], l); err != nil {
			return err
		}
	}
	return nil
}

// Finish writes the documents of every group added, and of every group of
// Input.Previous, and returns them with the totals they bring each to.
func (s *Stream) Finish() (*Output, error) { return s.c.m.finish(s.c.groups) }

// noteOrder keeps the group of an order's payments, when not the empty
// one.
func (s *Stream) noteOrder(o *ledgersync.Order) {
	if k := s.c.m.groupKeyOf(o); k != (groupKey{}) {
		for _, p := range o.Payments {
			s.c.paymentGroups[p.ID] = k
		}
	}
}
