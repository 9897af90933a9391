// Package mapping turns commerce data into the accounting documents of
// SPEC §9. Records are grouped by business day, currency and invoice-level
// group; each group becomes either invoices, credit notes, payments, fee
// bills and transfers (invoice mode) or one balanced journal (journal
// mode).
//
// The package is pure: no I/O and no clock. Amounts are exact and each
// document line is rounded once, to the currency's minor unit, half away
// from zero. Given what earlier syncs posted (Input.Previous), it posts
// only the per-bucket difference, as adjustments (SPEC §8.3).
package mapping

import (
	"errors"
	"slices"
	"time"

	"github.com/ledgersync/ledgersync"
)

// Input is everything one mapping run reads.
type Input struct {
	// CompanyID goes into every idempotency key.
	CompanyID string
	Config    *ledgersync.Configuration
	// Accounts are the platform's accounts by id. Their types decide, for
	// instance, whether fees are spend-money.
	Accounts map[string]ledgersync.Account
	// Location and SyncHour define business days (SPEC §7.1); a nil
	// Location is UTC. BusinessDay, when set, is used instead.
	Location    *time.Location
	SyncHour    int
	BusinessDay func(time.Time) Date
	// Orders, Payments and Transactions are the current versions of all
	// the records of the days being mapped: a group of Previous that no
	// record falls in any more is reversed.
	Orders       []ledgersync.Order
	Payments     []ledgersync.Payment
	Transactions []ledgersync.Transaction
	// TaxComponents is the pushed catalogue. A line that carries tax and
	// components but no taxPercentage is taken at the sum of their rates.
	TaxComponents []ledgersync.TaxComponent
	// LinkedOrders and LinkedPayments are records of other days that the
	// records above refer to. They give payment types and groups and are
	// never posted.
	LinkedOrders   []ledgersync.Order
	LinkedPayments []ledgersync.Payment
	// Previous is what earlier syncs posted for groups of these days; nil
	// when nothing was. A group found there is adjusted.
	Previous *Totals
	// Open lists the invoices and credit notes already written that still
	// have an amount due. Payments that exceed their own day's invoice are
	// applied to them, oldest first (SPEC §9.2).
	Open []OpenDocument
	// AdjustmentDate dates adjustments: the sync range's last business
	// day (SPEC §8.3). When zero, an adjustment is dated on its own day.
	AdjustmentDate Date
}

// Output is the result of a mapping run.
type Output struct {
	// Documents are in the order they must be written: by day, group and
	// kind, so that a payment comes after what it pays.
	Documents []Document `json:"documents"`
	// Totals is what every group of the input stands at once Documents
	// are written: the next run's Previous.
	Totals Totals `json:"totals"`
	// Open is what invoices and credit notes still have due once
	// Documents are written, Input.Open's included: the next run's Open.
	// It is empty when payments do not sync, as nothing would settle them.
	Open []OpenDocument `json:"open"`
}

// mapper holds what one run derives from its input.
type mapper struct {
	in     *Input
	cfg    *ledgersync.Configuration
	rates  taxRates
	ledger *ledger
}

// errNoConfig is returned when the input has no configuration.
var errNoConfig = errors.New("mapping: no configuration")

// Map turns the input into accounting documents and the totals they
// bring each group to. A failure is an *Error, with the contract's code
// and wording.
func Map(in Input) (*Output, error) {
	s, err := NewStream(in)
	if err != nil {
		return nil, err
	}
	for i := range in.LinkedOrders {
		s.noteOrder(&in.LinkedOrders[i])
	}
	for i := range in.Orders {
		if err := s.AddOrder(&in.Orders[i]); err != nil {
			return nil, err
		}
	}
	for i := range in.Payments {
		if err := s.AddPayment(&in.Payments[i]); err != nil {
			return nil, err
		}
	}
	linked := Linked{Orders: append(slices.Clip(in.LinkedOrders), in.Orders...), Payments: append(slices.Clip(in.LinkedPayments), in.Payments...)}
	if err := s.AddTransactions(in.Transactions, linked); err != nil {
		return nil, err
	}
	return s.Finish()
}

// finish plans the collected groups and writes their documents.
func (m *mapper) finish(groups map[groupID]*group) (*Output, error) {
	out := &Output{Documents: []Document{}, Totals: Totals{Groups: []GroupTotals{}}, Open: []OpenDocument{}}
	for _, p := range m.plan(groups) {
		b := m.builder(p)
		if err := b.build(); err != nil {
			return nil, err
		}
		out.Documents = append(out.Documents, b.docs...)
		out.Totals.Groups = append(out.Totals.Groups, b.groupTotals())
	}
	for i := range out.Documents {
		out.Documents[i].IdempotencyKey = idempotencyKey(m.in.CompanyID, &out.Documents[i])
	}
	if m.cfg.Configuration.Payments.SyncPayments {
		out.Open = m.ledger.stillOpen()
	}
	return out, nil
}

// day returns the business day of t.
func (m *mapper) day(t time.Time) Date {
	if m.in.BusinessDay != nil {
		return m.in.BusinessDay(t)
	}
	return businessDay(t, m.in.Location, m.in.SyncHour)
}

// enabled reports whether a bucket's section syncs.
func (m *mapper) enabled(b Bucket) bool {
	cc := &m.cfg.Configuration
	switch bucketInfos[b].section {
	case ledgersync.SectionSales:
		return cc.Sales.SyncSales
	case ledgersync.SectionPayments:
		return cc.Payments.SyncPayments
	}
	return cc.Fees.SyncFees
}
