package mapping

import (
	"strings"

	"github.com/ledgersync/ledgersync"
)

// transactionBuckets maps the transaction types that post to their
// bucket; Payment, Transfer and Unknown post nothing (SPEC §9.1).
var transactionBuckets = map[string]Bucket{
	"refund":           BucketRefundsPaid,
	"paymentfee":       BucketFees,
	"paymentfeerefund": BucketFeeRefunds,
	"payout":           BucketPayouts,
	"failedpayout":     BucketPayouts,
}

// payment adds a Paid payment to its type's bucket, in the group of the
// order that lists it.
func (c *collector) payment(p *ledgersync.Payment) error {
	if !paid(p) {
		return nil
	}
	typ, err := paymentTypeKey(p.Type)
	if err != nil {
		return err
	}
	g, err := c.group(p.CreatedDate, "Payment", p.ID, p.Currency, c.paymentGroups[p.ID])
	if err != nil {
		return err
	}
	g.add(bucketKey{bucket: BucketPayments, typ: typ}, p.Amount, 0, "")
	return nil
}

// transaction adds a refund, fee, fee refund or payout, by absolute
// value; a failed payout counts against payouts.
func (c *collector) transaction(t *ledgersync.Transaction, l *links) error {
	b, ok := transactionBuckets[strings.ToLower(t.Type)]
	if !ok || !c.m.enabled(b) {
		return nil
	}
	src := l.sourceOf(t)
	key := bucketKey{bucket: b}
	if b != BucketPayouts {
		typ, err := l.typeKey(src)
		if err != nil {
			return err
		}
		key.typ = typ
	}
	amount := t.TotalAmount.Abs()
	if strings.EqualFold(t.Type, "FailedPayout") {
		amount = -amount
	}
	inGroup := l.groupOfSource(src)
	if src.order == nil && src.payment != nil {
		inGroup = c.paymentGroups[src.payment.ID] // its order was added, not linked
	}
	g, err := c.group(t.CreatedDate, "Transaction", t.ID, t.Currency, inGroup)
	if err != nil {
		return err
	}
	g.add(key, amount, 0, "")
	return nil
}
