package xero

import (
	"encoding/json"
	"fmt"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// The request bodies, in Xero's field names.
// https://developer.xero.com/documentation/api/accounting/invoices
// https://developer.xero.com/documentation/api/accounting/creditnotes
// https://developer.xero.com/documentation/api/accounting/payments
// https://developer.xero.com/documentation/api/accounting/banktransactions
// https://developer.xero.com/documentation/api/accounting/banktransfers
// https://developer.xero.com/documentation/api/accounting/manualjournals

// wireContact names a contact by id.
type wireContact struct{ ContactID string }

// wireAccount names an account by id.
type wireAccount struct{ AccountID string }

// wireLine is a line item of an invoice, credit note or bank transaction:
// one unit at the net amount, with the tax amount given, not computed.
type wireLine struct {
	Description string `json:",omitempty"`
	Quantity    json.Number
	UnitAmount  json.Number
	AccountID   string
	TaxType     string `json:",omitempty"`
	TaxAmount   json.Number
	LineAmount  json.Number
}

// wireTrade is an invoice, a bill or a credit note of either side.
type wireTrade struct {
	Type             string
	InvoiceNumber    string `json:",omitempty"`
	CreditNoteNumber string `json:",omitempty"`
	Reference        string `json:",omitempty"`
	Contact          wireContact
	Date             string
	DueDate          string `json:",omitempty"`
	Status           string
	LineAmountTypes  string
	CurrencyCode     string `json:",omitempty"`
	LineItems        []wireLine
}

// wireDocRef is the invoice or credit note a payment applies to.
type wireDocRef struct {
	InvoiceID    string `json:",omitempty"`
	CreditNoteID string `json:",omitempty"`
}

// wirePayment is a payment of an invoice or bill, or a refund of a credit
// note.
type wirePayment struct {
	Invoice    *wireDocRef `json:",omitempty"`
	CreditNote *wireDocRef `json:",omitempty"`
	Account    wireAccount
	Date       string
	Amount     json.Number
	Reference  string
}

// wireBankTransaction is spend money (SPEND) or receive money (RECEIVE).
type wireBankTransaction struct {
	Type            string
	Contact         wireContact
	BankAccount     wireAccount
	Date            string
	Reference       string
	Status          string
	LineAmountTypes string
	CurrencyCode    string `json:",omitempty"`
	LineItems       []wireLine
}

// wireBankTransfer moves money between two bank accounts.
type wireBankTransfer struct {
	FromBankAccount wireAccount
	ToBankAccount   wireAccount
	Amount          json.Number
	Date            string
	Reference       string
}

// wireJournal is a manual journal; positive lines are debits.
type wireJournal struct {
	Narration       string
	Date            string
	Status          string
	LineAmountTypes string
	JournalLines    []wireJournalLine
}

// wireJournalLine is a journal line; its tax has the line's sign.
type wireJournalLine struct {
	Description string `json:",omitempty"`
	LineAmount  json.Number
	AccountID   string
	TaxType     string      `json:",omitempty"`
	TaxAmount   json.Number `json:",omitempty"`
}

// money writes an amount with the currency's decimals, as a JSON number.
func money(a ledgersync.Amount, currency string) json.Number {
	return json.Number(a.Format(ledgersync.CurrencyExponent(currency)))
}

// xeroStatus is the Xero status of an invoice, bill or credit note.
func xeroStatus(doc *mapping.Document) (string, error) {
	switch doc.Status {
	case ledgersync.InvoiceDraft:
		return "DRAFT", nil
	case ledgersync.InvoiceSubmitted:
		return "AUTHORISED", nil
	}
	return "", fmt.Errorf("xero: %s %s: no Xero status for %q", doc.Kind, doc.Reference, doc.Status)
}

// lineItems renders a document's lines as line items.
func lineItems(doc *mapping.Document) []wireLine {
	out := make([]wireLine, len(doc.Lines))
	for i, l := range doc.Lines {
		net := money(l.Net, doc.Currency)
		out[i] = wireLine{Description: l.Description, Quantity: "1", UnitAmount: net, AccountID: l.AccountID,
			TaxType: l.TaxRateID, TaxAmount: money(l.Tax, doc.Currency), LineAmount: net}
	}
	return out
}

// trade renders an invoice, bill or credit note. The reference is the
// document number; a bill or supplier credit also carries it as its
// Reference, since their numbers are the supplier's in Xero.
func trade(doc *mapping.Document, k tradeKind) (*wireTrade, error) {
	status, err := xeroStatus(doc)
	if err != nil {
		return nil, err
	}
	date := doc.Date.String()
	t := &wireTrade{Type: k.typ, Contact: wireContact{doc.Contact}, Date: date, Status: status,
		LineAmountTypes: "Exclusive", CurrencyCode: doc.Currency, LineItems: lineItems(doc)}
	if k.creditNote {
		t.CreditNoteNumber = doc.Reference
	} else {
		t.InvoiceNumber, t.DueDate = doc.Reference, date
	}
	if k.payable {
		t.Reference = doc.Reference
	}
	return t, nil
}

// bankTransaction renders spend or receive money.
func bankTransaction(doc *mapping.Document) *wireBankTransaction {
	typ := "SPEND"
	if doc.Kind == mapping.KindReceiveMoney {
		typ = "RECEIVE"
	}
	return &wireBankTransaction{Type: typ, Contact: wireContact{doc.Contact}, BankAccount: wireAccount{doc.AccountID},
		Date: doc.Date.String(), Reference: doc.Reference, Status: "AUTHORISED", LineAmountTypes: "Exclusive",
		CurrencyCode: doc.Currency, LineItems: lineItems(doc)}
}

// bankTransfer renders a transfer between two bank accounts.
func bankTransfer(doc *mapping.Document) *wireBankTransfer {
	return &wireBankTransfer{FromBankAccount: wireAccount{doc.FromAccountID}, ToBankAccount: wireAccount{doc.ToAccountID},
		Amount: money(doc.Total, doc.Currency), Date: doc.Date.String(), Reference: doc.Reference}
}

// journal renders a manual journal of lines, debits positive. Lines worth
// nothing are left out, as Xero refuses them. The lines' amounts exclude
// tax when any line has a tax rate or a tax amount.
func journal(doc *mapping.Document, narration string, lines []mapping.Line) *wireJournal {
	j := &wireJournal{Narration: narration, Date: doc.Date.String(), Status: "POSTED", LineAmountTypes: "NoTax"}
	for _, l := range lines {
		if l.Net == 0 && l.Tax == 0 {
			continue
		}
		jl := wireJournalLine{Description: l.Description, LineAmount: money(l.Net, doc.Currency), AccountID: l.AccountID}
		if l.TaxRateID != "" || l.Tax != 0 {
			jl.TaxType, jl.TaxAmount = l.TaxRateID, money(l.Tax, doc.Currency)
			j.LineAmountTypes = "Exclusive"
		}
		j.JournalLines = append(j.JournalLines, jl)
	}
	return j
}
