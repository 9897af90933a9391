package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"
	_ "time/tzdata" // the demo's opening hours must not depend on the host's zone files

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
)

// The demo merchant, Corner Café, trades every day in London: 20 to 40
// orders a day, paid by card or in cash, with tips, the odd refund, card
// fees (and their refund when a card sale is refunded) and a payout of the
// week's card takings every Monday. The demo pushes the 30 days before
// today once, so the merchant has a month of sales to sync as soon as the
// flow is done.

const (
	demoCurrency = "GBP"
	demoCountry  = "GB"
	demoTimeZone = "Europe/London"
	// demoDays is how many days before today the demo data covers.
	demoDays = 30
	// demoPushBatch is how many records one push carries, well under
	// ledgersync.MaxPushRecords.
	demoPushBatch = 1000
	// demoCardFee is the card processor's fee, in basis points of the
	// amount taken (1.69%).
	demoCardFee = 169
)

// demoItem is one thing the café sells, its price including VAT.
type demoItem struct {
	id, name string
	price    ledgersync.Amount
	// vat is the VAT rate in percent: 20 for drinks, hot food and
	// anything eaten in; 0 for cold food to take away and coffee beans.
	vat int64
}

var demoMenu = []demoItem{
	{"espresso", "Espresso", ledgersync.MustAmount("2.40"), 20},
	{"flat-white", "Flat white", ledgersync.MustAmount("3.40"), 20},
	{"cappuccino", "Cappuccino", ledgersync.MustAmount("3.50"), 20},
	{"latte", "Latte", ledgersync.MustAmount("3.60"), 20},
	{"tea", "Pot of tea", ledgersync.MustAmount("2.80"), 20},
	{"hot-chocolate", "Hot chocolate", ledgersync.MustAmount("3.70"), 20},
	{"bacon-roll", "Bacon roll", ledgersync.MustAmount("4.95"), 20},
	{"toastie", "Cheese toastie", ledgersync.MustAmount("6.25"), 20},
	{"soup", "Soup of the day", ledgersync.MustAmount("5.80"), 20},
	{"breakfast", "Full breakfast", ledgersync.MustAmount("9.50"), 20},
	{"cake", "Slice of cake", ledgersync.MustAmount("3.95"), 20},
	{"croissant-to-go", "Croissant to go", ledgersync.MustAmount("2.60"), 0},
	{"sandwich-to-go", "Sandwich to go", ledgersync.MustAmount("5.25"), 0},
	{"banana-bread-to-go", "Banana bread to go", ledgersync.MustAmount("3.10"), 0},
	{"coffee-beans", "Coffee beans, 250 g", ledgersync.MustAmount("8.50"), 0},
}

// demoTips are the tips card customers leave.
var demoTips = []ledgersync.Amount{
	ledgersync.MustAmount("0.50"), ledgersync.MustAmount("1.00"), ledgersync.MustAmount("1.00"),
	ledgersync.MustAmount("1.50"), ledgersync.MustAmount("2.00"),
}

// demoLocation is the café's one shop.
var demoLocation = ledgersync.Ref{ID: "high-street", Name: "High Street"}

// demoSales is the demo merchant's commerce data.
type demoSales struct {
	Orders       []ledgersync.Order
	Payments     []ledgersync.Payment
	Transactions []ledgersync.Transaction
}

// demoRand draws pseudo-random numbers from SHA-256 of a key and a
// counter: the same key always gives the same numbers.
type demoRand struct {
	key     []byte
	counter uint64
}

// intn returns a number in [0, n).
func (r *demoRand) intn(n int) int {
	r.counter++
	sum := sha256.Sum256(binary.BigEndian.AppendUint64(slices.Clone(r.key), r.counter))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(n))
}

// chance is true in percent cases out of 100.
func (r *demoRand) chance(percent int) bool { return r.intn(100) < percent }

// share is a × num / den rounded to the penny, half away from zero.
func share(a ledgersync.Amount, num, den int64) ledgersync.Amount {
	v, d := int64(a)*num, den*100 // Amount counts ten-thousandths; a penny is 100
	neg := v < 0
	if neg {
		v = -v
	}
	pennies := (v + d/2) / d
	if neg {
		pennies = -pennies
	}
	return ledgersync.Amount(pennies * 100)
}

// vatIn is the VAT included in a gross amount at rate percent.
func vatIn(gross ledgersync.Amount, rate int64) ledgersync.Amount {
	return share(gross, rate, 100+rate)
}

// dateTime wraps an instant for a record.
func dateTime(t time.Time) *ledgersync.DateTime { return &ledgersync.DateTime{Time: t.UTC()} }

// demoMonth returns the sales of the demoDays London days before the day
// of now. Each day's records depend only on its date.
func demoMonth(now time.Time) (*demoSales, error) {
	loc, err := time.LoadLocation(demoTimeZone)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	y, m, d := now.In(loc).Date()
	sales := &demoSales{}
	var unpaid ledgersync.Amount // card takings not paid out yet
	for i := demoDays; i >= 1; i-- {
		day := time.Date(y, m, d-i, 0, 0, 0, 0, loc)
		if day.Weekday() == time.Monday && unpaid > 0 {
			sales.payout(day, unpaid)
			unpaid = 0
		}
		unpaid += sales.day(day)
	}
	return sales, nil
}

// payout records the transfer of the card takings to the bank, early on
// Monday morning.
func (s *demoSales) payout(day time.Time, amount ledgersync.Amount) {
	at := time.Date(day.Year(), day.Month(), day.Day(), 6, 0, 0, 0, day.Location())
	s.Transactions = append(s.Transactions, ledgersync.Transaction{ID: "cc-payout-" + day.Format("20060102"),
		Type: "Payout", TotalAmount: -amount, Currency: demoCurrency, CreatedDate: dateTime(at)})
}

// day adds one day's orders, payments, refunds and fees, and returns the
// day's card takings net of refunds and fees.
func (s *demoSales) day(day time.Time) ledgersync.Amount {
	r := &demoRand{key: []byte("corner-cafe/" + day.Format(time.DateOnly))}
	n := 24 + r.intn(13) // 24–36 on a weekday
	switch day.Weekday() {
	case time.Saturday:
		n = 30 + r.intn(11)
	case time.Sunday:
		n = 20 + r.intn(9)
	}
	// Open 07:30 to 17:30.
	opens := time.Date(day.Year(), day.Month(), day.Day(), 7, 30, 0, 0, day.Location())
	times := make([]time.Time, n)
	for i := range times {
		times[i] = opens.Add(time.Duration(r.intn(10*3600)) * time.Second)
	}
	slices.SortFunc(times, time.Time.Compare)
	var card ledgersync.Amount
	for i, at := range times {
		card += s.order(r, fmt.Sprintf("cc-%s-%03d", day.Format("20060102"), i+1), at)
	}
	return card
}

// order adds one order with its payment, and any tip, refund and fees; it
// returns what the card processor will pay out for it.
func (s *demoSales) order(r *demoRand, id string, at time.Time) ledgersync.Amount {
	o := ledgersync.Order{ID: id, OrderNumber: id[3:], Country: demoCountry, Currency: demoCurrency,
		CreatedDate: dateTime(at), ClosedDate: dateTime(at), LocationRef: &demoLocation}
	picked := map[int]bool{}
	for range 1 + r.intn(3) {
		k := r.intn(len(demoMenu))
		if picked[k] {
			continue
		}
		picked[k] = true
		item := demoMenu[k]
		qty := int64(1)
		if r.chance(20) {
			qty = 2
		}
		gross := item.price * ledgersync.Amount(qty)
		o.OrderLineItems = append(o.OrderLineItems, ledgersync.OrderLineItem{
			ID: fmt.Sprintf("%s-%d", id, len(o.OrderLineItems)+1), Quantity: ledgersync.Amount(qty * 10_000),
			TaxPercentage: ledgersync.Amount(item.vat * 10_000), TotalAmount: gross, TotalTaxAmount: vatIn(gross, item.vat),
			UnitPrice: item.price, ProductRef: &ledgersync.Ref{ID: item.id, Name: item.name}})
	}
	var sold ledgersync.Amount
	for _, l := range o.OrderLineItems {
		sold += l.TotalAmount
		o.TotalTaxAmount += l.TotalTaxAmount
	}
	isCard := r.chance(78)
	if isCard && r.chance(18) {
		o.TotalGratuity = demoTips[r.intn(len(demoTips))]
	}

	p := ledgersync.Payment{ID: id + "-pay", Amount: sold + o.TotalGratuity, Currency: demoCurrency, Type: "Cash",
		Status: "Paid", CreatedDate: dateTime(at)}
	if isCard {
		p.Type, p.PaymentProvider = "Card", "Card terminal"
	}
	o.Payments = []ledgersync.Ref{{ID: p.ID}}
	paid := &ledgersync.TransactionSourceRef{ID: p.ID, Type: "Payment"}
	var fee ledgersync.Amount
	if isCard {
		fee = share(p.Amount, demoCardFee, 10_000)
		s.Transactions = append(s.Transactions, ledgersync.Transaction{ID: p.ID, Type: "PaymentFee", TotalAmount: -fee,
			Currency: demoCurrency, CreatedDate: dateTime(at), TransactionSourceRef: paid})
	}

	// About one order a day has one item brought back soon after.
	var refund, feeRefund ledgersync.Amount
	if r.chance(3) {
		back := o.OrderLineItems[0]
		item := back.UnitPrice
		rate := back.TaxPercentage / 10_000
		when := at.Add(time.Duration(5+r.intn(40)) * time.Minute)
		refund = item
		o.OrderLineItems = append(o.OrderLineItems, ledgersync.OrderLineItem{
			ID: fmt.Sprintf("%s-%d", id, len(o.OrderLineItems)+1), Quantity: ledgersync.MustAmount("-1"),
			TaxPercentage: back.TaxPercentage, TotalAmount: -item, TotalTaxAmount: -vatIn(item, int64(rate)),
			UnitPrice: item, ProductRef: back.ProductRef})
		o.TotalRefund = -item
		o.TotalTaxAmount -= vatIn(item, int64(rate))
		o.ModifiedDate = dateTime(when)
		s.Transactions = append(s.Transactions, ledgersync.Transaction{ID: id + "-refund", Type: "Refund", TotalAmount: -item,
			Currency: demoCurrency, CreatedDate: dateTime(when), TransactionSourceRef: paid})
		if isCard {
			if feeRefund = share(item, demoCardFee, 10_000); feeRefund > 0 {
				s.Transactions = append(s.Transactions, ledgersync.Transaction{ID: id + "-refund", Type: "PaymentFeeRefund",
					TotalAmount: feeRefund, Currency: demoCurrency, CreatedDate: dateTime(when), TransactionSourceRef: paid})
			}
		}
	}
	o.TotalAmount = sold + o.TotalRefund
	s.Orders = append(s.Orders, o)
	s.Payments = append(s.Payments, p)
	if !isCard {
		return 0
	}
	return p.Amount - fee - refund + feeRefund
}

// seedDemoSales pushes the demo month to the demo merchant's company,
// through the same validation and storage as the push API, unless the
// company already has orders: the data is seeded once per data
// directory. Pushing the same records again would change nothing anyway,
// since their versions are the same.
func seedDemoSales(ctx context.Context, s *store.Store, log *slog.Logger, link *ledgersync.FlowLink) error {
	seeded, err := hasOrders(ctx, s, link.CompanyID)
	if err != nil || seeded {
		return err
	}
	sales, err := demoMonth(s.Clock())
	if err != nil {
		return err
	}
	pushes := []struct {
		dataType string
		records  func() ([]json.RawMessage, error)
	}{
		{ledgersync.DataOrders, func() ([]json.RawMessage, error) { return rawRecords(sales.Orders) }},
		{ledgersync.DataPayments, func() ([]json.RawMessage, error) { return rawRecords(sales.Payments) }},
		{ledgersync.DataTransactions, func() ([]json.RawMessage, error) { return rawRecords(sales.Transactions) }},
	}
	for _, p := range pushes {
		raw, err := p.records()
		if err != nil {
			return fmt.Errorf("demo: %s: %w", p.dataType, err)
		}
		for start := 0; start < len(raw); start += demoPushBatch {
			recs, err := ledgersync.ValidatePush(p.dataType, raw[start:min(start+demoPushBatch, len(raw))])
			if err != nil {
				return fmt.Errorf("demo: %s: %w", p.dataType, err)
			}
			if _, err := s.PushCommerceData(ctx, link.ClientID, link.CompanyID, p.dataType, recs); err != nil {
				return fmt.Errorf("demo: %s: %w", p.dataType, err)
			}
		}
	}
	log.Info("demo merchant has a month of sales", "company", link.CompanyID, "orders", len(sales.Orders),
		"payments", len(sales.Payments), "transactions", len(sales.Transactions))
	return nil
}

// errFound stops a scan at its first record.
var errFound = errors.New("found")

// hasOrders reports whether a company has any order, deleted or not.
func hasOrders(ctx context.Context, s *store.Store, companyID string) (bool, error) {
	err := s.ScanOrders(ctx, companyID, time.Unix(0, 0), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		func(*ledgersync.Order, store.Stored) error { return errFound })
	if errors.Is(err, errFound) {
		return true, nil
	}
	return false, err
}

// rawRecords encodes records as a push body lists them.
func rawRecords[T any](recs []T) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, len(recs))
	for i := range recs {
		b, err := json.Marshal(&recs[i])
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}
