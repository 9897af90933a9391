package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// configuredCompany is a company of client A linked to a new sandbox
// organisation, with a complete, enabled configuration.
func (h *harness) configuredCompany() string {
	h.t.Helper()
	id := h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), true)
	h.do("POST", configPath(id), h.a, completeConfiguration(h.t, id)).want(http.StatusOK)
	return id
}

func TestManualSyncRefusals(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		fresh := h.createCompany(h.a, "Unconfigured")
		e := h.do("POST", "/companies/"+fresh.ID+"/sync/commerce/latest", h.a, nil).want(http.StatusBadRequest).object()
		if e["error"] != "Company is not configured for sync" {
			t.Fatalf("not configured: %v", e["error"])
		}
		id := h.configuredCompany()
		historic := "/meta/companies/" + id + "/sync/commerce/historic"
		future := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
		for body, want := range map[string]string{
			`{"dateRange":{"start":"2024-03-05T00:00:00Z","finish":"2024-03-04T00:00:00Z"}}`: "Sync range finish must be after start",
			`{"start":"2024-03-05T00:00:00Z","finish":"` + future + `"}`:                     "Sync range must not end in the future",
			`{"start":"2020-01-01T00:00:00Z","end":"2024-03-02T00:00:00Z"}`:                  "Sync range starts before the configured start date",
			`{}`: "dateRange.start and dateRange.finish are required.",
		} {
			if e := h.do("POST", historic, h.a, body).want(http.StatusBadRequest).object(); e["error"] != want {
				t.Errorf("%s: %v, want %q", body, e["error"], want)
			}
		}
		h.do("POST", "/companies/"+id+"/sync/commerce/latest", h.b, nil).want(http.StatusNotFound)
	})
}

func TestEnabledConfigurationIsScheduled(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.configuredCompany()
		st, err := h.store.FindScheduleState(context.Background(), id)
		if err != nil || st.NextDueAt == nil || st.Floor == nil {
			t.Fatalf("schedule %+v %v", st, err)
		}
		london, _ := time.LoadLocation("Europe/London")
		due := st.NextDueAt.In(london)
		if !due.After(time.Now()) || due.After(time.Now().Add(25*time.Hour)) || due.Minute() != 0 {
			t.Fatalf("first due date %v is not the next boundary", due)
		}
		if got := st.Floor.In(london).Format("2006-01-02"); got != "2024-03-01" {
			t.Fatalf("floor %s, want the start date", got)
		}
		h.do("POST", configPath(id), h.a, `{"enable": false}`).want(http.StatusOK)
		if st, _ = h.store.FindScheduleState(context.Background(), id); st.NextDueAt != nil {
			t.Fatalf("disabled company still due at %v", st.NextDueAt)
		}
	})
}

func TestManualSyncIsQueuedOnce(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.configuredCompany()
		s := h.do("POST", "/companies/"+id+"/sync/commerce/latest", h.a, `{"syncTo":"2024-03-06T00:00:00Z"}`).want(http.StatusOK).object()
		if s["syncStatusCode"] != float64(1000) || s["syncStatus"] != "Pending" || s["commerceSyncId"] != s["syncId"] || s["syncType"] != "Latest" {
			t.Fatalf("summary %v", s)
		}
		if r := s["syncDateRangeUtc"].(map[string]any); r["finish"] != "2024-03-06T00:00:00Z" {
			t.Fatalf("range %v", r)
		}
		e := h.do("POST", "/meta/companies/"+id+"/sync/commerce/historic", h.a,
			`{"dateRange":{"start":"2024-03-02T00:00:00Z","finish":"2024-03-03T00:00:00Z"}}`).want(http.StatusBadRequest).object()
		if e["error"] != "A sync is already in progress for this company" {
			t.Fatalf("second sync: %v", e["error"])
		}
		var jobs int
		if err := h.store.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'sync_company'`).Scan(&jobs); err != nil {
			t.Fatal(err)
		}
		if jobs != 1 {
			t.Fatalf("%d sync jobs queued, want 1", jobs)
		}
		latest := h.do("GET", "/companies/"+id+"/sync/commerce/syncs/latest/status", h.a, nil).want(http.StatusOK).object()
		if latest["syncId"] != s["syncId"] {
			t.Fatalf("latest %v", latest)
		}
	})
}
