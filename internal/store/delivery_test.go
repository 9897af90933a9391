package store_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// eachWithClock runs fn on both databases with a clock the test moves.
func eachWithClock(t *testing.T, fn func(t *testing.T, s *store.Store, clock *fakeClock)) {
	t.Helper()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			fn(t, withDBClock(t, d, clock), clock)
		})
	}
}

func statusEvent(clientID, companyID string) ledgersync.Event {
	return ledgersync.Event{ClientID: clientID, CompanyID: companyID, Type: ledgersync.EventDataConnectionStatusChanged,
		Message: "status changed", Data: map[string]any{"newStatus": "Linked"}}
}

func ruleDeliveries(t *testing.T, s *store.Store, clientID, ruleID string) []*ledgersync.Delivery {
	t.Helper()
	ds, _, err := s.FindRuleDeliveries(context.Background(), clientID, ruleID, ledgersync.ListOptions{Page: 1, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestEventsCreateDeliveriesForMatchingRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := newClient(t, s, 0), newClient(t, s, 0)
		co1, co2 := newCompany(t, s, a), newCompany(t, s, a)
		typ := ledgersync.EventDataConnectionStatusChanged
		all := newRule(t, s, a.ID, "", typ, "https://hooks.partner.example/all")
		first := newRule(t, s, a.ID, co1.ID, typ, "https://hooks.partner.example/co1")
		mailed := newRule(t, s, a.ID, "", typ, "") // e-mails only
		misses := []*ledgersync.Rule{
			newRule(t, s, a.ID, co2.ID, typ, "https://hooks.partner.example/co2"),
			newRule(t, s, a.ID, "", ledgersync.EventSyncCompleted, "https://hooks.partner.example/completed"),
			newRule(t, s, a.ID, "", typ, "https://hooks.partner.example/gone"),
			newRule(t, s, b.ID, "", typ, "https://hooks.other.example/"),
		}
		if err := s.DisableRuleWebhook(ctx, misses[2].ID, time.Now()); err != nil {
			t.Fatal(err)
		}
		var enqueued []string
		s.SetDeliveryEnqueuer(func(_ context.Context, tx *sql.Tx, ids []string) error {
			if tx == nil {
				t.Error("enqueued outside a transaction")
			}
			enqueued = append(enqueued, ids...)
			return nil
		})
		if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(a.ID, co1.ID)}); err != nil {
			t.Fatal(err)
		}
		var created []string
		for _, r := range []*ledgersync.Rule{all, first, mailed} {
			ds := ruleDeliveries(t, s, a.ID, r.ID)
			if len(ds) != 1 || ds[0].Status != ledgersync.DeliveryPending || ds[0].Attempts != 0 || ds[0].CompanyID != co1.ID ||
				ds[0].EventType != typ || ds[0].NextAttemptAt == nil {
				t.Fatalf("deliveries of %s: %+v", r.Notifiers.Webhook, ds)
			}
			created = append(created, ds[0].ID)
		}
		slices.Sort(created)
		slices.Sort(enqueued)
		if !slices.Equal(created, enqueued) {
			t.Fatalf("enqueued %v, created %v", enqueued, created)
		}
		for _, r := range misses {
			if ds, _, _ := s.FindRuleDeliveries(ctx, r.ClientID, r.ID, ledgersync.ListOptions{Page: 1, PageSize: 10}); len(ds) != 0 {
				t.Errorf("rule %s %s matched: %+v", r.Type, r.Notifiers.Webhook, ds)
			}
		}
	})
}

// The outbox is one transaction: when scheduling the deliveries fails,
// neither the event nor its deliveries exist.
func TestEnqueueFailureLeavesNoEvent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co := newCompany(t, s, c)
		r := newRule(t, s, c.ID, "", ledgersync.EventDataConnectionStatusChanged, "https://hooks.partner.example/")
		s.SetDeliveryEnqueuer(func(context.Context, *sql.Tx, []string) error { return errors.New("queue unavailable") })
		if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(c.ID, co.ID)}); err == nil {
			t.Fatal("recorded despite the failed enqueue")
		}
		if got := eventTypes(t, s, c.ID); len(got) != 0 {
			t.Fatalf("events %v", got)
		}
		if ds := ruleDeliveries(t, s, c.ID, r.ID); len(ds) != 0 {
			t.Fatalf("deliveries %v", ds)
		}
	})
}

func TestDeliveryAttempts(t *testing.T) {
	t.Parallel()
	eachWithClock(t, func(t *testing.T, s *store.Store, clock *fakeClock) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co := newCompany(t, s, c)
		r := newRule(t, s, c.ID, co.ID, ledgersync.EventDataConnectionStatusChanged, "https://hooks.partner.example/")
		if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(c.ID, co.ID)}); err != nil {
			t.Fatal(err)
		}
		id := ruleDeliveries(t, s, c.ID, r.ID)[0].ID
		target, err := s.FindDelivery(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if target.Rule.ID != r.ID || target.Event.ID != target.Delivery.EventID || target.Event.Data["newStatus"] != "Linked" {
			t.Fatalf("target %+v %+v %+v", target.Delivery, target.Event, target.Rule)
		}

		clock.Advance(time.Second)
		next := clock.Now().Add(5 * time.Second)
		attempt := ledgersync.DeliveryAttempt{At: clock.Now(), StatusCode: 500, Error: "HTTP 500", NextAttemptAt: &next}
		if err := s.RecordDeliveryAttempt(ctx, id, attempt, false); err != nil {
			t.Fatal(err)
		}
		d, _ := s.FindRuleDelivery(ctx, c.ID, r.ID, id)
		if d.Status != ledgersync.DeliveryPending || d.Attempts != 1 || d.LastStatusCode != 500 || d.LastError != "HTTP 500" ||
			!d.NextAttemptAt.Equal(next) || !d.LastAttemptAt.Equal(attempt.At) || d.DeliveredAt != nil {
			t.Fatalf("after a failure: %+v", d)
		}

		clock.Advance(5 * time.Second)
		ok := ledgersync.DeliveryAttempt{At: clock.Now(), StatusCode: 204, Delivered: true}
		if err := s.RecordDeliveryAttempt(ctx, id, ok, false); err != nil {
			t.Fatal(err)
		}
		d, _ = s.FindRuleDelivery(ctx, c.ID, r.ID, id)
		if d.Status != ledgersync.DeliveryDelivered || d.Attempts != 2 || d.LastStatusCode != 204 || d.LastError != "" ||
			d.NextAttemptAt != nil || d.DeliveredAt == nil || !d.DeliveredAt.Equal(ok.At) {
			t.Fatalf("after success: %+v", d)
		}
		if err := s.RecordDeliveryAttempt(ctx, id, ok, false); !errors.Is(err, store.ErrDeliveryNotPending) {
			t.Fatalf("attempt at a delivered delivery: %v", err)
		}
		if err := s.RecordDeliveryAttempt(ctx, "no-such-delivery", ok, false); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("attempt at an unknown delivery: %v", err)
		}

		// The last attempt's failure is final.
		if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(c.ID, co.ID)}); err != nil {
			t.Fatal(err)
		}
		second := ruleDeliveries(t, s, c.ID, r.ID)[0].ID
		if err := s.RecordDeliveryAttempt(ctx, second, ledgersync.DeliveryAttempt{At: clock.Now(), Error: "timeout"}, false); err != nil {
			t.Fatal(err)
		}
		if d, _ := s.FindRuleDelivery(ctx, c.ID, r.ID, second); d.Status != ledgersync.DeliveryFailed || d.LastStatusCode != 0 || d.NextAttemptAt != nil {
			t.Fatalf("after the last attempt: %+v", d)
		}
	})
}

func TestGoneDisablesTheWebhook(t *testing.T) {
	t.Parallel()
	eachWithClock(t, func(t *testing.T, s *store.Store, clock *fakeClock) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co := newCompany(t, s, c)
		r := newRule(t, s, c.ID, "", ledgersync.EventDataConnectionStatusChanged, "https://hooks.partner.example/")
		for range 2 {
			clock.Advance(time.Second)
			if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(c.ID, co.ID)}); err != nil {
				t.Fatal(err)
			}
		}
		ds := ruleDeliveries(t, s, c.ID, r.ID) // newest first
		newer, older := ds[0].ID, ds[1].ID
		next := clock.Now().Add(time.Minute)
		gone := ledgersync.DeliveryAttempt{At: clock.Now(), StatusCode: 410, Error: "HTTP 410", NextAttemptAt: &next}
		if err := s.RecordDeliveryAttempt(ctx, older, gone, true); err != nil {
			t.Fatal(err)
		}
		if d, _ := s.FindRuleDelivery(ctx, c.ID, r.ID, older); d.Status != ledgersync.DeliveryFailed || d.NextAttemptAt != nil || d.LastStatusCode != 410 {
			t.Fatalf("the 410 delivery: %+v", d)
		}
		if d, _ := s.FindRuleDelivery(ctx, c.ID, r.ID, newer); d.Status != ledgersync.DeliveryCancelled || d.Attempts != 0 || d.LastError == "" {
			t.Fatalf("the other pending delivery: %+v", d)
		}
		if got, _ := s.FindRuleByID(ctx, c.ID, r.ID); got.WebhookDisabledAt == nil || got.WebhookActive() {
			t.Fatalf("rule after 410: %+v", got)
		}
		if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(c.ID, co.ID)}); err != nil {
			t.Fatal(err)
		}
		if ds := ruleDeliveries(t, s, c.ID, r.ID); len(ds) != 2 {
			t.Fatalf("a disabled webhook got a new delivery: %d", len(ds))
		}
		_, err := s.RedeliverDelivery(ctx, c.ID, r.ID, older, nil)
		if ledgersync.ErrorCode(err) != ledgersync.EInvalid {
			t.Fatalf("redelivery to a disabled webhook: %v", err)
		}
	})
}

func TestRedeliverDelivery(t *testing.T) {
	t.Parallel()
	eachWithClock(t, func(t *testing.T, s *store.Store, clock *fakeClock) {
		ctx := context.Background()
		c, other := newClient(t, s, 0), newClient(t, s, 0)
		co := newCompany(t, s, c)
		r := newRule(t, s, c.ID, "", ledgersync.EventDataConnectionStatusChanged, "https://hooks.partner.example/")
		if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(c.ID, co.ID)}); err != nil {
			t.Fatal(err)
		}
		id := ruleDeliveries(t, s, c.ID, r.ID)[0].ID
		if _, err := s.RedeliverDelivery(ctx, c.ID, r.ID, id, nil); ledgersync.ErrorCode(err) != ledgersync.EInvalid {
			t.Fatalf("redelivery of a pending delivery: %v", err)
		}
		clock.Advance(time.Second)
		if err := s.RecordDeliveryAttempt(ctx, id, ledgersync.DeliveryAttempt{At: clock.Now(), StatusCode: 200, Delivered: true}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RedeliverDelivery(ctx, other.ID, r.ID, id, nil); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("another client's redelivery: %v", err)
		}
		clock.Advance(time.Hour)
		var enqueued []string
		d, err := s.RedeliverDelivery(ctx, c.ID, r.ID, id, func(_ context.Context, _ *sql.Tx, ids []string) error {
			enqueued = ids
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != ledgersync.DeliveryPending || d.Attempts != 1 || !d.NextAttemptAt.Equal(clock.Now()) || !slices.Equal(enqueued, []string{id}) {
			t.Fatalf("redelivered %+v, enqueued %v", d, enqueued)
		}

		// A failed enqueue leaves the delivery as it was.
		_ = s.RecordDeliveryAttempt(ctx, id, ledgersync.DeliveryAttempt{At: clock.Now(), StatusCode: 200, Delivered: true}, false)
		_, err = s.RedeliverDelivery(ctx, c.ID, r.ID, id, func(context.Context, *sql.Tx, []string) error { return errors.New("down") })
		if err == nil {
			t.Fatal("redelivered despite the failed enqueue")
		}
		if d, _ := s.FindRuleDelivery(ctx, c.ID, r.ID, id); d.Status != ledgersync.DeliveryDelivered {
			t.Fatalf("after a failed enqueue: %+v", d)
		}

		// Deleting the rule deletes its deliveries.
		if err := s.DeleteRule(ctx, c.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindDelivery(ctx, id); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("delivery of a deleted rule: %v", err)
		}
	})
}

func TestRuleDeliveriesAreNewestFirstAndPaged(t *testing.T) {
	t.Parallel()
	eachWithClock(t, func(t *testing.T, s *store.Store, clock *fakeClock) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co := newCompany(t, s, c)
		r := newRule(t, s, c.ID, "", ledgersync.EventDataConnectionStatusChanged, "https://hooks.partner.example/")
		for range 3 {
			clock.Advance(time.Second)
			if err := s.RecordEvents(ctx, []ledgersync.Event{statusEvent(c.ID, co.ID)}); err != nil {
				t.Fatal(err)
			}
		}
		all := ruleDeliveries(t, s, c.ID, r.ID)
		if len(all) != 3 || !all[0].Created.After(all[1].Created) || !all[1].Created.After(all[2].Created) {
			t.Fatalf("not newest first: %+v", all)
		}
		page, total, err := s.FindRuleDeliveries(ctx, c.ID, r.ID, ledgersync.ListOptions{Page: 2, PageSize: 2})
		if err != nil || total != 3 || len(page) != 1 || page[0].ID != all[2].ID {
			t.Fatalf("page 2: %+v total %d: %v", page, total, err)
		}
		_ = s.RecordDeliveryAttempt(ctx, all[1].ID, ledgersync.DeliveryAttempt{At: clock.Now(), StatusCode: 200, Delivered: true}, false)
		page, total, err = s.FindRuleDeliveries(ctx, c.ID, r.ID, ledgersync.ListOptions{Page: 1, PageSize: 10, Query: "status=delivered"})
		if err != nil || total != 1 || page[0].ID != all[1].ID {
			t.Fatalf("status=delivered: %+v total %d: %v", page, total, err)
		}
		page, _, err = s.FindRuleDeliveries(ctx, c.ID, r.ID, ledgersync.ListOptions{Page: 1, PageSize: 10, OrderBy: "created"})
		if err != nil || page[0].ID != all[2].ID {
			t.Fatalf("orderBy=created: %+v: %v", page, err)
		}
	})
}

// TestFailureAfterTheChangeRollsBackItsEvent checks the outbox both ways
// (RELIABILITY point 18): a failure injected after the state change and
// the event insert, at the enqueue, leaves neither the change nor the
// event; without it, both exist.
func TestFailureAfterTheChangeRollsBackItsEvent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai", "mqjo")
		if err != nil {
			t.Fatal(err)
		}
		acct := co.Connections[1]
		newRule(t, s, c.ID, "", ledgersync.EventSyncConnectionDeleted, "https://hooks.partner.example/")
		if _, err := s.LinkConnection(ctx, co.ID, acct.ID, &ledgersync.Token{AccessToken: "a", TenantID: "t"}); err != nil {
			t.Fatal(err)
		}
		before := eventTypes(t, s, c.ID)
		s.SetDeliveryEnqueuer(func(context.Context, *sql.Tx, []string) error { return errors.New("injected failure") })
		if _, err := s.UnlinkConnection(ctx, c.ID, co.ID, acct.ID); err == nil {
			t.Fatal("the unlink succeeded despite the failure")
		}
		if conn, err := s.FindConnectionByID(ctx, c.ID, co.ID, acct.ID); err != nil || conn.Status != ledgersync.StatusLinked {
			t.Fatalf("after the failed unlink the connection is %+v, %v; want it still Linked", conn, err)
		}
		if got := eventTypes(t, s, c.ID); len(got) != len(before) {
			t.Fatalf("events %v after the failed unlink, want %v", got, before)
		}
		s.SetDeliveryEnqueuer(nil)
		if _, err := s.UnlinkConnection(ctx, c.ID, co.ID, acct.ID); err != nil {
			t.Fatal(err)
		}
		if got := eventTypes(t, s, c.ID); !slices.Contains(got, ledgersync.EventSyncConnectionDeleted) {
			t.Fatalf("events %v after the unlink, want Sync Connection Deleted", got)
		}
	})
}
