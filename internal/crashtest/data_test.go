package crashtest

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The contract's worked example (SPEC §9.4) on business day 2024-03-05:
// three orders, three payments and five transactions. Each crash-test day
// is a copy of it, moved to that day, with ids prefixed by the day.
const exampleDay = "2024-03-05"

var (
	exampleOrders       = workedExample("orders")
	examplePayments     = workedExample("payments")
	exampleTransactions = workedExample("transactions")
)

// workedExample reads a push body of the worked example, shared with the
// API's end-to-end tests.
func workedExample(kind string) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "commerce", "worked-example-"+kind+".json"))
	if err != nil {
		panic(err)
	}
	return string(b)
}

// lateChange is the change pushed after the crash: O1's gratuity goes
// from 1.50 to 2.50 on every day, which must post as one adjustment
// invoice of 1.00 a day (SPEC §8.3).
var lateChange = strings.NewReplacer(`"totalGratuity":1.50`, `"totalGratuity":2.50,"sourceModifiedDate":"2024-03-09T09:00:00Z"`)

// days are the business days of the crash test: the worked example five
// times, about fifty documents.
var days = []string{"2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"}

// after is the start of the day after day, in UTC (Europe/London is on
// GMT in early March): the syncTo that takes in day.
func after(day string) string {
	d, err := strconv.Atoi(day[8:])
	if err != nil {
		panic(day)
	}
	return day[:8] + strconv.Itoa(100 + d + 1)[1:] + "T00:00:00Z"
}

// onDay moves a worked-example push body to day.
func onDay(body, day string) string {
	prefix := strings.ReplaceAll(day, "-", "")
	return strings.NewReplacer(exampleDay, day, `"id":"`, `"id":"`+prefix+"-").Replace(body)
}

// pushBody joins one data type's records of every day into one push body.
func pushBody(t *testing.T, property, example string) string {
	t.Helper()
	var all []json.RawMessage
	for _, d := range days {
		var one map[string][]json.RawMessage
		if err := json.Unmarshal([]byte(onDay(example, d)), &one); err != nil {
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

// cents reads an amount of at most two decimals.
func cents(t *testing.T, s string) int64 {
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

// sourceSales is each day's Σ(totalAmount − totalRefund + totalGratuity)
// of an orders push body, in cents: what the day's invoices must total.
func sourceSales(t *testing.T, body string) map[string]int64 {
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
		out[o.CreatedDate[:10]] += cents(t, o.TotalAmount.String()) - cents(t, o.TotalRefund.String()) + cents(t, o.TotalGratuity.String())
	}
	return out
}

// sourcePaid is each day's Σ amount of Paid payments, in cents: what the
// day's PAY- payments must total.
func sourcePaid(t *testing.T, body string) map[string]int64 {
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
			out[p.CreatedDate[:10]] += cents(t, p.Amount.String())
		}
	}
	return out
}
