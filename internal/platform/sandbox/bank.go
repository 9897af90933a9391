package sandbox

import (
	"fmt"

	"github.com/google/uuid"
)

// bankTransaction is money received into (RECEIVE) or spent from (SPEND)
// a bank account, without an invoice.
type bankTransaction struct {
	BankTransactionID string
	Type              string
	BankAccount       accountRef
	Reference         string `json:",omitempty"`
	IsReconciled      bool
	lined
}

// bankSides gives each bank transaction type the side its lines post to.
var bankSides = map[string]int{"RECEIVE": -1, "SPEND": +1}

func (b *bankTransaction) prepare(ch *chart) *document {
	if b.Type == "" {
		b.fail("Type is required: use RECEIVE or SPEND.")
	} else {
		b.fail(nonEmpty(oneOf(&b.Type, "Type", "", "RECEIVE", "SPEND"))...)
	}
	bank := b.checkBank(ch)
	d := b.lined.check(ch, bankSides[b.Type], "AUTHORISED")
	if b.failed() {
		return nil
	}
	b.BankTransactionID = uuid.NewString()
	d.id, d.typ, d.reference = b.BankTransactionID, b.Type, b.Reference
	d.post(bank.AccountID, b.Reference, d.total.signed(-bankSides[b.Type]))
	return d
}

// checkBank resolves the bank account, which must be of type BANK.
func (b *bankTransaction) checkBank(ch *chart) *account {
	a, why := ch.resolve(&b.BankAccount)
	if a == nil {
		b.fail("BankAccount: " + why + ".")
	} else if a.Type != "BANK" {
		b.fail(fmt.Sprintf("BankAccount %s is not a bank account.", a.label()))
	}
	return a
}

func (b *bankTransaction) load(d *document) {
	updated := msDate(d.updated)
	b.Status, b.UpdatedDateUTC = d.status, &updated
}

// bankTransfer moves money between two bank accounts.
type bankTransfer struct {
	BankTransferID        string
	FromBankAccount       accountRef
	ToBankAccount         accountRef
	Amount                *amount
	Date                  day
	DateString            string  `json:",omitempty"`
	Reference             string  `json:",omitempty"`
	FromBankTransactionID string  `json:",omitempty"`
	ToBankTransactionID   string  `json:",omitempty"`
	CurrencyRate          *amount `json:",omitempty"`
	CreatedDateUTC        *msDate `json:",omitempty"`
	validated
}

func (t *bankTransfer) prepare(ch *chart) *document {
	from := t.bank(ch, "FromBankAccount", &t.FromBankAccount)
	to := t.bank(ch, "ToBankAccount", &t.ToBankAccount)
	if from != nil && from == to {
		t.fail("FromBankAccount and ToBankAccount must be different accounts.")
	}
	t.fail(nonEmpty(ch.checkDate(&t.Date, "Date"), positiveMoney("Amount", t.Amount))...)
	if t.failed() {
		return nil
	}
	t.BankTransferID, t.DateString = uuid.NewString(), t.Date.dateString()
	t.FromBankTransactionID, t.ToBankTransactionID = uuid.NewString(), uuid.NewString()
	t.CurrencyRate = dec("1").ptr()
	d := &document{id: t.BankTransferID, reference: t.Reference, status: "AUTHORISED", date: string(t.Date),
		subTotal: *t.Amount, total: *t.Amount}
	d.post(from.AccountID, t.Reference, t.Amount.neg())
	d.post(to.AccountID, t.Reference, *t.Amount)
	return d
}

// bank resolves one side of a transfer, which must be a bank account.
func (t *bankTransfer) bank(ch *chart, field string, ref *accountRef) *account {
	a, why := ch.resolve(ref)
	switch {
	case a == nil:
		t.fail(field + ": " + why + ".")
	case a.Type != "BANK":
		t.fail(fmt.Sprintf("%s %s is not a bank account.", field, a.label()))
		return nil
	}
	return a
}

func (t *bankTransfer) load(d *document) {
	created := msDate(d.created)
	t.CreatedDateUTC = &created
}
