package store_test

import (
	"context"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func TestPostingsLedger(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, _ := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"})
		plan := func(syncID string) []*ledgersync.Posting {
			t.Helper()
			got, err := s.PlanPostings(ctx, []*ledgersync.Posting{
				{CompanyID: co.ID, SyncID: syncID, Reference: "LS20240305-1-INV", Kind: "Invoice", IdempotencyKey: "k1",
					BusinessDay: "2024-03-05", Currency: "GBP", Document: []byte(`{"total":98.5}`)},
				{CompanyID: co.ID, SyncID: syncID, Reference: "LS20240305-1-PAY-card", Kind: "Payment", IdempotencyKey: "k2",
					BusinessDay: "2024-03-05", Currency: "GBP", Document: []byte(`{}`)},
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		first := plan("sync-1")
		if len(first) != 2 || first[0].Status != ledgersync.PostingPlanned || first[0].OutcomeUnknown() {
			t.Fatalf("planned %+v", first[0])
		}
		if err := s.MarkAttempt(ctx, first[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkPosted(ctx, first[0].ID, "inv-123"); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkAttempt(ctx, first[1].ID); err != nil {
			t.Fatal(err)
		}
		// A retried sync plans the same references again: the ledger keeps
		// one entry each, with what is known of them.
		again := plan("sync-2")
		if again[0].ID != first[0].ID || again[0].Status != ledgersync.PostingPosted || again[0].PlatformID != "inv-123" {
			t.Fatalf("posted entry replanned: %+v", again[0])
		}
		if !again[1].OutcomeUnknown() || again[1].SyncID != "sync-1" {
			t.Fatalf("attempted entry: %+v", again[1])
		}
		if err := s.MarkFailed(ctx, again[1].ID, "Account acc-1200 is archived"); err != nil {
			t.Fatal(err)
		}
		if err := s.RetryPosting(ctx, again[1].ID, []byte(`{"v":2}`), "k3"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Postings(ctx, co.ID, "sync-1")
		if len(got) != 2 || got[0].Status != ledgersync.PostingPosted || got[0].PlatformID != "inv-123" {
			t.Fatalf("ledger %+v", got)
		}
		for _, p := range got {
			if p.Reference == "LS20240305-1-PAY-card" && (p.Status != ledgersync.PostingPlanned || p.Attempts != 0 || p.IdempotencyKey != "k3") {
				t.Fatalf("retried entry %+v", p)
			}
		}
	})
}
