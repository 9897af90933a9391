package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

func TestSyncStatusEndpoints(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		base := "/companies/" + co.ID + "/sync/commerce/syncs/"
		h.do("GET", base+"latest/status", h.a, nil).want(http.StatusNotFound)
		h.do("GET", "/meta/companies/"+co.ID+"/sync/commerce/status", h.a, nil).want(http.StatusNotFound)
		var list []map[string]any
		h.do("GET", base+"list/status", h.a, nil).want(http.StatusOK).decode(&list)
		if len(list) != 0 {
			t.Fatalf("list %v", list)
		}

		ctx := context.Background()
		start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
		done := &ledgersync.SyncRun{CompanyID: co.ID, Type: ledgersync.SyncLatest, Start: start, Finish: start.AddDate(0, 0, 5)}
		if err := h.store.CreateSyncRun(ctx, done, nil); err != nil {
			t.Fatal(err)
		}
		done.StatusCode = ledgersync.CodeComplete
		if err := h.store.FinishSyncRun(ctx, done); err != nil {
			t.Fatal(err)
		}
		pending := &ledgersync.SyncRun{CompanyID: co.ID, Type: ledgersync.SyncHistoric, Start: start, Finish: start.AddDate(0, 0, 1)}
		if err := h.store.CreateSyncRun(ctx, pending, nil); err != nil {
			t.Fatal(err)
		}
		second := &ledgersync.SyncRun{CompanyID: co.ID, Type: ledgersync.SyncLatest, Start: start, Finish: start}
		if err := h.store.CreateSyncRun(ctx, second, nil); err == nil {
			t.Fatal("a second active sync was created")
		}

		latest := h.do("GET", base+"latest/status", h.a, nil).want(http.StatusOK).object()
		if latest["syncId"] != pending.ID || latest["syncStatusCode"] != float64(1000) || latest["syncStatus"] != "Pending" ||
			latest["syncType"] != "Historic" {
			t.Fatalf("latest %v", latest)
		}
		ok := h.do("GET", base+"lastSuccessful/status", h.a, nil).want(http.StatusOK).object()
		if ok["syncId"] != done.ID || ok["syncStatus"] != "Complete" || ok["finishedUtc"] == nil {
			t.Fatalf("lastSuccessful %v", ok)
		}
		byID := h.do("GET", base+done.ID+"/status", h.a, nil).want(http.StatusOK).object()
		if r := byID["syncDateRangeUtc"].(map[string]any); r["start"] != "2024-03-01T00:00:00Z" || r["finish"] != "2024-03-06T00:00:00Z" {
			t.Fatalf("range %v", r)
		}
		h.do("GET", base+"list/status", h.a, nil).want(http.StatusOK).decode(&list)
		if len(list) != 2 || list[0]["syncId"] != pending.ID {
			t.Fatalf("list newest first: %v", list)
		}
		meta := h.do("GET", "/meta/companies/"+co.ID+"/sync/commerce/status", h.a, nil).want(http.StatusOK).object()
		if meta["commerceSyncId"] != pending.ID || meta["syncId"] != pending.ID {
			t.Fatalf("meta %v", meta)
		}
		h.do("GET", base+done.ID+"/status", h.b, nil).want(http.StatusNotFound)
		h.do("GET", base+"nope/status", h.a, nil).want(http.StatusNotFound)
	})
}
