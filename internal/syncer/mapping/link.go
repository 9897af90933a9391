package mapping

import (
	"cmp"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// defaultTypeKey is the payment type of a fee or refund whose payment is
// not known (SPEC §9.1).
const defaultTypeKey = "card"

// links finds the payment and order a record refers to.
type links struct {
	payments map[string]*ledgersync.Payment
	orders   map[string]*ledgersync.Order
	// orderOf is the order that lists a payment.
	orderOf  map[string]*ledgersync.Order
	groupKey func(*ledgersync.Order) groupKey
}

// newLinks indexes the linked payments and orders.
func newLinks(linked Linked, groupKey func(*ledgersync.Order) groupKey) *links {
	l := &links{payments: map[string]*ledgersync.Payment{}, orders: map[string]*ledgersync.Order{},
		orderOf: map[string]*ledgersync.Order{}, groupKey: groupKey}
	for i := range linked.Payments {
		l.payments[linked.Payments[i].ID] = &linked.Payments[i]
	}
	for i := range linked.Orders {
		o := &linked.Orders[i]
		l.orders[o.ID] = o
		for _, p := range o.Payments {
			l.orderOf[p.ID] = o
		}
	}
	return l
}

// source is what a transaction refers to: a payment, an order, or
// neither.
type source struct {
	payment *ledgersync.Payment
	order   *ledgersync.Order
}

// sourceOf resolves a transaction's transactionSourceRef: an Order
// reference names an order; any other names a payment, else an order.
func (l *links) sourceOf(t *ledgersync.Transaction) source {
	ref := t.TransactionSourceRef
	if ref == nil || ref.ID == "" {
		return source{}
	}
	if !strings.EqualFold(ref.Type, "Order") {
		if p := l.payments[ref.ID]; p != nil {
			return source{payment: p, order: l.orderOf[p.ID]}
		}
	}
	return source{order: l.orders[ref.ID]}
}

// typeKey is the payment type key of a source: its payment's; else the
// one type its order's paid payments share; else card.
func (l *links) typeKey(s source) (string, error) {
	if s.payment != nil {
		return paymentTypeKey(s.payment.Type)
	}
	if s.order == nil {
		return defaultTypeKey, nil
	}
	key := ""
	for _, ref := range s.order.Payments {
		p := l.payments[ref.ID]
		if p == nil || !paid(p) {
			continue
		}
		k, err := paymentTypeKey(p.Type)
		if err != nil {
			return "", err
		}
		if key != "" && k != key {
			return "", inconsistent("The payments of order %s do not share one payment type.", s.order.ID)
		}
		key = k
	}
	return cmp.Or(key, defaultTypeKey), nil
}

// groupOfSource is the invoice-level group of a source's order.
func (l *links) groupOfSource(s source) groupKey {
	if s.order == nil {
		return groupKey{}
	}
	return l.groupKey(s.order)
}

// paymentTypeKey is the account key of a payment type (SPEC §6.2).
func paymentTypeKey(t string) (string, error) {
	if k, ok := ledgersync.PaymentTypeKey(t); ok {
		return k, nil
	}
	return "", inconsistent("Unknown payment type '%s'.", t)
}

// paid reports whether a payment counts: only Paid ones do.
func paid(p *ledgersync.Payment) bool { return strings.EqualFold(p.Status, "Paid") }
