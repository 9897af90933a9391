package main

import (
	"encoding/json"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// demoNows are moments the demo month is checked at: one whose month
// spans the spring clock change, one the autumn one, and today.
func demoNows() []time.Time {
	return []time.Time{
		time.Date(2024, 4, 2, 9, 0, 0, 0, time.UTC),
		time.Date(2024, 11, 5, 23, 30, 0, 0, time.UTC), // already the 5th in London
		time.Now(),
	}
}

func mustDemoMonth(t *testing.T, now time.Time) *demoSales {
	t.Helper()
	sales, err := demoMonth(now)
	if err != nil {
		t.Fatal(err)
	}
	return sales
}

func londonZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(demoTimeZone)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// validate pushes the records through the push validation, as a partner's
// push would be.
func validate[T any](t *testing.T, dataType string, recs []T) {
	t.Helper()
	raw, err := rawRecords(recs)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > ledgersync.MaxPushRecords {
		t.Fatalf("%d %s, more than one push may carry", len(raw), dataType)
	}
	if _, err := ledgersync.ValidatePush(dataType, raw); err != nil {
		t.Errorf("%s: %v", dataType, err)
	}
}

func TestDemoMonthPassesPushValidation(t *testing.T) {
	t.Parallel()
	for _, now := range demoNows() {
		sales := mustDemoMonth(t, now)
		validate(t, ledgersync.DataOrders, sales.Orders)
		validate(t, ledgersync.DataPayments, sales.Payments)
		validate(t, ledgersync.DataTransactions, sales.Transactions)
	}
}

func TestDemoMonthShape(t *testing.T) {
	t.Parallel()
	loc := londonZone(t)
	for _, now := range demoNows() {
		sales := mustDemoMonth(t, now)
		today := now.In(loc).Format(time.DateOnly)
		first := now.In(loc).AddDate(0, 0, -demoDays).Format(time.DateOnly)

		perDay := map[string]int{}
		rates := map[string]bool{}
		tips := 0
		for _, o := range sales.Orders {
			day := o.CreatedDate.In(loc).Format(time.DateOnly)
			perDay[day]++
			if day < first || day >= today {
				t.Errorf("%s: order %s on %s, outside %s to yesterday", today, o.ID, day, first)
			}
			if o.Currency != "GBP" {
				t.Errorf("order %s in %s", o.ID, o.Currency)
			}
			if o.TotalGratuity > 0 {
				tips++
			}
			for _, l := range o.OrderLineItems {
				rates[l.TaxPercentage.String()] = true
			}
		}
		if len(perDay) != demoDays {
			t.Errorf("%s: orders on %d days, want %d", today, len(perDay), demoDays)
		}
		for day, n := range perDay {
			if n < 20 || n > 40 {
				t.Errorf("%d orders on %s, want 20 to 40", n, day)
			}
		}
		if !rates["20"] || !rates["0"] || tips == 0 {
			t.Errorf("%s: tax rates %v and %d tips; want 20%%, 0%% and some tips", today, rates, tips)
		}

		payments := map[string]int{}
		for _, p := range sales.Payments {
			payments[p.Type]++
		}
		if payments["Card"] == 0 || payments["Cash"] == 0 || len(sales.Payments) != len(sales.Orders) {
			t.Errorf("%s: payments %v for %d orders; want card and cash, one per order", today, payments, len(sales.Orders))
		}
		transactions := map[string]int{}
		for _, tx := range sales.Transactions {
			transactions[tx.Type]++
		}
		for _, typ := range []string{"Refund", "PaymentFee", "PaymentFeeRefund", "Payout"} {
			if transactions[typ] == 0 {
				t.Errorf("%s: no %s among %v", today, typ, transactions)
			}
		}
		if n := transactions["Payout"]; n < 4 || n > 5 {
			t.Errorf("%s: %d payouts in %d days, want one a week", today, n, demoDays)
		}
	}
}

func TestDemoMonthIsDeterministic(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 3, 20, 12, 0, 0, 0, time.UTC)
	a, b := mustDemoMonth(t, now), mustDemoMonth(t, now)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two demo months generated at the same moment differ")
	}
	// A day's records depend on its date only: a day later, the days
	// both months cover are the same.
	next := mustDemoMonth(t, now.AddDate(0, 0, 1))
	if !slices.Equal(orderIDs(next.Orders)[:len(orderIDs(next.Orders))-lastDay(next.Orders)],
		orderIDs(a.Orders)[firstDay(a.Orders):]) {
		t.Error("the days two overlapping months share have different orders")
	}
	byID := map[string]ledgersync.Order{}
	for _, o := range a.Orders {
		byID[o.ID] = o
	}
	for _, o := range next.Orders {
		if prev, ok := byID[o.ID]; ok && !reflect.DeepEqual(prev, o) {
			t.Errorf("order %s differs a day later", o.ID)
		}
	}
}

func orderIDs(orders []ledgersync.Order) []string {
	out := make([]string, len(orders))
	for i, o := range orders {
		out[i] = o.ID
	}
	return out
}

// firstDay and lastDay count the orders of the first and last day.
func firstDay(orders []ledgersync.Order) int { return sameDay(orders, orders[0].ID) }
func lastDay(orders []ledgersync.Order) int  { return sameDay(orders, orders[len(orders)-1].ID) }

func sameDay(orders []ledgersync.Order, id string) int {
	prefix := id[:len("cc-20060102")]
	n := 0
	for _, o := range orders {
		if strings.HasPrefix(o.ID, prefix) {
			n++
		}
	}
	return n
}

// demoConfig is a Sandbox configuration a merchant could choose in the
// flow. It maps no receivable (payments.invoice), so a day whose payments
// did not match its sales would fail in journal mode.
const demoConfig = `{
  "enable": true,
  "schedule": {"selectedFrequency": "Daily", "startDate": "2024-01-01", "syncHour": 0, "timeZone": "Europe/London"},
  "configuration": {
    "sales": {
      "syncSales": true,
      "accounts": {"sales": {"selectedAccountId": "acc-4000"}, "refund": {"selectedAccountId": "acc-4010"},
        "gratuity": {"selectedAccountId": "acc-2110"}},
      "invoiceStatus": {"selectedInvoiceStatus": "Submitted"},
      "salesCustomer": {"selectedCustomerId": "cus-1"},
      "taxRates": {"0": {"selectedTaxRateId": "tr-0"}, "20": {"selectedTaxRateId": "tr-20"}},
      "grouping": {"groupingPeriod": {"selectedGroupingPeriod": "Daily"}}
    },
    "payments": {
      "syncPayments": true,
      "accounts": {"card": {"selectedAccountId": "acc-1200"}, "cash": {"selectedAccountId": "acc-1000"},
        "payout": {"selectedAccountId": "acc-1010"}}
    },
    "fees": {
      "syncFees": true,
      "feesSupplier": {"selectedSupplierId": "sup-1"},
      "accounts": {"paymentFee": {"selectedAccountId": "acc-6100"}}
    }
  }
}`

// demoAccounts are the Sandbox accounts demoConfig selects.
var demoAccounts = map[string]ledgersync.Account{
	"acc-1000": {ID: "acc-1000", Name: "Cash", Type: ledgersync.AccountBank, Active: true},
	"acc-1010": {ID: "acc-1010", Name: "Current account", Type: ledgersync.AccountBank, Active: true},
	"acc-1200": {ID: "acc-1200", Name: "Card clearing", Type: ledgersync.AccountAsset, Active: true, AcceptsPayments: true},
	"acc-2110": {ID: "acc-2110", Name: "Tips", Type: ledgersync.AccountLiability, Active: true},
	"acc-4000": {ID: "acc-4000", Name: "Sales", Type: ledgersync.AccountIncome, Active: true},
	"acc-4010": {ID: "acc-4010", Name: "Refunds", Type: ledgersync.AccountIncome, Active: true},
	"acc-6100": {ID: "acc-6100", Name: "Payment fees", Type: ledgersync.AccountExpense, Active: true},
}

// TestDemoMonthMapsDayByDay maps each day of the month on its own, as
// daily syncs would, in invoice and journal mode: every day's payments
// settle its sales and its refunds its credit notes.
func TestDemoMonthMapsDayByDay(t *testing.T) {
	t.Parallel()
	loc := londonZone(t)
	sales := mustDemoMonth(t, time.Date(2024, 4, 2, 9, 0, 0, 0, time.UTC))
	type day struct {
		orders       []ledgersync.Order
		payments     []ledgersync.Payment
		transactions []ledgersync.Transaction
	}
	days := map[string]*day{}
	at := func(dt *ledgersync.DateTime) *day {
		k := dt.In(loc).Format(time.DateOnly)
		if days[k] == nil {
			days[k] = &day{}
		}
		return days[k]
	}
	for _, o := range sales.Orders {
		at(o.CreatedDate).orders = append(at(o.CreatedDate).orders, o)
	}
	for _, p := range sales.Payments {
		at(p.CreatedDate).payments = append(at(p.CreatedDate).payments, p)
	}
	for _, tx := range sales.Transactions {
		at(tx.CreatedDate).transactions = append(at(tx.CreatedDate).transactions, tx)
	}

	for _, journal := range []bool{false, true} {
		codes := map[string]bool{}
		for name, d := range days {
			var cfg ledgersync.Configuration
			if err := json.Unmarshal([]byte(demoConfig), &cfg); err != nil {
				t.Fatal(err)
			}
			if journal {
				cfg.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
			}
			out, err := mapping.Map(mapping.Input{CompanyID: "demo", Config: &cfg, Accounts: demoAccounts, Location: loc,
				Orders: d.orders, Payments: d.payments, Transactions: d.transactions})
			if err != nil {
				t.Fatalf("journal=%t, %s: %v", journal, name, err)
			}
			for _, doc := range out.Documents {
				_, code, _ := strings.Cut(strings.TrimPrefix(doc.Reference, "LS"), "-1-")
				codes[code] = true
			}
		}
		want := []string{"INV", "CN", "PAY-card", "PAY-cash", "RFD-card", "FEE", "FEEPAY-card", "FEECN", "FEERFD-card", "XFR"}
		if journal {
			want = []string{"JNL"}
		}
		for _, code := range want {
			if !codes[code] {
				t.Errorf("journal=%t: no %s document among %v", journal, code, codes)
			}
		}
	}
}

// TestDemoSeedsTheMerchantOnce starts the demo twice on one data
// directory: the first start seeds the demo merchant's month, the second
// leaves it alone.
func TestDemoSeedsTheMerchantOnce(t *testing.T) {
	t.Parallel()
	c := newCLI(t, "LEDGERSYNC_LISTEN_ADDR", "127.0.0.1:0")
	datasets := func() (company string, orders, n int) {
		t.Helper()
		s, err := app.OpenStore(t.Context(), c.config(), slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.DB().QueryRowContext(t.Context(), `SELECT id FROM companies WHERE name = $1`, demoMerchant).Scan(&company); err != nil {
			t.Fatalf("the demo merchant's company: %v", err)
		}
		err = s.ScanOrders(t.Context(), company, time.Unix(0, 0), time.Now(), func(*ledgersync.Order, store.Stored) error {
			orders++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DB().QueryRowContext(t.Context(), `SELECT count(*) FROM datasets WHERE company_id = $1`, company).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return company, orders, n
	}

	d := c.startDemo()
	d.stop(t)
	if !strings.Contains(d.stderr.String(), `"msg":"demo merchant has a month of sales"`) {
		t.Errorf("the first start logged no seeding:\n%s", d.stderr)
	}
	company, orders, n := datasets()
	if orders < 20*demoDays || n != 3 {
		t.Fatalf("after the first start: %d orders in %d datasets, want a month of orders in 3", orders, n)
	}

	d = c.startDemo()
	d.stop(t)
	company2, orders2, n2 := datasets()
	if company2 != company || orders2 != orders || n2 != n {
		t.Errorf("after a second start: company %s, %d orders in %d datasets; want %s, %d in %d", company2, orders2, n2, company, orders, n)
	}
	if strings.Contains(d.stderr.String(), "a month of sales") {
		t.Error("the second start seeded again")
	}
}
