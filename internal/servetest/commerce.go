package servetest

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// root is the repository's root directory, where testdata lives.
var root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// The contract's worked example (SPEC §9.4) on business day 2024-03-05:
// three orders, three payments and five transactions. A test's days are
// each a copy of it, moved to that day, with ids prefixed by the day.
const ExampleDay = "2024-03-05"

// WorkedExample reads a push body of the worked example ("orders",
// "payments" or "transactions"), shared with the API's end-to-end tests.
func WorkedExample(t testing.TB, kind string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "testdata", "commerce", "worked-example-"+kind+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// After is the start of the day after day, in UTC (Europe/London is on
// GMT in early March): the syncTo that takes in day.
func After(day string) string {
	d, err := strconv.Atoi(day[8:])
	if err != nil {
		panic(day)
	}
	return day[:8] + strconv.Itoa(100 + d + 1)[1:] + "T00:00:00Z"
}

// OnDay moves a worked-example push body to day.
func OnDay(body, day string) string {
	prefix := strings.ReplaceAll(day, "-", "")
	return strings.NewReplacer(ExampleDay, day, `"id":"`, `"id":"`+prefix+"-").Replace(body)
}

// PushBody joins one data type's records of every day into one push body.
func PushBody(t testing.TB, property, example string, days []string) string {
	t.Helper()
	var all []json.RawMessage
	for _, d := range days {
		var one map[string][]json.RawMessage
		if err := json.Unmarshal([]byte(OnDay(example, d)), &one); err != nil {
			t.Fatal(err)
		}
		all = append(all, one[property]...)
	}
	b, err := json.Marshal(map[string]any{property: all})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Source is the worked example on some days: the three push bodies and
// what the ledger must add up to.
type Source struct {
	Days                           []string
	Orders, Payments, Transactions string
	// Sales and Paid are each day's totals.
	Sales, Paid map[string]int64
}

// NewSource is the worked example on days.
func NewSource(t testing.TB, days []string) *Source {
	t.Helper()
	s := &Source{Days: days, Orders: PushBody(t, "orders", WorkedExample(t, "orders"), days),
		Payments:     PushBody(t, "payments", WorkedExample(t, "payments"), days),
		Transactions: PushBody(t, "transactions", WorkedExample(t, "transactions"), days)}
	s.Sales, s.Paid = SourceSales(t, s.Orders), SourcePaid(t, s.Payments)
	return s
}

// Cents reads an amount of at most two decimals.
func Cents(t testing.TB, s string) int64 {
	t.Helper()
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return int64(math.Round(f * 100))
}

// SourceSales is each day's Σ(totalAmount − totalRefund + totalGratuity)
// of an orders push body, in cents: what the day's invoices must total.
func SourceSales(t testing.TB, body string) map[string]int64 {
	t.Helper()
	var in struct {
		Orders []struct {
			CreatedDate                             string
			TotalAmount, TotalRefund, TotalGratuity json.Number
		}
	}
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, o := range in.Orders {
		out[o.CreatedDate[:10]] += Cents(t, o.TotalAmount.String()) - Cents(t, o.TotalRefund.String()) + Cents(t, o.TotalGratuity.String())
	}
	return out
}

// SourcePaid is each day's Σ amount of Paid payments, in cents: what the
// day's PAY- payments must total.
func SourcePaid(t testing.TB, body string) map[string]int64 {
	t.Helper()
	var in struct {
		Payments []struct {
			CreatedDate, Status string
			Amount              json.Number
		}
	}
	if err := json.Unmarshal([]byte(body), &in); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, p := range in.Payments {
		if p.Status == "Paid" {
			out[p.CreatedDate[:10]] += Cents(t, p.Amount.String())
		}
	}
	return out
}
