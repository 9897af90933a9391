package ledgersync_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

const (
	goodOrder = `{"id":"o1","currency":"GBP","createdDate":"2024-03-05T10:00:00Z","totalAmount":12,"totalTaxAmount":2,
		"orderLineItems":[{"quantity":1,"taxPercentage":20,"totalAmount":12,"totalTaxAmount":2,"unitPrice":12}]}`
	goodPayment     = `{"id":"p1","amount":12,"currency":"GBP","createdDate":"2024-03-05","type":"Card","status":"Paid"}`
	goodTransaction = `{"id":"t1","totalAmount":12,"currency":"GBP","createdDate":"2024-03-05","type":"Payment",
		"transactionSourceRef":{"id":"o1","type":"Order"}}`
)

// edit returns a JSON object with fields set (a nil value removes one).
func edit(t *testing.T, object string, fields map[string]any) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(object), &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range fields {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func raws(records ...string) []json.RawMessage {
	out := make([]json.RawMessage, len(records))
	for i, r := range records {
		out[i] = json.RawMessage(r)
	}
	return out
}

func invalidItems(t *testing.T, err error) []ledgersync.ValidationItem {
	t.Helper()
	var inv *ledgersync.InvalidRecordsError
	if !errors.As(err, &inv) {
		t.Fatalf("error %v, want *InvalidRecordsError", err)
	}
	if ledgersync.ErrorCode(err) != ledgersync.EInvalid || ledgersync.ErrorMessage(err) != "Commerce data is invalid." {
		t.Fatalf("unwraps to %s %q", ledgersync.ErrorCode(err), ledgersync.ErrorMessage(err))
	}
	return inv.Items
}

func TestValidatePushRules(t *testing.T) {
	t.Parallel()
	line := func(total string) map[string]any { return map[string]any{"totalAmount": json.Number(total)} }
	cases := []struct {
		name, dataType string
		records        []string
		itemID, msg    string
	}{
		{"order id required", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"id": nil})}, "[0]", "id is required"},
		{"empty id is unset", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"id": ""})}, "[0]", "id is required"},
		{"order currency required", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"currency": nil})}, "o1", "currency is required"},
		{"order createdDate required", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"createdDate": nil})}, "o1", "createdDate is required"},
		{"currency format", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"currency": "gbp"})}, "o1",
			`currency "gbp" must be three capital letters, such as GBP`},
		{"line rate", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"orderLineItems": []any{
			map[string]any{"taxPercentage": 120, "totalAmount": 12}}})}, "o1", "orderLineItems[0].taxPercentage must be from 0 to 100, not 120"},
		{"service charge rate and type", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"totalAmount": 13, "serviceCharges": []any{
			map[string]any{"taxPercentage": -1, "totalAmount": 1, "type": "tip"}}})}, "o1",
			`serviceCharges[0].taxPercentage must be from 0 to 100, not -1; serviceCharges[0].type "tip" must be one of Unknown, Generic, Shipping, Overpayment`},
		{"totals", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"totalAmount": 12.02})}, "o1", "Order totals do not add up"},
		{"refund totals", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"totalAmount": 7, "totalRefund": -4,
			"orderLineItems": []any{line("12"), line("-5")}})}, "o1", "Order totals do not add up"},
		{"epsilon grows with lines", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"totalAmount": 12.03,
			"orderLineItems": []any{line("6"), line("6")}})}, "o1", "Order totals do not add up"},
		{"five decimals", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"orderLineItems": []any{line("12.00001")}})}, "o1",
			"orderLineItems[0].totalAmount of order o1 must be a decimal number with at most 4 decimal places"},
		{"five decimals as text", ledgersync.DataPayments, []string{edit(t, goodPayment, map[string]any{"amount": "1.23456"})}, "p1",
			"amount of payment p1 must be a decimal number with at most 4 decimal places"},
		{"bad date", ledgersync.DataPayments, []string{edit(t, goodPayment, map[string]any{"createdDate": "5 March"})}, "p1",
			"createdDate of payment p1 must be an RFC 3339 date-time"},
		{"wrong type", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"currency": 5})}, "o1", "currency of order o1 must be a string"},
		{"not an object", ledgersync.DataOrders, []string{`5`}, "[0]", "record must be a JSON object"},
		{"id too long", ledgersync.DataOrders, []string{edit(t, goodOrder, map[string]any{"id": strings.Repeat("x", 101)})},
			strings.Repeat("x", 101), "id must be at most 100 characters"},
		{"payment amount required", ledgersync.DataPayments, []string{edit(t, goodPayment, map[string]any{"amount": nil})}, "p1", "amount is required"},
		{"payment type", ledgersync.DataPayments, []string{edit(t, goodPayment, map[string]any{"type": "Bitcoin"})}, "p1",
			`type "Bitcoin" must be one of ` + strings.Join(ledgersync.PaymentTypes, ", ")},
		{"payment status", ledgersync.DataPayments, []string{edit(t, goodPayment, map[string]any{"status": "Settled"})}, "p1",
			`status "Settled" must be one of ` + strings.Join(ledgersync.PaymentStatuses, ", ")},
		{"transaction totalAmount required", ledgersync.DataTransactions, []string{edit(t, goodTransaction, map[string]any{"totalAmount": nil})}, "t1",
			"totalAmount is required"},
		{"transaction type", ledgersync.DataTransactions, []string{edit(t, goodTransaction, map[string]any{"type": "Fee"})}, "t1",
			`type "Fee" must be one of ` + strings.Join(ledgersync.TransactionTypes, ", ")},
		{"transaction source type", ledgersync.DataTransactions, []string{edit(t, goodTransaction, map[string]any{"transactionSourceRef": map[string]any{"id": "x", "type": "Invoice"}})},
			"t1", `transactionSourceRef.type "Invoice" must be one of ` + strings.Join(ledgersync.TransactionSourceTypes, ", ")},
		{"duplicate order", ledgersync.DataOrders, []string{goodOrder, goodOrder}, "o1", "id o1 appears more than once in the request"},
		{"duplicate delete", ledgersync.DataOrders, []string{goodOrder, `{"id":"o1"}`}, "o1", "id o1 appears more than once in the request"},
		{"duplicate transaction", ledgersync.DataTransactions, []string{goodTransaction, edit(t, goodTransaction, map[string]any{"type": "payment"})}, "t1",
			"id t1 with type Payment appears more than once in the request"},
		{"untyped transaction delete covers every type", ledgersync.DataTransactions, []string{goodTransaction, `{"id":"t1"}`}, "t1",
			"id t1 appears more than once in the request"},
		{"category name required", ledgersync.DataProductCategories, []string{`{"id":"c1"}`}, "c1", "name is required"},
		{"location id required", ledgersync.DataLocations, []string{`{"name":"Shop"}`}, "[0]", "id is required"},
		{"tax rate required", ledgersync.DataTaxComponents, []string{`{"id":"vat","name":"VAT"}`}, "vat", "rate is required"},
		{"tax rate range", ledgersync.DataTaxComponents, []string{`{"id":"vat","name":"VAT","rate":100.5}`}, "vat", "rate must be from 0 to 100, not 100.5"},
		{"delete with an unknown property is a record", ledgersync.DataOrders, []string{`{"id":"o1","note":"x"}`}, "o1",
			"currency is required; createdDate is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := ledgersync.ValidatePush(c.dataType, raws(c.records...))
			items := invalidItems(t, err)
			if len(items) != 1 || items[0].ItemID != c.itemID || items[0].Message != c.msg {
				t.Fatalf("items %+v\nwant itemId %q message %q", items, c.itemID, c.msg)
			}
		})
	}
}

func TestValidatePushCollectsEveryBadRecord(t *testing.T) {
	t.Parallel()
	records := raws(goodPayment, edit(t, goodPayment, map[string]any{"id": "p2", "currency": "eur"}), goodTransaction,
		edit(t, goodPayment, map[string]any{"id": nil}), edit(t, goodPayment, map[string]any{"id": "p4", "amount": nil}))
	_, err := ledgersync.ValidatePush(ledgersync.DataPayments, records)
	items := invalidItems(t, err)
	var ids []string
	for _, it := range items {
		ids = append(ids, it.ItemID)
		if it.ValidatorName != "Payments" {
			t.Errorf("validatorName %q", it.ValidatorName)
		}
	}
	if want := []string{"p2", "t1", "[3]", "p4"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("itemIds %v, want %v: %+v", ids, want, items)
	}
}

func TestValidatePushLimit(t *testing.T) {
	t.Parallel()
	records := make([]json.RawMessage, ledgersync.MaxPushRecords+1)
	for i := range records {
		records[i] = json.RawMessage(`{"id":"x"}`)
	}
	_, err := ledgersync.ValidatePush(ledgersync.DataOrders, records)
	var e *ledgersync.Error
	if !errors.As(err, &e) || e.Code != ledgersync.EInvalid || e.Field != "orders" || !strings.Contains(e.Message, "5000") {
		t.Fatalf("5001 records: %v", err)
	}
}
