package sandbox

import (
	"fmt"

	"github.com/google/uuid"
)

// tradeTypes gives each invoice and credit note type the side its lines
// post to (+1 debit, -1 credit) and the control account it settles in.
var tradeTypes = map[string]struct {
	lineSign int
	control  string
}{
	"ACCREC":       {-1, receivable},
	"ACCPAY":       {+1, payable},
	"ACCRECCREDIT": {+1, receivable},
	"ACCPAYCREDIT": {-1, payable},
}

// trade is what invoices and credit notes share.
type trade struct {
	Type string
	lined
	DueDate       day     `json:",omitempty"`
	DueDateString string  `json:",omitempty"`
	Reference     string  `json:",omitempty"`
	AmountPaid    *amount `json:",omitempty"`
}

// prepare validates the shared part for one of the two types, posts the
// total to the control account, and gives the document a new id; due is
// AmountDue or RemainingCredit.
func (t *trade) prepare(ch *chart, id *string, number string, due **amount, types ...string) *document {
	if t.Type == "" {
		t.fail(fmt.Sprintf("Type is required: use %s or %s.", types[0], types[1]))
	} else {
		t.fail(nonEmpty(oneOf(&t.Type, "Type", "", types...))...)
	}
	side := tradeTypes[t.Type]
	d := t.lined.check(ch, side.lineSign, "DRAFT", "SUBMITTED", "AUTHORISED")
	if t.DueDate != "" {
		t.fail(nonEmpty(ch.checkDate(&t.DueDate, "DueDate"))...)
		t.DueDateString = t.DueDate.dateString()
	}
	if t.failed() {
		return nil
	}
	*id = uuid.NewString()
	d.id, d.number, d.typ, d.reference = *id, number, t.Type, t.Reference
	d.post(side.control, "", d.total.signed(-side.lineSign))
	t.AmountPaid, *due = amount{}.ptr(), d.total.ptr()
	return d
}

// load overlays the stored status and amounts paid and due.
func (t *trade) load(d *document, due **amount) {
	updated := msDate(d.updated)
	t.Status, t.AmountPaid, t.UpdatedDateUTC = d.status, d.amountPaid.ptr(), &updated
	*due = d.due().ptr()
}

// invoice is a sales invoice (ACCREC) or a bill (ACCPAY).
type invoice struct {
	InvoiceID     string
	InvoiceNumber string `json:",omitempty"`
	trade
	AmountDue *amount `json:",omitempty"`
}

func (i *invoice) prepare(ch *chart) *document {
	return i.trade.prepare(ch, &i.InvoiceID, i.InvoiceNumber, &i.AmountDue, "ACCREC", "ACCPAY")
}

func (i *invoice) load(d *document) { i.trade.load(d, &i.AmountDue) }

// creditNote is a sales credit note (ACCRECCREDIT) or a supplier's
// (ACCPAYCREDIT).
type creditNote struct {
	CreditNoteID     string
	CreditNoteNumber string `json:",omitempty"`
	trade
	RemainingCredit *amount `json:",omitempty"`
}

func (n *creditNote) prepare(ch *chart) *document {
	return n.trade.prepare(ch, &n.CreditNoteID, n.CreditNoteNumber, &n.RemainingCredit, "ACCRECCREDIT", "ACCPAYCREDIT")
}

func (n *creditNote) load(d *document) { n.trade.load(d, &n.RemainingCredit) }
