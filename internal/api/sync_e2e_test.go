package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The contract's worked example (SPEC §9.4): one business day, three
// orders, three payments and five transactions, as push bodies.
var (
	workedOrders       = workedExample("orders")
	workedPayments     = workedExample("payments")
	workedTransactions = workedExample("transactions")
)

// workedExample reads a push body of the worked example, shared with the
// crash test.
func workedExample(kind string) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "commerce", "worked-example-"+kind+".json"))
	if err != nil {
		panic(err)
	}
	return string(b)
}

// ledger is the part of a sandbox export the test reads.
type ledger struct {
	Invoices []struct {
		Type, InvoiceNumber, Reference, Status string
		Total                                  json.Number
	}
	CreditNotes []struct {
		Type, CreditNoteNumber string
		Total                  json.Number
	}
	Payments []struct {
		Reference string
		Amount    json.Number
	}
	ManualJournals []struct{ Narration string }
}

func (h *harness) export(tenantID string) ledger {
	h.t.Helper()
	v, err := h.app.Sandbox.Export(context.Background(), tenantID)
	if err != nil {
		h.t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	var l ledger
	if err := json.Unmarshal(b, &l); err != nil {
		h.t.Fatal(err)
	}
	return l
}

// sync queues a Latest sync up to syncTo and carries it out, as the
// job engine would, returning its final status.
func (h *harness) sync(companyID, syncTo string) map[string]any {
	h.t.Helper()
	s := h.do("POST", "/companies/"+companyID+"/sync/commerce/latest", h.a, `{"syncTo":"`+syncTo+`"}`).want(http.StatusOK).object()
	if err := h.app.Runner.Run(context.Background(), s["syncId"].(string)); err != nil {
		h.t.Fatalf("run: %v", err)
	}
	return h.do("GET", "/companies/"+companyID+"/sync/commerce/syncs/"+s["syncId"].(string)+"/status", h.a, nil).want(http.StatusOK).object()
}

func TestManualSyncWritesTheWorkedExample(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org := h.newSandboxOrg("Bakery Ltd", "")
		id := h.linkedCompany(h.a, org, true)
		h.do("POST", configPath(id), h.a, completeConfiguration(t, id)).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-orders", h.a, workedOrders).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-payments", h.a, workedPayments).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-transactions", h.a, workedTransactions).want(http.StatusOK)

		// The pushed 20% rate now has its own slot to map (SPEC §6.3).
		if cfg, _ := h.getConfig(h.a, id); jsonAt(cfg, "configuration.sales.taxRates.20") == nil {
			t.Fatalf("no taxRates slot for the pushed 20%% rate: %v", jsonAt(cfg, "configuration.sales.taxRates"))
		}
		st := h.sync(id, "2024-03-06T00:00:00Z")
		if st["syncStatusCode"] != float64(2000) || st["dataPushed"] != true {
			t.Fatalf("first sync: %v", st)
		}
		l := h.export(org.tenantID)
		totals := map[string]string{}
		for _, inv := range l.Invoices {
			totals[inv.Type+" "+inv.InvoiceNumber+inv.Reference] = inv.Total.String()
		}
		for _, cn := range l.CreditNotes {
			totals[cn.Type+" "+cn.CreditNoteNumber] = cn.Total.String()
		}
		for _, p := range l.Payments {
			totals["payment "+p.Reference] = p.Amount.String()
		}
		want := map[string]string{
			"ACCREC LS20240305-1-INV":       "98.50",
			"ACCRECCREDIT LS20240305-1-CN":  "6.00",
			"payment LS20240305-1-PAY-card": "49.50",
			"payment LS20240305-1-PAY-cash": "49.00",
			"payment LS20240305-1-RFD-card": "6.00",
		}
		for k, v := range want {
			if got := totals[k]; strings.TrimRight(strings.TrimRight(got, "0"), ".") != strings.TrimRight(strings.TrimRight(v, "0"), ".") {
				t.Errorf("%s = %q, want %s (ledger %v)", k, got, v, totals)
			}
		}
		docs := len(l.Invoices) + len(l.CreditNotes) + len(l.Payments) + len(l.ManualJournals)

		// Nothing new: a second sync writes nothing, and so does an
		// overlapping historic one.
		if again := h.sync(id, "2024-03-07T00:00:00Z"); again["syncStatusCode"] != float64(2040) {
			t.Fatalf("second sync: %v", again)
		}
		if after := h.export(org.tenantID); len(after.Invoices)+len(after.CreditNotes)+len(after.Payments)+len(after.ManualJournals) != docs {
			t.Fatalf("a sync with nothing new wrote documents")
		}

		// A late change to an order already synced becomes an adjustment.
		h.do("POST", "/data/companies/"+id+"/sync/commerce-orders", h.a, strings.Replace(workedOrders,
			`"totalGratuity":1.50`, `"totalGratuity":2.50,"sourceModifiedDate":"2024-03-07T09:00:00Z"`, 1)).want(http.StatusOK)
		adj := h.sync(id, "2024-03-08T00:00:00Z")
		if adj["syncStatusCode"] != float64(2000) {
			t.Fatalf("adjustment sync: %v", adj)
		}
		found := false
		for _, inv := range h.export(org.tenantID).Invoices {
			if inv.InvoiceNumber == "LS20240305-1-INV-ADJ1" {
				found = inv.Total.String() == "1" || inv.Total.String() == "1.00"
				if !found {
					t.Errorf("adjustment total %s, want 1.00", inv.Total)
				}
			}
		}
		if !found {
			t.Fatalf("no LS20240305-1-INV-ADJ1 in the ledger")
		}
	})
}

// TestRefundTypedByAPaymentOfAnotherDay checks that a refund on one day
// takes its payment type from a payment made on an earlier day.
func TestRefundTypedByAPaymentOfAnotherDay(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org := h.newSandboxOrg("Bakery Ltd", "")
		id := h.linkedCompany(h.a, org, true)
		h.do("POST", configPath(id), h.a, completeConfiguration(t, id)).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-orders", h.a, workedOrders).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-payments", h.a, workedPayments).want(http.StatusOK)
		if st := h.sync(id, "2024-03-06T00:00:00Z"); st["syncStatusCode"] != float64(2000) {
			t.Fatalf("first day: %v", st)
		}
		h.do("POST", "/data/companies/"+id+"/sync/commerce-orders", h.a, `{"orders":[
 {"id":"O4","currency":"GBP","createdDate":"2024-03-06T12:00:00Z","totalAmount":10.00,"totalRefund":-10.00,
  "orderLineItems":[{"quantity":1,"taxPercentage":0,"totalAmount":20.00,"totalTaxAmount":0,"unitPrice":20.00},
                    {"quantity":-1,"taxPercentage":0,"totalAmount":-10.00,"totalTaxAmount":0,"unitPrice":10.00}]}]}`).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-payments", h.a, `{"payments":[
 {"id":"P4","amount":20.00,"currency":"GBP","type":"Card","status":"Paid","createdDate":"2024-03-06T12:01:00Z"}]}`).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-transactions", h.a, `{"transactions":[
 {"id":"R2","type":"Refund","totalAmount":-10.00,"currency":"GBP","createdDate":"2024-03-06T13:00:00Z","transactionSourceRef":{"id":"P2","type":"Payment"}}]}`).want(http.StatusOK)
		if st := h.sync(id, "2024-03-07T00:00:00Z"); st["syncStatusCode"] != float64(2000) {
			t.Fatalf("sync: %v", st)
		}
		var refs []string
		for _, p := range h.export(org.tenantID).Payments {
			refs = append(refs, p.Reference)
		}
		if !strings.Contains(strings.Join(refs, " "), "LS20240306-1-RFD-cash") {
			t.Fatalf("the refund of a cash payment made the day before is not typed cash: %v", refs)
		}
	})
}
