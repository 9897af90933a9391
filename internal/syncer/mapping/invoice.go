package mapping

import (
	"github.com/ledgersync/ledgersync"
)

// salesDocument is how one side of sales is written.
type salesDocument struct {
	side side
	kind Kind
	code string
}

// salesDocuments are the invoice and the credit note (SPEC §9.2).
var salesDocuments = []salesDocument{
	{side: sideInvoice, kind: KindInvoice, code: "INV"},
	{side: sideCredit, kind: KindCreditNote, code: "CN"},
}

// sales writes the sales invoice and the credit note, each addressed to
// the sales customer, and opens them for payments.
func (b *builder) sales(placed map[side][]BucketTotal) error {
	for _, sd := range salesDocuments {
		entries := placed[sd.side]
		if len(entries) == 0 {
			continue
		}
		lines, err := b.m.lines(entries)
		if err != nil {
			return err
		}
		customer, err := b.m.customer()
		if err != nil {
			return err
		}
		status, err := b.m.invoiceStatus()
		if err != nil {
			return err
		}
		d := b.emit(sd.code, Document{Kind: sd.kind, Contact: customer, Status: status, Lines: lines, Total: sumLines(lines)})
		b.m.ledger.open(d)
	}
	return nil
}

// paymentDocument is how one side of payments is written.
type paymentDocument struct {
	side side
	kind Kind
	// code is the reference code before the type: "PAY-", "RFD-".
	code string
	// settles is the kind of document the payments apply to.
	settles Kind
	// exceeds is the 5120 message when they exceed what is due.
	exceeds string
}

// paymentDocuments are payments, applied to invoices, and refunds,
// applied to credit notes (SPEC §9.2).
var paymentDocuments = []paymentDocument{
	{side: sidePayment, kind: KindPayment, code: "PAY-", settles: KindInvoice, exceeds: "Payments exceed sales for %s by %s"},
	{side: sideRefund, kind: KindRefundPayment, code: "RFD-", settles: KindCreditNote, exceeds: "Refunds exceed credit notes for %s by %s"},
}

// payments writes one payment per type, into the type's account, applied
// to the group's invoice and then to older open invoices; refunds
// likewise against credit notes. What is left over fails with 5120.
func (b *builder) payments(placed map[side][]BucketTotal) error {
	for _, pd := range paymentDocuments {
		if err := b.pay(placed[pd.side], pd); err != nil {
			return err
		}
	}
	return nil
}

// pay writes one side of payments.
func (b *builder) pay(entries []BucketTotal, pd paymentDocument) error {
	if len(entries) == 0 {
		return nil
	}
	customer, err := b.m.customer()
	if err != nil {
		return err
	}
	types, _, totals := byType(entries)
	var excess ledgersync.Amount
	for _, t := range types {
		account, err := b.m.clearing(t)
		if err != nil {
			return err
		}
		applies, left := b.m.ledger.allocate(pd.settles, b.p.id, b.p.number, totals[t])
		excess += left
		b.emit(pd.code+t, Document{Kind: pd.kind, Contact: customer, AccountID: account, Applies: applies, Total: totals[t]})
	}
	if excess > 0 {
		return inconsistent(pd.exceeds, b.p.id.day, excess.Format(b.places()))
	}
	return nil
}
