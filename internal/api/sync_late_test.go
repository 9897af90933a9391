package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// lateLedger is the part of a sandbox export the late-record tests read.
type lateLedger struct {
	Invoices []struct {
		InvoiceNumber, DateString string
		Total, AmountDue          json.Number
	}
	Payments []struct {
		Reference string
		Amount    json.Number
		Invoice   struct{ InvoiceNumber string }
	}
}

func (h *harness) lateExport(tenantID string) lateLedger {
	h.t.Helper()
	v, err := h.app.Sandbox.Export(h.t.Context(), tenantID)
	if err != nil {
		h.t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	var l lateLedger
	if err := json.Unmarshal(b, &l); err != nil {
		h.t.Fatal(err)
	}
	return l
}

// amountEq compares two decimal texts by value ("12.5" equals "12.50").
func amountEq(a json.Number, b string) bool {
	trim := func(s string) string {
		if strings.Contains(s, ".") {
			s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		}
		return s
	}
	return trim(a.String()) == trim(b)
}

// pushOrders pushes an orders body and wants it accepted.
func (h *harness) pushOrders(companyID, body string) {
	h.t.Helper()
	h.do("POST", "/data/companies/"+companyID+"/sync/commerce-orders", h.a, body).want(http.StatusOK)
}

// syncedLateOrder sets up a configured company whose order of 30.00 on
// 2024-03-05 has been synced, and returns its organisation and id.
func (h *harness) syncedLateOrder() (sandboxOrg, string) {
	h.t.Helper()
	org := h.newSandboxOrg("Bakery Ltd", "")
	id := h.linkedCompany(h.a, org, true)
	h.do("POST", configPath(id), h.a, completeConfiguration(h.t, id)).want(http.StatusOK)
	h.pushOrders(id, lateOrder)
	if st := h.sync(id, "2024-03-06T00:00:00Z"); st["syncStatusCode"] != float64(2000) {
		h.t.Fatalf("first sync: %v", st)
	}
	return org, id
}

const lateOrder = `{"orders":[{"id":"L1","currency":"GBP","createdDate":"2024-03-05T10:00:00Z","totalAmount":30.00,
 "orderLineItems":[{"quantity":1,"taxPercentage":0,"totalAmount":30.00,"totalTaxAmount":0,"unitPrice":30.00}],
 "payments":[{"id":"LP1"}]}]}`

// TestLatePaymentSettlesAnOpenInvoice checks that a payment made on a
// later day than its order settles the invoice an earlier sync wrote,
// rather than failing as exceeding its own day's sales (SPEC §9.2).
func TestLatePaymentSettlesAnOpenInvoice(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org, id := h.syncedLateOrder()
		h.do("POST", "/data/companies/"+id+"/sync/commerce-payments", h.a, `{"payments":[
 {"id":"LP1","amount":30.00,"currency":"GBP","type":"Card","status":"Paid","createdDate":"2024-03-06T09:00:00Z"}]}`).want(http.StatusOK)
		if st := h.sync(id, "2024-03-07T00:00:00Z"); st["syncStatusCode"] != float64(2000) {
			t.Fatalf("the late payment's sync: %v", st)
		}
		l := h.lateExport(org.tenantID)
		if len(l.Payments) != 1 || l.Payments[0].Reference != "LS20240306-1-PAY-card" ||
			l.Payments[0].Invoice.InvoiceNumber != "LS20240305-1-INV" || !amountEq(l.Payments[0].Amount, "30") {
			t.Fatalf("payments %+v, want LS20240306-1-PAY-card of 30 applied to LS20240305-1-INV", l.Payments)
		}
		if len(l.Invoices) != 1 || !amountEq(l.Invoices[0].AmountDue, "0") {
			t.Fatalf("invoices %+v, want the one invoice paid", l.Invoices)
		}
		// Each finished sync recorded its Sync Completed event (SPEC §10).
		events, err := h.store.FindEvents(t.Context(), h.a.id)
		if err != nil {
			t.Fatal(err)
		}
		completed := 0
		for _, e := range events {
			if e.Type == "Sync Completed" && e.CompanyID == id && e.Data["syncStatusCode"] == float64(2000) {
				completed++
			}
		}
		if completed != 2 {
			t.Fatalf("%d Sync Completed events for the two syncs: %+v", completed, events)
		}
	})
}

// TestHistoricRangeCuttingAPostedDay checks that a historic sync whose
// range starts in the middle of a day already posted adjusts that day by
// what is new only, dated on the range's last business day, and reverses
// nothing of the day's earlier records (SPEC §7.2, §8.3).
func TestHistoricRangeCuttingAPostedDay(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org, id := h.syncedLateOrder()
		h.pushOrders(id, `{"orders":[{"id":"L2","currency":"GBP","createdDate":"2024-03-05T16:00:00Z","totalAmount":12.00,
 "orderLineItems":[{"quantity":1,"taxPercentage":0,"totalAmount":12.00,"totalTaxAmount":0,"unitPrice":12.00}]}]}`)
		s := h.do("POST", "/meta/companies/"+id+"/sync/commerce/historic", h.a,
			`{"dateRange":{"start":"2024-03-05T14:00:00Z","finish":"2024-03-08T00:00:00Z"}}`).want(http.StatusOK).object()
		if err := h.app.Runner.Run(t.Context(), s["syncId"].(string)); err != nil {
			t.Fatal(err)
		}
		l := h.lateExport(org.tenantID)
		got := map[string]string{}
		for _, inv := range l.Invoices {
			got[inv.InvoiceNumber] = inv.Total.String() + " " + inv.DateString
		}
		if len(l.Invoices) != 2 || !strings.HasPrefix(got["LS20240305-1-INV-ADJ1"], "12") ||
			!strings.Contains(got["LS20240305-1-INV-ADJ1"], "2024-03-07") {
			t.Fatalf("invoices %v, want the first one and LS20240305-1-INV-ADJ1 of 12 dated 2024-03-07", got)
		}
	})
}

// TestDeleteAfterSyncIsReversed checks that the sparse delete of an order
// already synced is posted as its full reversal (SPEC §8.3).
func TestDeleteAfterSyncIsReversed(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org, id := h.syncedLateOrder()
		h.pushOrders(id, `{"orders":[{"id":"L1"}]}`)
		if st := h.sync(id, "2024-03-07T00:00:00Z"); st["syncStatusCode"] != float64(2000) {
			t.Fatalf("the delete's sync: %v", st)
		}
		l := h.export(org.tenantID)
		if len(l.CreditNotes) != 1 || l.CreditNotes[0].CreditNoteNumber != "LS20240305-1-CN-ADJ1" || !amountEq(l.CreditNotes[0].Total, "30") {
			t.Fatalf("credit notes %+v, want LS20240305-1-CN-ADJ1 of 30 reversing the deleted order", l.CreditNotes)
		}
	})
}
