package mapping

import (
	"cmp"
	"slices"

	"github.com/ledgersync/ledgersync"
)

// Bucket is a kind of amount a group collects (SPEC §9.1).
type Bucket string

// The buckets, and the pseudo-bucket of a journal's receivable line.
const (
	BucketSales           Bucket = "sales"
	BucketGratuity        Bucket = "gratuity"
	BucketPrepaid         Bucket = "prepaid"
	BucketSalesRounding   Bucket = "salesRounding"
	BucketRefunds         Bucket = "refunds"
	BucketRefundsRounding Bucket = "refundsRounding"
	BucketPayments        Bucket = "payments"
	BucketRefundsPaid     Bucket = "refundsPaid"
	BucketFees            Bucket = "fees"
	BucketFeeRefunds      Bucket = "feeRefunds"
	BucketPayouts         Bucket = "payouts"
	BucketReceivable      Bucket = "receivable"
)

// side is the document set an amount goes to in invoice mode.
type side int

// The sides: each is written as one or more documents.
const (
	sideInvoice side = iota
	sideCredit
	sidePayment
	sideRefund
	sideFee
	sideFeeCredit
	sideTransfer
)

// Journal directions.
const (
	debit  = 1
	credit = -1
)

// moneyTypeAccount marks buckets whose money moves through the payment
// type's account; moneyCard, through the card account.
const (
	moneyTypeAccount = "type"
	moneyCard        = "card"
)

// bucketInfo says where a bucket's amounts go.
type bucketInfo struct {
	rank    int
	section string
	// key is the account key of the bucket's line; "" when the amount
	// names its account (sales, refunds) or has no line (payments).
	key      string
	label    string
	zeroRate bool
	// money is the account the money goes through: moneyTypeAccount,
	// moneyCard or "".
	money string
	// line and cash are the journal directions of the line and of the
	// money account.
	line, cash int
	// home is the side of a positive amount, away the side of a negative
	// one (SPEC §8.3).
	home, away side
}

// bucketInfos is the table of SPEC §9.1–§9.3.
var bucketInfos = map[Bucket]bucketInfo{
	BucketSales:           {rank: 0, section: ledgersync.SectionSales, label: "Sales", line: credit, home: sideInvoice, away: sideCredit},
	BucketGratuity:        {rank: 1, section: ledgersync.SectionSales, key: "gratuity", label: "Gratuity", zeroRate: true, line: credit, home: sideInvoice, away: sideCredit},
	BucketPrepaid:         {rank: 2, section: ledgersync.SectionSales, key: "prepaid", label: "Gift cards", zeroRate: true, line: credit, home: sideInvoice, away: sideCredit},
	BucketSalesRounding:   {rank: 3, section: ledgersync.SectionSales, key: "sales", label: "Rounding", zeroRate: true, line: credit, home: sideInvoice, away: sideCredit},
	BucketRefunds:         {rank: 4, section: ledgersync.SectionSales, label: "Refunds", line: debit, home: sideCredit, away: sideInvoice},
	BucketRefundsRounding: {rank: 5, section: ledgersync.SectionSales, key: "sales", label: "Rounding", zeroRate: true, line: debit, home: sideCredit, away: sideInvoice},
	BucketPayments:        {rank: 6, section: ledgersync.SectionPayments, label: "Payments", money: moneyTypeAccount, cash: debit, home: sidePayment, away: sideRefund},
	BucketRefundsPaid:     {rank: 7, section: ledgersync.SectionPayments, label: "Refunds paid", money: moneyTypeAccount, cash: credit, home: sideRefund, away: sidePayment},
	BucketFees:            {rank: 8, section: ledgersync.SectionFees, key: "paymentFee", label: "Payment fees", money: moneyTypeAccount, line: debit, cash: credit, home: sideFee, away: sideFeeCredit},
	BucketFeeRefunds:      {rank: 9, section: ledgersync.SectionFees, key: "paymentFeeRefund", label: "Payment fee refunds", money: moneyTypeAccount, line: credit, cash: debit, home: sideFeeCredit, away: sideFee},
	BucketPayouts:         {rank: 10, section: ledgersync.SectionPayments, key: "payout", label: "Payout", money: moneyCard, line: debit, cash: credit, home: sideTransfer, away: sideTransfer},
}

// BucketTotal is one bucket's amount, rounded once to the currency's
// minor unit. Sales and refund buckets are keyed by account, tax rate and
// line-level location; payment, refund, fee and fee-refund buckets by
// payment type key.
type BucketTotal struct {
	Bucket       Bucket            `json:"bucket"`
	AccountID    string            `json:"accountId,omitempty"`
	TaxRateID    string            `json:"taxRateId,omitempty"`
	LocationID   string            `json:"locationId,omitempty"`
	LocationName string            `json:"locationName,omitempty"`
	Type         string            `json:"type,omitempty"`
	Net          ledgersync.Amount `json:"net"`
	Tax          ledgersync.Amount `json:"tax,omitempty"`
}

// bucketKey identifies a bucket within a group.
type bucketKey struct {
	bucket                       Bucket
	account, rate, location, typ string
}

// key is the bucket the total belongs to.
func (b BucketTotal) key() bucketKey {
	return bucketKey{bucket: b.Bucket, account: b.AccountID, rate: b.TaxRateID, location: b.LocationID, typ: b.Type}
}

// gross is the total's worth, net plus tax.
func (b BucketTotal) gross() ledgersync.Amount { return b.Net + b.Tax }

// isZero reports whether the total posts nothing.
func (b BucketTotal) isZero() bool { return b.Net == 0 && b.Tax == 0 }

// negated is the total with its signs changed.
func (b BucketTotal) negated() BucketTotal {
	b.Net, b.Tax = -b.Net, -b.Tax
	return b
}

// compareTotals orders totals by bucket, then by key.
func compareTotals(a, b BucketTotal) int {
	return cmp.Or(
		cmp.Compare(bucketInfos[a.Bucket].rank, bucketInfos[b.Bucket].rank),
		cmp.Compare(a.AccountID, b.AccountID),
		cmp.Compare(a.TaxRateID, b.TaxRateID),
		cmp.Compare(a.LocationID, b.LocationID),
		cmp.Compare(a.Type, b.Type))
}

// sum is a bucket's exact amounts before rounding.
type sum struct {
	gross, tax   ledgersync.Amount
	locationName string
}

// total rounds the sum once: the tax, and the gross; the net is their
// difference, so that net plus tax is the rounded gross.
func (s *sum) total(k bucketKey, places int) BucketTotal {
	tax := s.tax.Round(places)
	return BucketTotal{Bucket: k.bucket, AccountID: k.account, TaxRateID: k.rate, LocationID: k.location,
		LocationName: s.locationName, Type: k.typ, Net: s.gross.Round(places) - tax, Tax: tax}
}

// diff returns cur − prev bucket by bucket, leaving out what is zero.
func diff(cur, prev []BucketTotal) []BucketTotal {
	byKey := map[bucketKey]BucketTotal{}
	for _, t := range cur {
		byKey[t.key()] = t
	}
	for _, p := range prev {
		t, ok := byKey[p.key()]
		if !ok {
			t = BucketTotal{Bucket: p.Bucket, AccountID: p.AccountID, TaxRateID: p.TaxRateID,
				LocationID: p.LocationID, LocationName: p.LocationName, Type: p.Type}
		}
		t.Net, t.Tax = t.Net-p.Net, t.Tax-p.Tax
		byKey[p.key()] = t
	}
	return sortedNonZero(byKey)
}

// sortedNonZero returns the non-zero totals in order.
func sortedNonZero(byKey map[bucketKey]BucketTotal) []BucketTotal {
	out := []BucketTotal{}
	for _, t := range byKey {
		if !t.isZero() {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, compareTotals)
	return out
}
