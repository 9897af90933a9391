package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func newClient(t *testing.T, s *store.Store, limit int) *ledgersync.Client {
	t.Helper()
	c, err := s.CreateClient(context.Background(), "Partner", limit)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCompanyLimit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 2)
		for i := range 2 {
			if _, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: fmt.Sprintf("Shop %d", i)}); err != nil {
				t.Fatal(err)
			}
		}
		_, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "One too many"})
		if ledgersync.ErrorCode(err) != ledgersync.ELimit {
			t.Fatalf("third company: %v, want the limit error", err)
		}
		if _, n, _ := s.FindCompanies(ctx, c.ID, ledgersync.ListOptions{Page: 1, PageSize: 10}); n != 2 {
			t.Fatalf("%d companies after a refused create", n)
		}
	})
}

func TestMerchantIdentifierIsUniquePerClient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := newClient(t, s, 0), newClient(t, s, 0)
		in := ledgersync.CompanyCreate{Name: "Shop", MerchantIdentifier: "M-1"}
		if _, err := s.CreateCompany(ctx, a, in); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateCompany(ctx, a, in); ledgersync.ErrorCode(err) != ledgersync.EInvalid {
			t.Fatalf("duplicate merchant identifier: %v", err)
		}
		if _, err := s.CreateCompany(ctx, b, in); err != nil {
			t.Fatalf("another client's identical identifier: %v", err)
		}
		// Companies without an identifier never collide.
		for range 2 {
			if _, err := s.CreateCompany(ctx, a, ledgersync.CompanyCreate{Name: "No id"}); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestDeleteCompanyCascades(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"})
		if err != nil {
			t.Fatal(err)
		}
		conn, err := s.CreateConnection(ctx, c, co.ID, "lqai")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteCompany(ctx, c.ID, co.ID); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM connections WHERE id = $1`, conn.ID).Scan(&n); err != nil || n != 0 {
			t.Fatalf("connection rows left: %d %v", n, err)
		}
	})
}

func TestConcurrentConnectionCreatesKeepOneActive(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"})
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 8)
		for _, key := range []string{"gbol", "qhyg", "mqjo", "gbol", "qhyg", "mqjo", "gbol", "qhyg"} {
			go func() {
				_, err := s.CreateConnection(ctx, c, co.ID, key)
				errs <- err
			}()
		}
		ok := 0
		for range 8 {
			err := <-errs
			switch {
			case err == nil:
				ok++
			case ledgersync.ErrorCode(err) != ledgersync.EInvalid:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d active accounting connections created, want 1", ok)
		}
	})
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		seen := map[string]bool{}
		for range store.MaxAPIKeys {
			key, err := s.CreateAPIKey(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(key) != ledgersync.APIKeyLength || seen[key] {
				t.Fatalf("key %q", key)
			}
			seen[key] = true
			got, err := s.Authenticate(ctx, key)
			if err != nil || got.ID != c.ID {
				t.Fatalf("Authenticate: %v %v", got, err)
			}
		}
		if _, err := s.CreateAPIKey(ctx, c.ID); ledgersync.ErrorCode(err) != ledgersync.EConflict {
			t.Fatalf("key beyond the maximum: %v", err)
		}
		if _, err := s.CreateAPIKey(ctx, "00000000-0000-4000-8000-000000000000"); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("key for an unknown client: %v", err)
		}
		if _, err := s.Authenticate(ctx, "x"); ledgersync.ErrorCode(err) != ledgersync.EUnauthorized {
			t.Fatalf("bad key: %v", err)
		}
	})
}
