package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// newRule stores a rule of a client, for one company or (companyID "")
// all of them.
func newRule(t *testing.T, s *store.Store, clientID, companyID, typ, webhook string) *ledgersync.Rule {
	t.Helper()
	r := &ledgersync.Rule{ClientID: clientID, Type: typ, Notifiers: ledgersync.Notifiers{Webhook: webhook}}
	if companyID != "" {
		r.CompanyID = &companyID
	}
	if webhook == "" {
		r.Notifiers.Emails = []string{"ops@partner.example"}
	}
	if err := s.CreateRule(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func newCompany(t *testing.T, s *store.Store, c *ledgersync.Client) *ledgersync.Company {
	t.Helper()
	co, err := s.CreateCompany(context.Background(), c, ledgersync.CompanyCreate{Name: "Shop"})
	if err != nil {
		t.Fatal(err)
	}
	return co
}

func ruleIDs(rules []*ledgersync.Rule) []string {
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.ID
	}
	return out
}

func TestRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := newClient(t, s, 0), newClient(t, s, 0)
		co := newCompany(t, s, a)
		all := newRule(t, s, a.ID, "", ledgersync.EventSyncCompleted, "https://hooks.partner.example/all")
		one := newRule(t, s, a.ID, co.ID, ledgersync.EventSyncFailed, "")
		newRule(t, s, b.ID, "", ledgersync.EventSyncCompleted, "https://hooks.other.example/")

		got, err := s.FindRuleByID(ctx, a.ID, one.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.CompanyID == nil || *got.CompanyID != co.ID || got.Type != ledgersync.EventSyncFailed ||
			len(got.Notifiers.Emails) != 1 || got.Notifiers.Webhook != "" || !got.Created.Equal(one.Created) {
			t.Fatalf("found %+v", got)
		}
		if got, _ := s.FindRuleByID(ctx, a.ID, all.ID); got.CompanyID != nil || got.Notifiers.Webhook != all.Notifiers.Webhook {
			t.Fatalf("rule for all companies read back as %+v", got)
		}
		for query, want := range map[string][]string{
			"":                   {all.ID, one.ID},
			`type="sync failed"`: {one.ID},
			"companyId=" + co.ID: {one.ID},
			`type~completed`:     {all.ID},
			`type="Sync Completed" || companyId=` + co.ID: {all.ID, one.ID},
		} {
			rules, total, err := s.FindRules(ctx, a.ID, ledgersync.ListOptions{Page: 1, PageSize: 10, Query: query})
			if err != nil {
				t.Fatalf("%q: %v", query, err)
			}
			if ids := ruleIDs(rules); total != len(want) || len(ids) != len(want) || (len(ids) > 0 && ids[0] != want[0]) {
				t.Errorf("%q: %v (total %d), want %v", query, ids, total, want)
			}
		}

		// Another client's rule and company are not found.
		if _, err := s.FindRuleByID(ctx, b.ID, all.ID); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("other client's rule: %v", err)
		}
		if err := s.DeleteRule(ctx, b.ID, all.ID); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("other client deleted: %v", err)
		}
		foreign := &ledgersync.Rule{ClientID: b.ID, Type: ledgersync.EventSyncFailed, CompanyID: &co.ID,
			Notifiers: ledgersync.Notifiers{Webhook: "https://hooks.other.example/"}}
		var fe *ledgersync.Error
		if err := s.CreateRule(ctx, foreign); !errors.As(err, &fe) || fe.Code != ledgersync.EInvalid || fe.Field != "companyId" {
			t.Fatalf("rule on another client's company: %v", err)
		}

		if err := s.DeleteRule(ctx, a.ID, all.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteRule(ctx, a.ID, all.ID); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("second delete: %v", err)
		}
	})
}

// A company's rules outlive it, so the events of its deletion reach them.
func TestDeletedCompanysEventsReachItsRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, _ := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai", "mqjo")
		r := newRule(t, s, c.ID, co.ID, ledgersync.EventSyncConnectionDeleted, "https://hooks.partner.example/")
		if _, err := s.LinkConnection(ctx, co.ID, co.Connections[1].ID, &ledgersync.Token{AccessToken: "a"}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteCompany(ctx, c.ID, co.ID); err != nil {
			t.Fatal(err)
		}
		ds, total, err := s.FindRuleDeliveries(ctx, c.ID, r.ID, ledgersync.ListOptions{Page: 1, PageSize: 10})
		if err != nil || total != 1 || ds[0].EventType != ledgersync.EventSyncConnectionDeleted || ds[0].CompanyID != co.ID {
			t.Fatalf("deliveries %v (total %d): %v", ds, total, err)
		}
	})
}
