package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/api"
	"github.com/ledgersync/ledgersync/internal/store"
)

// pushPaths are the push endpoints by data type.
var pushPaths = map[string]string{
	ledgersync.DataOrders:            "POST /data/companies/%s/sync/commerce-orders",
	ledgersync.DataPayments:          "POST /data/companies/%s/sync/commerce-payments",
	ledgersync.DataTransactions:      "POST /data/companies/%s/sync/commerce-transactions",
	ledgersync.DataProductCategories: "PUT /companies/%s/data/commerce-productCategories",
	ledgersync.DataLocations:         "PUT /companies/%s/data/commerce-locations",
	ledgersync.DataTaxComponents:     "PUT /companies/%s/data/commerce-taxComponents",
}

// commerceCompany creates a company of k with a commerce connection.
func (h *harness) commerceCompany(k tenant) string {
	h.t.Helper()
	co := h.createCompany(k, "Shop")
	h.createConnection(k, co.ID, "lqai")
	return co.ID
}

// push sends body to the push endpoint of dataType.
func (h *harness) push(k tenant, companyID, dataType string, body any) *response {
	h.t.Helper()
	method, path, _ := strings.Cut(fmt.Sprintf(pushPaths[dataType], companyID), " ")
	return h.do(method, path, k, body)
}

// records wraps records, given as JSON text, in a push body.
func records(dataType string, recs ...string) string {
	return fmt.Sprintf(`{%q:[%s]}`, ledgersync.PushProperty(dataType), strings.Join(recs, ","))
}

// storedOrders counts a company's stored orders of March 2024.
func (h *harness) storedOrders(companyID string) int {
	h.t.Helper()
	n := 0
	from := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	err := h.store.ScanOrders(context.Background(), companyID, from, from.AddDate(0, 1, 0),
		func(*ledgersync.Order, store.Stored) error { n++; return nil })
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

const (
	apiOrder = `{"id":"o1","currency":"GBP","createdDate":"2024-03-05T10:00:00","totalAmount":"12.50",
		"orderLineItems":[{"totalAmount":12.5,"taxPercentage":20}],"serviceCharges":[{"totalAmount":0,"type":"generic"}]}`
	apiPayment = `{"Id":"p1","Amount":12.5,"Currency":"GBP","CreatedDate":"2024-03-05","Type":"card","Status":"PAID"}`
)

func TestPushAndReadTheDataset(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.commerceCompany(h.a)
		res := h.push(h.a, id, ledgersync.DataOrders, records(ledgersync.DataOrders, apiOrder, `{"id":"gone"}`)).want(http.StatusOK).object()
		data := res["data"].(map[string]any)
		orders := data["orders"].([]any)
		o1 := orders[0].(map[string]any)
		if data["contractVersion"] != "1.0" || o1["createdDate"] != "2024-03-05T10:00:00Z" || o1["totalAmount"] != 12.5 ||
			o1["serviceCharges"].([]any)[0].(map[string]any)["type"] != "Generic" || fmt.Sprint(orders[1]) != "map[id:gone]" {
			t.Fatalf("normalised echo %v", res)
		}
		body := `{"ContractVersion":"2","Payments":[` + apiPayment + `]}`
		pay := h.push(h.a, id, ledgersync.DataPayments, body).want(http.StatusOK).object()
		p1 := pay["data"].(map[string]any)["payments"].([]any)[0].(map[string]any)
		if pay["data"].(map[string]any)["contractVersion"] != "2" || p1["type"] != "Card" || p1["status"] != "Paid" {
			t.Fatalf("PascalCase push %v", pay)
		}
		dsID := pay["datasetId"].(string)
		ds := h.do("GET", "/meta/companies/"+id+"/pull/history/"+dsID, h.a, nil).want(http.StatusOK).object()
		example := `{"id":"6f87…","companyId":"a00a…","connectionId":"26f2…","dataType":"commerce-transactions","status":"Complete",
			"requested":"2024-03-05T20:43:46Z","completed":"2024-03-05T20:43:46Z","progress":100,"isCompleted":true,"isErrored":false}`
		sameShape(t, "dataset", parse(t, example), ds)
		if ds["id"] != dsID || ds["companyId"] != id || ds["dataType"] != "commerce-payments" || ds["status"] != "Complete" ||
			ds["progress"] != 100.0 || ds["isCompleted"] != true || ds["isErrored"] != false || ds["requested"] != ds["completed"] {
			t.Fatalf("dataset %v", ds)
		}
		h.do("GET", "/meta/companies/"+id+"/pull/history/"+dsID, h.b, nil).want(http.StatusNotFound)
		h.do("GET", "/meta/companies/"+id+"/pull/history/nope", h.a, nil).want(http.StatusNotFound)
	})
}

func TestPushPreconditions(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.commerceCompany(h.a)
		for dataType := range pushPaths {
			h.push(h.b, id, dataType, records(dataType)).want(http.StatusNotFound)
		}
		bare := h.createCompany(h.a, "No commerce")
		e := h.push(h.a, bare.ID, ledgersync.DataOrders, records(ledgersync.DataOrders, apiOrder)).want(http.StatusBadRequest).object()
		if e["error"] != "Company has no commerce connection" {
			t.Fatalf("no commerce connection: %v", e)
		}
		for body, itemID := range map[string]string{"": "orders", `{"orders":null}`: "orders", `{"payments":[]}`: "orders", `{"orders":{}}`: "orders"} {
			e := h.push(h.a, id, ledgersync.DataOrders, body).want(http.StatusBadRequest).object()
			if items := validationItems(e); len(items) != 1 || items[0]["itemId"] != itemID {
				t.Fatalf("body %q: %v", body, e)
			}
		}
		h.push(h.a, id, ledgersync.DataOrders, `{"orders":[`).want(http.StatusBadRequest)
		h.push(h.a, id, ledgersync.DataOrders, records(ledgersync.DataOrders)).want(http.StatusOK)
	})
}

func validationItems(e map[string]any) []map[string]any {
	v, _ := e["validation"].(map[string]any)
	list, _ := v["errors"].([]any)
	out := make([]map[string]any, len(list))
	for i, it := range list {
		out[i] = it.(map[string]any)
	}
	return out
}

func TestPushLimit(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.commerceCompany(h.a)
		recs := make([]string, ledgersync.MaxPushRecords+1)
		for i := range recs {
			recs[i] = fmt.Sprintf(`{"id":"%d"}`, i)
		}
		e := h.push(h.a, id, ledgersync.DataOrders, records(ledgersync.DataOrders, recs...)).want(http.StatusBadRequest).object()
		items := validationItems(e)
		if len(items) != 1 || items[0]["itemId"] != "orders" || !strings.Contains(items[0]["message"].(string), "5000") {
			t.Fatalf("5,001 records: %v", e)
		}
		h.push(h.a, id, ledgersync.DataOrders, records(ledgersync.DataOrders, recs[1:]...)).want(http.StatusOK)
	})
}

func TestConcurrentPushesToOneCompany(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.commerceCompany(h.a)
		var wg sync.WaitGroup
		for g := range 6 {
			wg.Go(func() {
				var recs []string
				for i := range 40 {
					recs = append(recs, fmt.Sprintf(`{"id":"o%d","currency":"GBP","createdDate":"2024-03-05","modifiedDate":"2024-03-05T10:00:%02dZ"}`,
						(i+g*7)%40, g))
				}
				h.push(h.a, id, ledgersync.DataOrders, records(ledgersync.DataOrders, recs...)).want(http.StatusOK)
			})
		}
		wg.Wait()
		if n := h.storedOrders(id); n != 40 {
			t.Fatalf("%d orders stored, want 40", n)
		}
	})
}

func TestCataloguePutReplacesTheSet(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.commerceCompany(h.a)
		put := func(recs ...string) {
			h.push(h.a, id, ledgersync.DataProductCategories, records(ledgersync.DataProductCategories, recs...)).want(http.StatusOK)
		}
		put(`{"id":"c1","name":"Food"}`, `{"id":"c2","name":"Drink"}`)
		put(`{"ID":"c2","NAME":"Drinks"}`)
		cats, err := h.store.ProductCategories(context.Background(), id)
		if err != nil || len(cats) != 1 || cats[0] != (ledgersync.ProductCategory{ID: "c2", Name: "Drinks"}) {
			t.Fatalf("categories %+v %v", cats, err)
		}
		h.push(h.a, id, ledgersync.DataLocations, records(ledgersync.DataLocations, `{"id":"l1","name":"High St","address":{"city":"Leeds"}}`)).
			want(http.StatusOK)
		res := h.push(h.a, id, ledgersync.DataTaxComponents, records(ledgersync.DataTaxComponents, `{"id":"vat","name":"VAT","rate":"20.00"}`)).
			want(http.StatusOK).object()
		if tc := res["data"].(map[string]any)["taxComponents"].([]any)[0].(map[string]any); tc["rate"] != 20.0 || tc["isCompound"] != false {
			t.Fatalf("tax component echo %v", tc)
		}
	})
}

func TestIsPush(t *testing.T) {
	t.Parallel()
	for target, want := range map[string]bool{
		"POST /data/companies/c/sync/commerce-orders":       true,
		"POST /data/companies/c/sync/commerce-transactions": true,
		"PUT /companies/c/data/commerce-taxComponents":      true,
		"GET /data/companies/c/sync/commerce-orders":        false,
		"POST /companies":                                   false,
		"PUT /profile":                                      false,
		"POST /config/companies/c/sync/commerce":            false,
		"GET /meta/companies/c/pull/history/d":              false,
		"PUT /companies/c/connections/x/authorization":      false,
		"POST /companies/c/data/commerce-productCategories": false,
	} {
		method, path, _ := strings.Cut(target, " ")
		if got := api.IsPush(httptest.NewRequest(method, path, nil)); got != want {
			t.Errorf("IsPush(%s) = %v", target, got)
		}
	}
}
