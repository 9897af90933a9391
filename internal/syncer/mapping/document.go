package mapping

import "github.com/ledgersync/ledgersync"

// Kind is the kind of an accounting document.
type Kind string

// The document kinds. Each names what a connector writes, whatever the
// platform calls it (SPEC §9.5).
const (
	// KindInvoice is a sales invoice (Xero ACCREC, QBO Invoice).
	KindInvoice Kind = "Invoice"
	// KindCreditNote is a sales credit note (Xero ACCRECCREDIT, QBO
	// CreditMemo).
	KindCreditNote Kind = "CreditNote"
	// KindPayment is money received into AccountID, applied to invoices.
	KindPayment Kind = "Payment"
	// KindRefundPayment is money paid out of AccountID, applied to credit
	// notes.
	KindRefundPayment Kind = "RefundPayment"
	// KindFeeBill is a bill from the fees supplier (Xero ACCPAY, QBO Bill).
	KindFeeBill Kind = "FeeBill"
	// KindFeeBillPayment pays a fee bill out of AccountID.
	KindFeeBillPayment Kind = "FeeBillPayment"
	// KindSpendMoney is money spent out of AccountID, debiting its lines
	// (Xero SPEND, QBO Purchase).
	KindSpendMoney Kind = "SpendMoney"
	// KindReceiveMoney is money received into AccountID, crediting its
	// lines (Xero RECEIVE, QBO Deposit).
	KindReceiveMoney Kind = "ReceiveMoney"
	// KindFeeCredit is a credit note from the fees supplier (Xero
	// ACCPAYCREDIT).
	KindFeeCredit Kind = "FeeCredit"
	// KindFeeCreditRefund is a fee credit refunded into AccountID.
	KindFeeCreditRefund Kind = "FeeCreditRefund"
	// KindTransfer moves Total from FromAccountID to ToAccountID.
	KindTransfer Kind = "Transfer"
	// KindJournal is a balanced manual journal.
	KindJournal Kind = "Journal"
)

// Document is one accounting document, in the platform-neutral form a
// connector renders. Amounts are exact and already rounded to the
// currency's minor unit.
//
// Which fields are set depends on the kind:
//   - Invoice, CreditNote, FeeBill, FeeCredit: Contact, Status, Lines.
//   - Payment, RefundPayment, FeeBillPayment, FeeCreditRefund: Contact,
//     AccountID (the account the money goes through) and Applies.
//   - SpendMoney, ReceiveMoney: Contact, AccountID and Lines.
//   - Transfer: FromAccountID and ToAccountID.
//   - Journal: Narration and Lines (debits positive, credits negative);
//     Contact, when a sales customer is configured, is the entity of the
//     receivable line.
type Document struct {
	Kind Kind `json:"kind"`
	// Reference is unique per company: LS{yyyymmdd}-{group}-{code}, plus
	// -ADJ{n} for an adjustment. It is the invoice, credit note or bill
	// number where the platform has one.
	Reference string `json:"reference"`
	// IdempotencyKey is the SHA-256, in hex, of the company and the whole
	// document: the same document always has the same key.
	IdempotencyKey string `json:"idempotencyKey"`
	// Day is the business day the document covers, as in its reference.
	Day Date `json:"day"`
	// Date is the document's date, and the due date of invoices and
	// bills: Day, or for an adjustment Input.AdjustmentDate when set.
	Date     Date   `json:"date"`
	Currency string `json:"currency"`
	Group    Group  `json:"group"`
	// Adjustment is n of the -ADJ{n} suffix; 0 for a first posting.
	Adjustment int `json:"adjustment,omitempty"`
	// Contact is the sales customer or the fees supplier.
	Contact string `json:"contact,omitempty"`
	// Status is set on invoices, credit notes, bills and fee credits.
	Status ledgersync.InvoiceStatus `json:"status,omitempty"`
	// Narration is a journal's description.
	Narration     string `json:"narration,omitempty"`
	AccountID     string `json:"accountId,omitempty"`
	FromAccountID string `json:"fromAccountId,omitempty"`
	ToAccountID   string `json:"toAccountId,omitempty"`
	Lines         []Line `json:"lines,omitempty"`
	// Applies lists the documents a payment or refund settles, by
	// reference; its amounts add up to Total.
	Applies []Allocation `json:"applies,omitempty"`
	// Total is what the document is worth: the sum of its lines (net plus
	// tax), or of its allocations; for a journal, the sum of its debits.
	Total ledgersync.Amount `json:"total"`
}

// Line is one line of an invoice, credit note, bill, bank transaction or
// journal. Tax is exclusive: the line is worth Net + Tax.
type Line struct {
	// Bucket is the SPEC §9.1 bucket the line comes from.
	Bucket      Bucket `json:"bucket"`
	AccountID   string `json:"accountId"`
	Description string `json:"description"`
	// TaxRateID is the accounting tax rate of sales, refund, gratuity,
	// prepaid and rounding lines; empty elsewhere (the platform default).
	TaxRateID string            `json:"taxRateId,omitempty"`
	Net       ledgersync.Amount `json:"net"`
	Tax       ledgersync.Amount `json:"tax"`
}

// Allocation is the part of a payment applied to one document.
type Allocation struct {
	Reference string            `json:"reference"`
	Kind      Kind              `json:"kind"`
	Amount    ledgersync.Amount `json:"amount"`
}

// Group identifies a document set within a business day: its number (in
// references) and the invoice-level grouping values it stands for.
type Group struct {
	Number     int    `json:"number"`
	Country    string `json:"country,omitempty"`
	LocationID string `json:"locationId,omitempty"`
}

// Gross is the line's worth, net plus tax.
func (l Line) Gross() ledgersync.Amount { return l.Net + l.Tax }

// sumLines adds up the worth of lines.
func sumLines(lines []Line) ledgersync.Amount {
	var total ledgersync.Amount
	for _, l := range lines {
		total += l.Gross()
	}
	return total
}

// Debits is the sum of a journal's debits: the positive nets and taxes.
func (d *Document) Debits() ledgersync.Amount {
	var total ledgersync.Amount
	for _, l := range d.Lines {
		total += max(l.Net, 0) + max(l.Tax, 0)
	}
	return total
}

// Credits is the sum of a journal's credits, as a positive amount.
func (d *Document) Credits() ledgersync.Amount { return d.Debits() - sumLines(d.Lines) }

// Tax is the sum of the lines' tax, as QBO's TxnTaxDetail.TotalTax.
func (d *Document) Tax() ledgersync.Amount {
	var total ledgersync.Amount
	for _, l := range d.Lines {
		total += l.Tax
	}
	return total
}
