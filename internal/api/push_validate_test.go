package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

const (
	okOrder       = `{"id":"o1","currency":"GBP","createdDate":"2024-03-05","totalAmount":10,"orderLineItems":[{"totalAmount":10,"taxPercentage":20}]}`
	okPayment     = `{"id":"p1","amount":10,"currency":"GBP","createdDate":"2024-03-05"}`
	okTransaction = `{"id":"t1","type":"Payment","totalAmount":10,"currency":"GBP","createdDate":"2024-03-05"}`
)

// without returns a JSON object with one top-level property removed.
func without(object, property string) string { return with(object, property, "") }

// with returns a JSON object with one top-level property set to value,
// or removed when value is empty.
func with(object, property, value string) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(object), &m); err != nil {
		panic(err)
	}
	delete(m, property)
	if value != "" {
		m[property] = json.RawMessage(value)
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// pushRuleCases are SPEC §8.2's rules: the bad records, the expected
// itemId and message of the one validation error.
var pushRuleCases = []struct {
	name, dataType string
	records        []string
	itemID, msg    string
}{
	{"id required", ledgersync.DataOrders, []string{okOrder, without(okOrder, "id")}, "[1]", "id is required"},
	{"currency required", ledgersync.DataOrders, []string{without(okOrder, "currency")}, "o1", "currency is required"},
	{"createdDate required", ledgersync.DataOrders, []string{without(okOrder, "createdDate")}, "o1", "createdDate is required"},
	{"payment amount required", ledgersync.DataPayments, []string{without(okPayment, "amount")}, "p1", "amount is required"},
	{"transaction totalAmount required", ledgersync.DataTransactions, []string{without(okTransaction, "totalAmount")}, "t1", "totalAmount is required"},
	{"category name required", ledgersync.DataProductCategories, []string{`{"id":"c1"}`}, "c1", "name is required"},
	{"tax rate required", ledgersync.DataTaxComponents, []string{`{"id":"vat","name":"VAT"}`}, "vat", "rate is required"},
	{"currency format", ledgersync.DataPayments, []string{with(okPayment, "currency", `"GBPX"`)}, "p1", `currency "GBPX" must be three capital letters, such as GBP`},
	{"line rate", ledgersync.DataOrders, []string{with(okOrder, "orderLineItems", `[{"totalAmount":10,"taxPercentage":100.01}]`)}, "o1",
		"orderLineItems[0].taxPercentage must be from 0 to 100, not 100.01"},
	{"tax component rate", ledgersync.DataTaxComponents, []string{`{"id":"vat","name":"VAT","rate":-5}`}, "vat", "rate must be from 0 to 100, not -5"},
	{"payment type", ledgersync.DataPayments, []string{with(okPayment, "type", `"cheque"`)}, "p1", `type "cheque" must be one of ` + strings.Join(ledgersync.PaymentTypes, ", ")},
	{"payment status", ledgersync.DataPayments, []string{with(okPayment, "status", `"done"`)}, "p1", `status "done" must be one of ` + strings.Join(ledgersync.PaymentStatuses, ", ")},
	{"transaction type", ledgersync.DataTransactions, []string{with(okTransaction, "type", `"Fee"`)}, "t1", `type "Fee" must be one of ` + strings.Join(ledgersync.TransactionTypes, ", ")},
	{"source type", ledgersync.DataTransactions, []string{with(okTransaction, "transactionSourceRef", `{"id":"o1","type":"Sale"}`)}, "t1",
		`transactionSourceRef.type "Sale" must be one of ` + strings.Join(ledgersync.TransactionSourceTypes, ", ")},
	{"service charge type", ledgersync.DataOrders, []string{with(okOrder, "serviceCharges", `[{"type":"Tip"}]`)}, "o1",
		`serviceCharges[0].type "Tip" must be one of Unknown, Generic, Shipping, Overpayment`},
	{"four decimals", ledgersync.DataOrders, []string{with(okOrder, "totalRefund", `"0.00001"`)}, "o1",
		"totalRefund of order o1 must be a decimal number with at most 4 decimal places"},
	{"unique ids", ledgersync.DataPayments, []string{okPayment, okPayment}, "p1", "id p1 appears more than once in the request"},
	{"unique (id, type)", ledgersync.DataTransactions, []string{okTransaction, with(okTransaction, "type", `"PaymentFee"`), okTransaction}, "t1",
		"id t1 with type Payment appears more than once in the request"},
	{"order totals", ledgersync.DataOrders, []string{with(okOrder, "totalAmount", "10.02")}, "o1", "Order totals do not add up"},
}

func TestPushValidationRules(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.commerceCompany(h.a)
		for _, c := range pushRuleCases {
			e := h.push(h.a, id, c.dataType, records(c.dataType, c.records...)).want(http.StatusBadRequest).object()
			items := validationItems(e)
			if e["error"] != "Commerce data is invalid." || len(items) != 1 || items[0]["itemId"] != c.itemID || items[0]["message"] != c.msg {
				t.Errorf("%s: %v\nwant itemId %q message %q", c.name, e, c.itemID, c.msg)
			}
		}
		if n := h.storedOrders(id); n != 0 {
			t.Fatalf("refused pushes stored %d orders", n)
		}
		for dataType := range pushPaths {
			h.push(h.a, id, dataType, records(dataType)).want(http.StatusOK)
		}
	})
}

func TestPushReportsEveryBadRecordAndStoresNothing(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.commerceCompany(h.a)
		body := records(ledgersync.DataOrders, okOrder, with(okOrder, "id", `"o2"`), without(with(okOrder, "id", `"o3"`), "currency"),
			with(okOrder, "id", `"o4"`), `{"currency":"GBP","createdDate":"2024-03-05"}`, with(with(okOrder, "id", `"o5"`), "totalAmount", "9"))
		e := h.push(h.a, id, ledgersync.DataOrders, body).want(http.StatusBadRequest).object()
		var got []string
		for _, it := range validationItems(e) {
			got = append(got, it["itemId"].(string)+": "+it["message"].(string))
		}
		want := []string{"o3: currency is required", "[4]: id is required", "o5: Order totals do not add up"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("items\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if n := h.storedOrders(id); n != 0 {
			t.Fatalf("a refused push stored %d orders", n)
		}
	})
}
