package crashtest

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
)

// The contract's worked example (SPEC §9.4) on business day 2024-03-05:
// three orders, three payments and five transactions. Each crash-test day
// is a copy of it, moved to that day, with ids prefixed by the day.
const (
	exampleDay    = "2024-03-05"
	exampleOrders = `{"orders":[
 {"id":"O1","currency":"GBP","createdDate":"2024-03-05T12:00:00Z","totalAmount":18.00,"totalGratuity":1.50,"totalTaxAmount":2.00,
  "orderLineItems":[{"id":"O1-1","quantity":1,"taxPercentage":20,"totalAmount":12.00,"totalTaxAmount":2.00,"unitPrice":12.00},
                    {"id":"O1-2","quantity":1,"taxPercentage":0,"totalAmount":6.00,"totalTaxAmount":0,"unitPrice":6.00}]},
 {"id":"O2","currency":"GBP","createdDate":"2024-03-05T12:10:00Z","totalAmount":49.00,"totalTaxAmount":4.00,
  "orderLineItems":[{"id":"O2-1","quantity":1,"taxPercentage":20,"totalAmount":24.00,"totalTaxAmount":4.00,"unitPrice":24.00},
                    {"id":"O2-2","quantity":1,"taxPercentage":0,"totalAmount":25.00,"totalTaxAmount":0,"unitPrice":25.00,"isGiftCard":true}]},
 {"id":"O3","currency":"GBP","createdDate":"2024-03-05T12:20:00Z","totalAmount":24.00,"totalRefund":-6.00,"totalTaxAmount":4.00,
  "orderLineItems":[{"id":"O3-1","quantity":1,"taxPercentage":20,"totalAmount":30.00,"totalTaxAmount":5.00,"unitPrice":30.00},
                    {"id":"O3-2","quantity":-1,"taxPercentage":20,"totalAmount":-6.00,"totalTaxAmount":-1.00,"unitPrice":6.00}]}]}`
	examplePayments = `{"payments":[
 {"id":"P1","amount":19.50,"currency":"GBP","type":"Card","status":"Paid","createdDate":"2024-03-05T12:01:00Z"},
 {"id":"P2","amount":49.00,"currency":"GBP","type":"Cash","status":"Paid","createdDate":"2024-03-05T12:11:00Z"},
 {"id":"P3","amount":30.00,"currency":"GBP","type":"Card","status":"Paid","createdDate":"2024-03-05T12:21:00Z"}]}`
	exampleTransactions = `{"transactions":[
 {"id":"R3","type":"Refund","totalAmount":-6.00,"currency":"GBP","createdDate":"2024-03-05T13:00:00Z","transactionSourceRef":{"id":"P3","type":"Payment"}},
 {"id":"F1","type":"PaymentFee","totalAmount":-0.29,"currency":"GBP","createdDate":"2024-03-05T13:00:00Z","transactionSourceRef":{"id":"P1","type":"Payment"}},
 {"id":"F3","type":"PaymentFee","totalAmount":-0.45,"currency":"GBP","createdDate":"2024-03-05T13:00:00Z","transactionSourceRef":{"id":"P3","type":"Payment"}},
 {"id":"FR3","type":"PaymentFeeRefund","totalAmount":0.09,"currency":"GBP","createdDate":"2024-03-05T13:00:00Z","transactionSourceRef":{"id":"P3","type":"Payment"}},
 {"id":"PO1","type":"Payout","totalAmount":-40.00,"currency":"GBP","createdDate":"2024-03-05T14:00:00Z"}]}`
)

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
