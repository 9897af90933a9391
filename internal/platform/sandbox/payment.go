package sandbox

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/google/uuid"
)

// paymentTypes is Xero's PaymentType for each type of document paid.
var paymentTypes = map[string]string{
	"ACCREC": "ACCRECPAYMENT", "ACCPAY": "ACCPAYPAYMENT",
	"ACCRECCREDIT": "ARCREDITPAYMENT", "ACCPAYCREDIT": "APCREDITPAYMENT",
}

// docRef names the invoice or credit note a payment applies to.
type docRef struct {
	InvoiceID        string `json:",omitempty"`
	InvoiceNumber    string `json:",omitempty"`
	CreditNoteID     string `json:",omitempty"`
	CreditNoteNumber string `json:",omitempty"`
}

// payment is a payment of an invoice, or a refund of a credit note.
type payment struct {
	PaymentID      string
	Invoice        *docRef `json:",omitempty"`
	CreditNote     *docRef `json:",omitempty"`
	Account        accountRef
	Date           day
	Amount         *amount
	Reference      string `json:",omitempty"`
	Status         string
	PaymentType    string `json:",omitempty"`
	IsReconciled   bool
	UpdatedDateUTC *msDate `json:",omitempty"`
	validated
}

// target names the kind, id and number of the document paid.
func (p *payment) target() (kind, id, number string) {
	switch {
	case p.Invoice != nil:
		return "Invoice", p.Invoice.InvoiceID, p.Invoice.InvoiceNumber
	case p.CreditNote != nil:
		return "CreditNote", p.CreditNote.CreditNoteID, p.CreditNote.CreditNoteNumber
	}
	return "", "", ""
}

func (p *payment) prepare(ch *chart) *document {
	if kind, id, number := p.target(); kind == "" || id+number == "" {
		p.fail("A payment needs an Invoice (InvoiceID or InvoiceNumber) or a CreditNote (CreditNoteID or CreditNoteNumber).")
	}
	a, why := ch.resolve(&p.Account)
	if a == nil {
		p.fail("Payment account: " + why + ".")
	} else if !a.takesPayments() {
		p.fail(fmt.Sprintf("Account %s cannot take payments: use a bank account or one with payments enabled.", a.label()))
	}
	p.fail(nonEmpty(ch.checkDate(&p.Date, "Date"), positiveMoney("Amount", p.Amount))...)
	if p.failed() {
		return nil
	}
	p.PaymentID, p.Status = uuid.NewString(), "AUTHORISED"
	d := &document{id: p.PaymentID, reference: p.Reference, status: p.Status, date: string(p.Date),
		subTotal: *p.Amount, total: *p.Amount}
	d.settle = func(ctx context.Context, tx *sql.Tx, s *Sandbox) ([]string, error) {
		return p.settle(ctx, tx, s, ch.org.ID, a, d)
	}
	return d
}

// settle applies the payment to the document it pays, which must be
// authorised and owe at least the amount.
func (p *payment) settle(ctx context.Context, tx *sql.Tx, s *Sandbox, orgID string, a *account, d *document) ([]string, error) {
	kind, id, number := p.target()
	paid, err := s.findDocument(ctx, tx, orgID, kind, id, number)
	if err != nil {
		return nil, err
	}
	name := describe(kind, id, number, paid)
	switch {
	case paid == nil:
		return []string{fmt.Sprintf("%s does not exist.", name)}, nil
	case paid.status == "PAID":
		return []string{fmt.Sprintf("%s is already paid in full.", name)}, nil
	case paid.status != "AUTHORISED":
		return []string{fmt.Sprintf("%s is %s: payments can only be made against AUTHORISED documents.", name, paid.status)}, nil
	case p.Amount.GreaterThan(paid.due().Decimal):
		return []string{fmt.Sprintf("Payment amount %s is more than the %s due on %s.", p.Amount.text(), paid.due().text(), name)}, nil
	}
	side := tradeTypes[paid.typ]
	d.post(a.AccountID, p.Reference, p.Amount.signed(-side.lineSign))
	d.post(side.control, p.Reference, p.Amount.signed(side.lineSign))
	d.contactID, d.typ = paid.contactID, paymentTypes[paid.typ]
	p.PaymentType = d.typ
	if kind == "Invoice" {
		p.Invoice = &docRef{InvoiceID: paid.id, InvoiceNumber: paid.number}
	} else {
		p.CreditNote = &docRef{CreditNoteID: paid.id, CreditNoteNumber: paid.number}
	}
	return nil, payDocument(ctx, tx, orgID, paid, *p.Amount, s.now())
}

// describe names a document the way a merchant would: "Invoice INV-1".
func describe(kind, id, number string, d *document) string {
	noun := map[string]string{"Invoice": "Invoice", "CreditNote": "Credit note"}[kind]
	if d != nil {
		id, number = d.id, d.number
	}
	if number != "" {
		return noun + " " + number
	}
	return noun + " " + id
}

func (p *payment) load(d *document) {
	updated := msDate(d.updated)
	p.UpdatedDateUTC = &updated
}

// positiveMoney checks an amount that must be above zero, in pence.
func positiveMoney(field string, a *amount) string {
	switch {
	case a == nil || !a.IsPositive():
		return field + " must be more than zero."
	case !a.Equal(a.money().Decimal):
		return fmt.Sprintf("%s %s has more than two decimals.", field, a.text())
	}
	return ""
}
