package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// runDue starts the syncs due at now and carries each out, as the job
// engine would, until nothing more is due; it returns the runs' codes,
// oldest first.
func (h *harness) runDue(companyID string, now time.Time) []float64 {
	h.t.Helper()
	ctx := context.Background()
	h.app.Scheduler.Jitter = 0
	var codes []float64
	for range 10 {
		n, err := h.app.Scheduler.EnqueueDue(ctx, now)
		if err != nil {
			h.t.Fatal(err)
		}
		latest := h.do("GET", "/companies/"+companyID+"/sync/commerce/syncs/latest/status", h.a, nil)
		if n == 0 && (latest.status == http.StatusNotFound || latest.object()["syncStatusCode"] != float64(1000)) {
			break
		}
		id := latest.object()["syncId"].(string)
		if err := h.app.Runner.Run(ctx, id); err != nil {
			h.t.Fatal(err)
		}
	}
	var list []map[string]any
	h.do("GET", "/companies/"+companyID+"/sync/commerce/syncs/list/status", h.a, nil).want(http.StatusOK).decode(&list)
	for i := len(list) - 1; i >= 0; i-- {
		codes = append(codes, list[i]["syncStatusCode"].(float64))
	}
	return codes
}

func TestScheduledSyncFiresAndCatchesUp(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org := h.newSandboxOrg("Bakery Ltd", "")
		id := h.linkedCompany(h.a, org, true)
		h.do("POST", configPath(id), h.a, completeConfiguration(t, id)).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-orders", h.a, workedOrders).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-payments", h.a, workedPayments).want(http.StatusOK)
		h.do("POST", "/data/companies/"+id+"/sync/commerce-transactions", h.a, workedTransactions).want(http.StatusOK)
		st, err := h.store.FindScheduleState(context.Background(), id)
		if err != nil || st.NextDueAt == nil {
			t.Fatalf("not scheduled: %+v %v", st, err)
		}
		first := *st.NextDueAt
		if codes := h.runDue(id, first.Add(-time.Second)); len(codes) != 0 {
			t.Fatalf("a sync ran before it was due: %v", codes)
		}
		// Three due dates passed while ledgersync was down: three syncs,
		// oldest first; the first writes the data, the others find nothing.
		codes := h.runDue(id, first.Add(48*time.Hour+time.Second))
		if len(codes) != 3 || codes[0] != 2000 || codes[1] != 2040 || codes[2] != 2040 {
			t.Fatalf("catch-up runs %v, want [2000 2040 2040]", codes)
		}
		if l := h.export(org.tenantID); len(l.Invoices) == 0 {
			t.Fatal("the scheduled sync wrote nothing")
		}
		st, _ = h.store.FindScheduleState(context.Background(), id)
		if want := first.Add(72 * time.Hour); st.NextDueAt == nil || !st.NextDueAt.Equal(want) || st.Anchor == nil {
			t.Fatalf("after catch-up: next %v (want %v), anchor %v", st.NextDueAt, want, st.Anchor)
		}
	})
}

func TestRevokedCompanyIsNotSynced(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org := h.newSandboxOrg("Bakery Ltd", "")
		id := h.linkedCompany(h.a, org, true)
		h.do("POST", configPath(id), h.a, completeConfiguration(t, id)).want(http.StatusOK)
		var co companyOut
		h.do("GET", "/companies/"+id, h.a, nil).want(http.StatusOK).decode(&co)
		for _, c := range co.DataConnections {
			if c.IntegrationKey == "mqjo" {
				h.do("PATCH", "/companies/"+id+"/connections/"+c.ID, h.a, map[string]string{"status": "Unlinked"}).want(http.StatusOK)
			}
		}
		st, _ := h.store.FindScheduleState(context.Background(), id)
		due := *st.NextDueAt
		codes := h.runDue(id, due.Add(time.Second))
		if len(codes) != 1 || codes[0] != 4040 {
			t.Fatalf("after a revoke: runs %v, want one 4040", codes)
		}
		if more := h.runDue(id, due.Add(5*24*time.Hour)); len(more) != 1 {
			t.Fatalf("a revoked company kept being synced: %v", more)
		}
		// Relinking resumes the schedule, with the configuration kept.
		conn := h.createConnection(h.a, id, "mqjo")
		h.do("PUT", "/companies/"+id+"/connections/"+conn.ID+"/authorization", h.a,
			map[string]string{"username": org.username, "password": org.password}).want(http.StatusOK)
		st, _ = h.store.FindScheduleState(context.Background(), id)
		if st.NextDueAt == nil {
			t.Fatal("relinking did not resume the schedule")
		}
		if codes := h.runDue(id, st.NextDueAt.Add(time.Second)); len(codes) != 2 || codes[1] != 2040 {
			t.Fatalf("after relinking: runs %v, want the 4040 then a successful sync", codes)
		}
	})
}
