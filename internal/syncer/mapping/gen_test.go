package mapping_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ledgersync/ledgersync"
)

// gen makes random valid commerce data: orders that pass the push checks
// of SPEC §8.2, paid by payments in the currency's minor unit that never
// exceed what the orders come to, with refunds, fees and payouts.
type gen struct {
	r   *rand.Rand
	seq int
	fixture
}

// newGen returns a generator for a seed.
func newGen(seed uint64) *gen { return &gen{r: rand.New(rand.NewPCG(seed, 0x1ed9e5))} }

// genCurrencies are the currencies of generated orders: two, three and
// zero decimals.
var genCurrencies = []string{"GBP", "EUR", "KWD", "JPY"}

// id returns a new record id.
func (g *gen) id(prefix string) string {
	g.seq++
	return fmt.Sprintf("%s%d", prefix, g.seq)
}

// chance reports true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// pick returns a random element.
func pick[T any](g *gen, s ...T) T { return s[g.r.IntN(len(s))] }

// amount is an amount from 1 to limit + 1, with from 0 to 4 decimals.
func (g *gen) amount(limit int) ledgersync.Amount {
	step := int64(pick(g, 1, 10, 100, 100, 100, 1000, 10000))
	return ledgersync.Amount(10000 + g.r.Int64N(int64(limit)*10000/step)*step)
}

// orders adds n orders, each with its payments and transactions.
func (g *gen) orders(n int) {
	for range n {
		when := &ledgersync.DateTime{Time: time.Date(2024, 3, 5+g.r.IntN(3), g.r.IntN(24), g.r.IntN(60), 0, 0, time.UTC)}
		o := g.order(pick(g, genCurrencies...), pick(g, "", "GB", "FR"), when)
		g.pay(&o, when)
		g.Orders = append(g.Orders, o)
		if g.chance(0.3) {
			g.transaction(pick(g, "Payout", "Payout", "FailedPayout", "Transfer", "Unknown"), g.amount(50), o.Currency, when, nil)
		}
	}
}

// order makes an order whose totals add up, within the §8.2 tolerance.
func (g *gen) order(currency, country string, when *ledgersync.DateTime) ledgersync.Order {
	o := ledgersync.Order{ID: g.id("O"), Currency: currency, Country: country, CreatedDate: when}
	for range 1 + g.r.IntN(4) {
		l := g.line()
		o.OrderLineItems = append(o.OrderLineItems, l)
		o.TotalAmount += l.TotalAmount
	}
	if g.chance(0.3) {
		refund := o.OrderLineItems[0]
		refund.Quantity, refund.TotalAmount, refund.TotalTaxAmount = -1, -refund.TotalAmount, -refund.TotalTaxAmount
		o.OrderLineItems = append(o.OrderLineItems, refund)
		o.TotalRefund = refund.TotalAmount + pick[ledgersync.Amount](g, 0, 0, 50)
		o.TotalAmount += o.TotalRefund
	}
	if g.chance(0.3) {
		sc := ledgersync.ServiceCharge{Type: pick(g, "Generic", "Shipping", "Overpayment"), TotalAmount: g.amount(5), TaxPercentage: ledgersync.MustAmount("20")}
		sc.TaxAmount = taxIn(sc.TotalAmount, 20)
		o.ServiceCharges = append(o.ServiceCharges, sc)
		o.TotalAmount += sc.TotalAmount
	}
	if g.chance(0.3) {
		o.TotalGratuity = g.amount(5)
	}
	if g.chance(0.3) {
		o.TotalAmount += ledgersync.MustAmount(pick(g, "0.01", "-0.01", "0.005"))
	}
	return o
}

// line makes a sale line at 0%, 5% or 20%; some are gift cards, some in
// a product category.
func (g *gen) line() ledgersync.OrderLineItem {
	rate := pick(g, 0, 5, 20)
	l := ledgersync.OrderLineItem{Quantity: 1, TotalAmount: g.amount(100)}
	switch {
	case g.chance(0.1):
		l.IsGiftCard, rate = true, 0
	case g.chance(0.2):
		l.ProductCategoryRef = &ledgersync.Ref{ID: "cat-1"}
	}
	l.TaxPercentage = ledgersync.Amount(rate * 10000)
	l.TotalTaxAmount = taxIn(l.TotalAmount, rate)
	return l
}

// taxIn is the tax included in a gross amount at a percentage, to four
// decimals.
func taxIn(gross ledgersync.Amount, rate int) ledgersync.Amount {
	return gross * ledgersync.Amount(rate) / ledgersync.Amount(100+rate)
}

// pay pays most orders, in one or two payment types, for at most what
// they come to; it adds their refunds and fees.
func (g *gen) pay(o *ledgersync.Order, when *ledgersync.DateTime) {
	if !g.chance(0.8) {
		return
	}
	due := minorUnits(o.TotalAmount-o.TotalRefund+o.TotalGratuity, o.Currency)
	first := ledgersync.Payment{ID: g.id("P"), Amount: due, Currency: o.Currency, Type: pick(g, "Card", "Cash", "Invoice"), Status: "Paid", CreatedDate: when}
	payments := []ledgersync.Payment{first}
	if g.chance(0.3) {
		second := first
		second.ID, second.Type = g.id("P"), pick(g, "Card", "Cash")
		second.Amount = minorUnits(due/2, o.Currency)
		payments[0].Amount -= second.Amount
		payments = append(payments, second)
	}
	if g.chance(0.1) {
		payments = append(payments, ledgersync.Payment{ID: g.id("P"), Amount: g.amount(20), Currency: o.Currency, Type: "Card", Status: pick(g, "Pending", "Failed"), CreatedDate: when})
	}
	for _, p := range payments {
		o.Payments = append(o.Payments, ledgersync.Ref{ID: p.ID})
		g.Payments = append(g.Payments, p)
	}
	ref := &ledgersync.TransactionSourceRef{ID: first.ID, Type: "Payment"}
	if o.TotalRefund != 0 {
		g.transaction("Refund", minorUnits(-o.TotalRefund, o.Currency), o.Currency, when, ref)
	}
	if g.chance(0.5) {
		g.transaction(pick(g, "PaymentFee", "PaymentFee", "PaymentFeeRefund"), g.amount(1), o.Currency, when, ref)
	}
}

// transaction adds a transaction.
func (g *gen) transaction(typ string, amount ledgersync.Amount, currency string, when *ledgersync.DateTime, ref *ledgersync.TransactionSourceRef) {
	g.Transactions = append(g.Transactions, ledgersync.Transaction{ID: g.id("T"), Type: typ, TotalAmount: -amount,
		Currency: currency, CreatedDate: when, TransactionSourceRef: ref})
}

// minorUnits truncates a non-negative amount to the currency's minor
// unit, as money that actually moves.
func minorUnits(a ledgersync.Amount, currency string) ledgersync.Amount {
	step := ledgersync.Amount(1)
	for range ledgersync.AmountScale - ledgersync.CurrencyExponent(currency) {
		step *= 10
	}
	return a - a%step
}
