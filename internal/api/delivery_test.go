package api_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/api"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

type deliveryOut struct {
	ID               string `json:"id"`
	RuleID           string `json:"ruleId"`
	EventID          string `json:"eventId"`
	Type             string `json:"type"`
	CompanyID        string `json:"companyId"`
	Status           string `json:"status"`
	Attempts         int    `json:"attempts"`
	LastResponseCode int    `json:"lastResponseCode"`
	LastError        string `json:"lastError"`
	LastAttemptAt    string `json:"lastAttemptAt"`
	NextAttemptAt    string `json:"nextAttemptAt"`
	DeliveredAt      string `json:"deliveredAt"`
	Created          string `json:"created"`
}

type deliveriesOut struct {
	Results      []deliveryOut `json:"results"`
	TotalResults int           `json:"totalResults"`
	Links        map[string]struct {
		Href string `json:"href"`
	} `json:"_links"`
}

func TestRuleDeliveries(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		co := h.createCompany(h.a, "Shop")
		r := h.createRule(h.a, map[string]any{"type": ledgersync.EventDataConnectionStatusChanged, "notifiers": map[string]any{"webhook": hook}})
		first := recordStatusEvent(t, h, h.a, co.ID, r.ID)
		time.Sleep(2 * time.Millisecond) // distinct creation times
		second := recordStatusEvent(t, h, h.a, co.ID, r.ID)

		var p deliveriesOut
		h.do("GET", "/rules/"+r.ID+"/deliveries?pageSize=1", h.a, nil).want(http.StatusOK).decode(&p)
		if p.TotalResults != 2 || len(p.Results) != 1 || p.Results[0].ID != second || p.Links["next"].Href == "" {
			t.Fatalf("page 1 of 1: %+v", p)
		}
		d := p.Results[0]
		if d.RuleID != r.ID || d.Type != ledgersync.EventDataConnectionStatusChanged || d.CompanyID != co.ID || d.Status != "Pending" ||
			d.Attempts != 0 || d.EventID == "" || d.Created == "" || d.NextAttemptAt == "" || d.DeliveredAt != "" || d.LastResponseCode != 0 {
			t.Fatalf("pending delivery %+v", d)
		}

		// The delivery job records an answer; the partner sends it again.
		now := time.Now().UTC()
		if err := h.store.RecordDeliveryAttempt(ctx, first, ledgersync.DeliveryAttempt{At: now, StatusCode: 500, Error: "HTTP 500"}, false); err != nil {
			t.Fatal(err)
		}
		p = deliveriesOut{}
		h.do("GET", "/rules/"+r.ID+"/deliveries?query=status%3Dfailed", h.a, nil).want(http.StatusOK).decode(&p)
		if p.TotalResults != 1 || p.Results[0].ID != first || p.Results[0].LastResponseCode != 500 || p.Results[0].LastError != "HTTP 500" ||
			p.Results[0].Attempts != 1 || p.Results[0].LastAttemptAt == "" || p.Results[0].NextAttemptAt != "" {
			t.Fatalf("failed delivery %+v", p)
		}
		var again deliveryOut
		h.do("POST", "/rules/"+r.ID+"/deliveries/"+first+"/redeliver", h.a, nil).want(http.StatusOK).decode(&again)
		if again.ID != first || again.Status != "Pending" || again.Attempts != 1 || again.LastResponseCode != 500 || again.NextAttemptAt == "" {
			t.Fatalf("redelivered %+v", again)
		}
		e := h.do("POST", "/rules/"+r.ID+"/deliveries/"+first+"/redeliver", h.a, nil).want(http.StatusBadRequest).object()
		if e["error"] != "Delivery "+first+" is already pending." {
			t.Fatalf("redelivery of a pending delivery: %v", e)
		}
		h.do("POST", "/rules/"+r.ID+"/deliveries/nope/redeliver", h.a, nil).want(http.StatusNotFound)
		h.do("GET", "/rules/nope/deliveries", h.a, nil).want(http.StatusNotFound)
		h.do("GET", "/rules/"+r.ID+"/deliveries?orderBy=colour", h.a, nil).want(http.StatusBadRequest)

		// 410 disables the webhook: redelivery is refused.
		if err := h.store.RecordDeliveryAttempt(ctx, second, ledgersync.DeliveryAttempt{At: now, StatusCode: 410}, true); err != nil {
			t.Fatal(err)
		}
		e = h.do("POST", "/rules/"+r.ID+"/deliveries/"+second+"/redeliver", h.a, nil).want(http.StatusBadRequest).object()
		if e["error"] != "The rule's webhook was disabled after it answered 410 Gone; create a new rule to send to it again." {
			t.Fatalf("redelivery to a disabled webhook: %v", e)
		}
		p = deliveriesOut{}
		h.do("GET", "/rules/"+r.ID+"/deliveries?orderBy=created", h.a, nil).want(http.StatusOK).decode(&p)
		if p.Results[0].ID != first || p.Results[0].Status != "Cancelled" || p.Results[1].Status != "Failed" {
			t.Fatalf("after 410: %+v", p.Results)
		}
	})
}

// The redeliver endpoint schedules the delivery through the API's
// enqueuer, in the transaction that makes it pending.
func TestRedeliverSchedulesTheDelivery(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, d)
			var enqueued []string
			mux := http.NewServeMux()
			api.New(h.store, slog.New(slog.DiscardHandler), api.Options{
				EnqueueDelivery: func(_ context.Context, tx *sql.Tx, ids []string) error {
					if tx == nil {
						t.Error("no transaction")
					}
					enqueued = append(enqueued, ids...)
					return nil
				},
			}).Register(mux)
			srv := httptest.NewServer(mux)
			t.Cleanup(srv.Close)

			co := h.createCompany(h.a, "Shop")
			r := h.createRule(h.a, map[string]any{"type": ledgersync.EventDataConnectionStatusChanged, "notifiers": map[string]any{"webhook": hook}})
			id := recordStatusEvent(t, h, h.a, co.ID, r.ID)
			err := h.store.RecordDeliveryAttempt(context.Background(), id,
				ledgersync.DeliveryAttempt{At: time.Now(), StatusCode: 200, Delivered: true}, false)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest("POST", srv.URL+"/rules/"+r.ID+"/deliveries/"+id+"/redeliver", nil)
			req.Header.Set("Authorization", "Bearer "+h.a.key)
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK || !slices.Equal(enqueued, []string{id}) {
				t.Fatalf("status %d %s, enqueued %v", res.StatusCode, body, enqueued)
			}
		})
	}
}
