package mapping

import (
	"strings"

	"github.com/ledgersync/ledgersync"
)

// groupKey is the invoice-level grouping of a record: its order's country
// and location, each set only when selected (SPEC §6.3).
type groupKey struct{ country, location string }

// groupID identifies a group: business day, currency and invoice-level
// group (SPEC §9.1).
type groupID struct {
	day      Date
	currency string
	groupKey
}

// group accumulates one group's exact amounts.
type group struct {
	id   groupID
	sums map[bucketKey]*sum
	// hasOrders is set once an order is collected; salesTarget is
	// Σ(totalAmount − totalRefund + totalGratuity) and refundTarget
	// Σ(−totalRefund), what the invoice and credit note must come to.
	hasOrders                 bool
	salesTarget, refundTarget ledgersync.Amount
}

// add adds amounts to a bucket; zero amounts add nothing.
func (g *group) add(k bucketKey, gross, tax ledgersync.Amount, locationName string) {
	if gross == 0 && tax == 0 {
		return
	}
	s := g.sums[k]
	if s == nil {
		s = &sum{}
		g.sums[k] = s
	}
	if s.locationName == "" || (locationName != "" && locationName < s.locationName) {
		s.locationName = locationName // the same whatever the records' order
	}
	s.gross += gross
	s.tax += tax
}

// collector sorts records into groups.
type collector struct {
	m      *mapper
	groups map[groupID]*group
	// paymentGroups is the group of the order listing a payment, for the
	// payments whose group is not the empty one.
	paymentGroups map[string]groupKey
}

// group returns the group of a record created at created.
func (c *collector) group(created *ledgersync.DateTime, record, id, currency string, key groupKey) (*group, error) {
	if created == nil {
		return nil, inconsistent("%s %s has no createdDate.", record, id)
	}
	gid := groupID{day: c.m.day(created.Time), currency: currency, groupKey: key}
	g := c.groups[gid]
	if g == nil {
		g = &group{id: gid, sums: map[bucketKey]*sum{}}
		c.groups[gid] = g
	}
	return g, nil
}

// order adds an order's totals, lines and service charges.
func (c *collector) order(o *ledgersync.Order) error {
	g, err := c.group(o.CreatedDate, "Order", o.ID, o.Currency, c.m.groupKeyOf(o))
	if err != nil {
		return err
	}
	g.hasOrders = true
	g.salesTarget += o.TotalAmount - o.TotalRefund + o.TotalGratuity
	g.refundTarget -= o.TotalRefund
	g.add(bucketKey{bucket: BucketGratuity}, o.TotalGratuity, 0, "")
	loc := location{}
	loc.id, loc.name = c.m.lineLocation(o)
	for i := range o.OrderLineItems {
		if err := c.line(g, &o.OrderLineItems[i], loc); err != nil {
			return err
		}
	}
	for i := range o.ServiceCharges {
		if err := c.charge(g, &o.ServiceCharges[i], loc); err != nil {
			return err
		}
	}
	return nil
}

// location is the line-level location of an order's lines.
type location struct{ id, name string }

// line adds an order line: a refund when negative, else a gift card or a
// sale.
func (c *collector) line(g *group, l *ledgersync.OrderLineItem, loc location) error {
	t := taxed{gross: l.TotalAmount, tax: pushedTax(l.TotalTaxAmount, l.Taxes), percent: l.TaxPercentage, taxes: l.Taxes}
	switch {
	case t.gross < 0:
		t.gross, t.tax = -t.gross, -t.tax
		return c.taxedLine(g, BucketRefunds, "refund", t, loc)
	case l.IsGiftCard:
		g.add(bucketKey{bucket: BucketPrepaid}, t.gross, 0, "")
		return nil
	}
	return c.taxedLine(g, BucketSales, c.salesKey(l.ProductCategoryRef), t, loc)
}

// salesKey is a line's sales account key: its category's when mapped.
func (c *collector) salesKey(cat *ledgersync.Ref) string {
	if cat != nil && cat.ID != "" {
		key := ledgersync.ProductCategoryKeyPrefix + cat.ID
		if c.m.cfg.SelectedAccount(ledgersync.SectionSales, key) != "" {
			return key
		}
	}
	return "sales"
}

// charge adds a service charge: Overpayment to gratuity, any other type
// to sales.
func (c *collector) charge(g *group, sc *ledgersync.ServiceCharge, loc location) error {
	if strings.EqualFold(sc.Type, ledgersync.ServiceChargeOverpayment) {
		g.add(bucketKey{bucket: BucketGratuity}, sc.TotalAmount, 0, "")
		return nil
	}
	t := taxed{gross: sc.TotalAmount, tax: pushedTax(sc.TaxAmount, sc.Taxes), percent: sc.TaxPercentage, taxes: sc.Taxes}
	return c.taxedLine(g, BucketSales, "sales", t, loc)
}

// taxedLine adds a taxed amount to a sales or refunds bucket, keyed by
// its account, tax rate and location.
func (c *collector) taxedLine(g *group, b Bucket, accountKey string, t taxed, loc location) error {
	if t.gross == 0 && t.tax == 0 {
		return nil
	}
	account, err := c.m.account(ledgersync.SectionSales, accountKey)
	if err != nil {
		return err
	}
	rate, err := c.m.rates.rate(t)
	if err != nil {
		return err
	}
	g.add(bucketKey{bucket: b, account: account, rate: rate, location: loc.id}, t.gross, t.tax, loc.name)
	return nil
}
