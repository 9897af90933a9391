package ledgersync_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

func TestValidatePushNormalises(t *testing.T) {
	t.Parallel()
	recs, err := ledgersync.ValidatePush(ledgersync.DataPayments, raws(
		`{"Id":"p1","Amount":"10.50","Currency":"GBP","CreatedDate":"2024-03-05","Type":"onlinecard"}`,
		`{"id":"p2","amount":0,"currency":"GBP","createdDate":"2024-03-05T10:00:00","modifiedDate":"2024-03-06T10:00:00+01:00"}`,
		`{"id":"p3","currency":null,"type":""}`,
	))
	if err != nil {
		t.Fatal(err)
	}
	p1 := recs[0].Record.(*ledgersync.Payment)
	if p1.Amount != ledgersync.MustAmount("10.5") || p1.Type != "OnlineCard" || p1.Status != "Unknown" {
		t.Fatalf("p1 %+v", p1)
	}
	if got := string(recs[0].JSON); got != `{"id":"p1","amount":10.5,"currency":"GBP","type":"OnlineCard","status":"Unknown","createdDate":"2024-03-05T00:00:00Z"}` {
		t.Fatalf("p1 JSON %s", got)
	}
	h := recs[1].Record.Header()
	if want := time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC); !h.Version.Equal(want) || h.Created != time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC) {
		t.Fatalf("p2 header %+v", h)
	}
	if !recs[2].IsDelete() || string(recs[2].JSON) != `{"id":"p3"}` {
		t.Fatalf("p3 is a sparse delete: %T %s", recs[2].Record, recs[2].JSON)
	}
}

func TestValidatePushOrderDefaults(t *testing.T) {
	t.Parallel()
	recs, err := ledgersync.ValidatePush(ledgersync.DataOrders, raws(
		`{"id":"o1","currency":"EUR","createdDate":"2024-03-05","totalAmount":7,"totalRefund":-5.01,
		  "orderLineItems":[{"totalAmount":"12.00","taxPercentage":"5.5","discountAllocations":[{"amount":0.1000000001}]},{"totalAmount":-5}],
		  "serviceCharges":[{"totalAmount":0,"type":"shipping","taxPercentage":20}]}`,
		`{"id":"o2","currency":"EUR","createdDate":"2024-03-05"}`,
	))
	if err != nil {
		t.Fatal(err)
	}
	o1 := recs[0].Record.(*ledgersync.Order)
	if o1.ServiceCharges[0].Type != "Shipping" || o1.OrderLineItems[0].Taxes == nil {
		t.Fatalf("o1 %+v", o1)
	}
	if !strings.Contains(string(recs[0].JSON), `"discountAllocations":[{"amount":0.1000000001}]`) {
		t.Fatalf("informational fields are kept exactly: %s", recs[0].JSON)
	}
	if got := o1.TaxPercentages(); len(got) != 3 || got[0] != "5.5" || got[1] != "0" || got[2] != "20" {
		t.Fatalf("tax percentages %v", got)
	}
	want := `{"id":"o2","currency":"EUR","createdDate":"2024-03-05T00:00:00Z","totalAmount":0,"totalRefund":0,"totalTaxAmount":0,` +
		`"totalGratuity":0,"totalDiscount":0,"orderLineItems":[],"serviceCharges":[],"payments":[]}`
	if got := string(recs[1].JSON); got != want {
		t.Fatalf("o2 JSON\n%s\nwant\n%s", got, want)
	}
}

func TestValidatePushDeletes(t *testing.T) {
	t.Parallel()
	recs, err := ledgersync.ValidatePush(ledgersync.DataTransactions, raws(`{"id":"t1","TYPE":"paymentfee"}`, `{"id":"t2"}`,
		`{"id":"t1","type":"Payment","totalAmount":1,"currency":"GBP","createdDate":"2024-03-05"}`))
	if err != nil {
		t.Fatal(err)
	}
	d := recs[0].Record.(*ledgersync.SparseDelete)
	if d.Type != "PaymentFee" || recs[1].Record.Header() != (ledgersync.RecordHeader{ID: "t2"}) || recs[2].IsDelete() {
		t.Fatalf("deletes %+v %+v", d, recs[1].Record)
	}
	if _, err := ledgersync.ValidatePush(ledgersync.DataTransactions, raws(`{"id":"t1","type":"Fee"}`)); err == nil {
		t.Fatal("a delete's type is checked")
	}
	if _, err := ledgersync.ValidatePush(ledgersync.DataTaxComponents, raws(`{"id":"vat"}`)); err == nil {
		t.Fatal("catalogues have no sparse deletes")
	}
}
