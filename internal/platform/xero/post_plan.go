package xero

import (
	"context"
	"fmt"
	"strings"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// tradeKind is how Xero holds an invoice, bill or credit note.
type tradeKind struct {
	collection string // "Invoices" or "CreditNotes"
	typ        string // "ACCREC", "ACCPAY", "ACCRECCREDIT", "ACCPAYCREDIT"
	creditNote bool
	payable    bool
}

// tradeKinds are the documents payments apply to, by mapping kind.
var tradeKinds = map[mapping.Kind]tradeKind{
	mapping.KindInvoice:    {collection: "Invoices", typ: "ACCREC"},
	mapping.KindFeeBill:    {collection: "Invoices", typ: "ACCPAY", payable: true},
	mapping.KindCreditNote: {collection: "CreditNotes", typ: "ACCRECCREDIT", creditNote: true},
	mapping.KindFeeCredit:  {collection: "CreditNotes", typ: "ACCPAYCREDIT", creditNote: true, payable: true},
}

// tradeParts writes an invoice, bill or credit note under its reference.
func tradeParts(doc *mapping.Document) ([]part, error) {
	k := tradeKinds[doc.Kind]
	body, err := trade(doc, k)
	if err != nil {
		return nil, err
	}
	return only(k.collection, doc, body, tradeLookup(k, doc.Reference)), nil
}

// paymentParts writes one payment per allocation, each applied to the
// invoice, bill or credit note it names, whose id is read first.
func (c *connector) paymentParts(doc *mapping.Document) ([]part, error) {
	if len(doc.Applies) == 0 {
		return nil, fmt.Errorf("xero: %s %s applies to no document", doc.Kind, doc.Reference)
	}
	parts := make([]part, len(doc.Applies))
	for i, a := range doc.Applies {
		target, ok := tradeKinds[a.Kind]
		if !ok {
			return nil, fmt.Errorf("xero: %s %s applies to a %s, which takes no payments", doc.Kind, doc.Reference, a.Kind)
		}
		ref, key := allocationPart(doc, i)
		parts[i] = part{collection: "Payments", key: key, find: referenceLookup(ref),
			render: func(ctx context.Context) (any, error) {
				return c.payment(ctx, doc, a, target, ref)
			}}
	}
	return parts, nil
}

// payment renders the payment of one allocation.
func (c *connector) payment(ctx context.Context, doc *mapping.Document, a mapping.Allocation, target tradeKind, ref string) (any, error) {
	id, err := c.targetID(ctx, target, a.Reference)
	if err != nil {
		return nil, err
	}
	p := &wirePayment{Account: wireAccount{doc.AccountID}, Date: doc.Date.String(),
		Amount: money(a.Amount, doc.Currency), Reference: ref}
	if target.creditNote {
		p.CreditNote = &wireDocRef{CreditNoteID: id}
	} else {
		p.Invoice = &wireDocRef{InvoiceID: id}
	}
	return p, nil
}

// moneyParts writes spend or receive money as a bank transaction when it
// goes through a bank account and no line is on one; else as a journal
// with the same effect: spend money debits its lines and credits the
// account, receive money the reverse.
func (c *connector) moneyParts(ctx context.Context, doc *mapping.Document) ([]part, error) {
	accounts, err := c.chart(ctx)
	if err != nil {
		return nil, err
	}
	bankLine := false
	for _, l := range doc.Lines {
		bankLine = bankLine || accounts.isBank(l.AccountID)
	}
	if accounts.isBank(doc.AccountID) && !bankLine {
		return only("BankTransactions", doc, bankTransaction(doc), referenceLookup(doc.Reference)), nil
	}
	label := "Spend money"
	if doc.Kind == mapping.KindReceiveMoney {
		label = "Receive money"
	}
	return journalParts(doc, fallbackNarration(doc, label), moneyJournalLines(doc, label)), nil
}

// moneyJournalLines are the journal lines of spend money (its lines as
// debits, the account credited with the total) or of receive money (the
// reverse).
func moneyJournalLines(doc *mapping.Document, label string) []mapping.Line {
	sign := ledgersync.Amount(1)
	if doc.Kind == mapping.KindReceiveMoney {
		sign = -1
	}
	lines := make([]mapping.Line, 0, len(doc.Lines)+1)
	for _, l := range doc.Lines {
		l.Net, l.Tax = sign*l.Net, sign*l.Tax
		lines = append(lines, l)
	}
	return append(lines, mapping.Line{AccountID: doc.AccountID, Description: label, Net: -sign * doc.Total})
}

// transferParts writes a transfer as a bank transfer when both accounts
// are bank accounts; else as a journal debiting the account transferred
// to and crediting the one transferred from.
func (c *connector) transferParts(ctx context.Context, doc *mapping.Document) ([]part, error) {
	accounts, err := c.chart(ctx)
	if err != nil {
		return nil, err
	}
	if accounts.isBank(doc.FromAccountID) && accounts.isBank(doc.ToAccountID) {
		return only("BankTransfers", doc, bankTransfer(doc), referenceLookup(doc.Reference)), nil
	}
	lines := []mapping.Line{
		{AccountID: doc.ToAccountID, Description: "Transfer in", Net: doc.Total},
		{AccountID: doc.FromAccountID, Description: "Transfer out", Net: -doc.Total},
	}
	return journalParts(doc, fallbackNarration(doc, "Transfer"), lines), nil
}

// journalParts writes a manual journal. Xero's journals have no reference:
// the narration ends with it, and Find matches it there.
func journalParts(doc *mapping.Document, narration string, lines []mapping.Line) []part {
	return only("ManualJournals", doc, journal(doc, narration, lines), narrationLookup(doc.Reference))
}

// journalNarration is a journal's narration followed by its reference.
func journalNarration(doc *mapping.Document) string {
	return strings.TrimSpace(doc.Narration + " " + doc.Reference)
}

// fallbackNarration narrates a document written as a journal in place of
// a bank transaction or transfer: "ledgersync 2024-03-05 GBP Transfer
// LS20240305-1-XFR".
func fallbackNarration(doc *mapping.Document, label string) string {
	return fmt.Sprintf("ledgersync %s %s %s %s", doc.Day, doc.Currency, label, doc.Reference)
}
