package store_test

import (
	"context"
	"slices"
	"sort"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func eventTypes(t *testing.T, s *store.Store, clientID string) []string {
	t.Helper()
	events, err := s.FindEvents(context.Background(), clientID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		out = append(out, e.Type)
	}
	return out
}

func TestConnectionChangesRecordTheirEvents(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai", "mqjo")
		if err != nil {
			t.Fatal(err)
		}
		acct := co.Connections[1]
		if got := eventTypes(t, s, c.ID); len(got) != 0 {
			t.Fatalf("creating connections recorded %v", got)
		}
		if _, err := s.LinkConnection(ctx, co.ID, acct.ID, &ledgersync.Token{AccessToken: "a", TenantID: "t"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UnlinkConnection(ctx, c.ID, co.ID, acct.ID); err != nil {
			t.Fatal(err)
		}
		// The unlink's two events share a time, so compare them as a set.
		got := eventTypes(t, s, c.ID)
		sort.Strings(got)
		want := []string{"DataConnectionStatusChanged", "DataConnectionStatusChanged", "Sync Connection Deleted"}
		if !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}
		events, _ := s.FindEvents(ctx, c.ID)
		for _, e := range events {
			if e.Type == ledgersync.EventSyncConnectionDeleted && (e.Message != "Sync connection for company "+co.ID+" deleted" || e.Data != nil) {
				t.Fatalf("Sync Connection Deleted: %+v", e)
			}
		}
		if d := events[0].Data; d["newStatus"] != "Linked" || d["oldStatus"] != "PendingAuth" || d["platformKey"] != "mqjo" {
			t.Fatalf("status change data %v", d)
		}
		// Unlinking again changes nothing and records nothing.
		if _, err := s.UnlinkConnection(ctx, c.ID, co.ID, acct.ID); err != nil {
			t.Fatal(err)
		}
		if got := eventTypes(t, s, c.ID); len(got) != 3 {
			t.Fatalf("a no-op unlink recorded events: %v", got)
		}
	})
}

func TestDeauthorizationRecordsOnlyTheStatusChange(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, _ := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai", "mqjo")
		acct := co.Connections[1]
		_, _ = s.LinkConnection(ctx, co.ID, acct.ID, &ledgersync.Token{AccessToken: "a"})
		if _, err := s.DeauthorizeConnection(ctx, acct.ID, "401", "invalid_grant"); err != nil {
			t.Fatal(err)
		}
		got := eventTypes(t, s, c.ID)
		if len(got) != 2 || got[1] != "DataConnectionStatusChanged" {
			t.Fatalf("events %v", got)
		}
		conn, _ := s.FindConnectionByID(ctx, c.ID, co.ID, acct.ID)
		if conn.Status != ledgersync.StatusDeauthorized || len(conn.Errors) != 1 || conn.Errors[0].Status != "Active" {
			t.Fatalf("connection %+v", conn)
		}
	})
}

func TestDeletingACompanyRecordsItsConnectionsStopping(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, _ := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai", "mqjo")
		_, _ = s.LinkConnection(ctx, co.ID, co.Connections[1].ID, &ledgersync.Token{AccessToken: "a"})
		if err := s.DeleteCompany(ctx, c.ID, co.ID); err != nil {
			t.Fatal(err)
		}
		deleted := 0
		for _, typ := range eventTypes(t, s, c.ID) {
			if typ == ledgersync.EventSyncConnectionDeleted {
				deleted++
			}
		}
		if deleted != 1 {
			t.Fatalf("%d Sync Connection Deleted events, want 1", deleted)
		}
	})
}
