package mapping_test

import (
	"cmp"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// The control accounts a platform keeps for invoices and bills, and the
// receivable journal mode posts to instead (payments.invoice).
const (
	receivable        = "accounts-receivable"
	payable           = "accounts-payable"
	journalReceivable = "acc-1100"
)

// ledgerKey is an account, or a tax rate's liability ("tax:" + rate), in
// one group.
type ledgerKey struct {
	day      mapping.Date
	currency string
	country  string
	account  string
}

// effect is what documents do to the ledger, debits positive.
type effect map[ledgerKey]ledgersync.Amount

// add posts an amount to an account of a document's group.
func (e effect) add(d *mapping.Document, account string, a ledgersync.Amount) {
	if account == receivable {
		account = journalReceivable
	}
	k := ledgerKey{day: d.Day, currency: d.Currency, country: d.Group.Country, account: account}
	e[k] += a
	if e[k] == 0 {
		delete(e, k)
	}
}

// lines posts a document's lines, debits when sign is 1, credits when -1.
func (e effect) lines(d *mapping.Document, sign ledgersync.Amount) {
	for _, l := range d.Lines {
		e.add(d, l.AccountID, sign*l.Net)
		e.add(d, "tax:"+l.TaxRateID, sign*l.Tax)
	}
}

// documentSides gives each kind the sign of its lines and its counter
// account; money documents post Total between AccountID and the counter.
var documentSides = map[mapping.Kind]struct {
	sign    ledgersync.Amount
	counter string
}{
	mapping.KindInvoice: {-1, receivable}, mapping.KindCreditNote: {1, receivable},
	mapping.KindFeeBill: {1, payable}, mapping.KindFeeCredit: {-1, payable},
	mapping.KindSpendMoney: {1, ""}, mapping.KindReceiveMoney: {-1, ""},
	mapping.KindPayment: {1, receivable}, mapping.KindRefundPayment: {-1, receivable},
	mapping.KindFeeBillPayment: {-1, payable}, mapping.KindFeeCreditRefund: {1, payable},
}

// post adds a document's double entry.
func (e effect) post(d *mapping.Document) {
	switch side := documentSides[d.Kind]; {
	case d.Kind == mapping.KindJournal:
		e.lines(d, 1)
	case d.Kind == mapping.KindTransfer:
		e.add(d, d.ToAccountID, d.Total)
		e.add(d, d.FromAccountID, -d.Total)
	case len(d.Lines) > 0:
		e.lines(d, side.sign)
		e.add(d, cmp.Or(side.counter, d.AccountID), -side.sign*d.Total)
	default:
		e.add(d, d.AccountID, side.sign*d.Total)
		e.add(d, side.counter, -side.sign*d.Total)
	}
}

// effectOf is the ledger effect of outputs, one after the other.
func effectOf(outs ...*mapping.Output) effect {
	e := effect{}
	for _, out := range outs {
		for i := range out.Documents {
			e.post(&out.Documents[i])
		}
	}
	return e
}
