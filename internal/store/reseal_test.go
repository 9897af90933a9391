package store_test

import (
	"context"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/secret"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func newKey() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k)
	return k
}

func sealer(t *testing.T, key []byte, previous ...[]byte) *secret.Sealer {
	t.Helper()
	s, err := secret.New(key, previous...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestResealUnderANewKey(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := storetest.NewDatabase(t, d)
			oldKey, newKey := newKey(), newKey()

			db.Sealer = sealer(t, oldKey)
			s := storetest.OpenWith(t, db)
			c := newClient(t, s, 0)
			p, err := s.FindProfile(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			p.AlertAuthHeader = "Bearer hook"
			if _, err := s.UpdateProfile(ctx, p, true); err != nil {
				t.Fatal(err)
			}
			co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, ledgersync.KeyPartnerCommerce)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetConnectionCredentials(ctx, c.ID, co.ID, co.Connections[0].ID, map[string]string{"token": "t"}); err != nil {
				t.Fatal(err)
			}
			before, err := s.FindProfile(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()

			db.Sealer = sealer(t, newKey, oldKey)
			s = storetest.OpenWith(t, db)
			n, err := s.Reseal(ctx)
			if err != nil || n != 5 {
				t.Fatalf("Reseal = %d, %v; want 5 values (4 secrets and the key check)", n, err)
			}
			if n, err := s.Reseal(ctx); err != nil || n != 0 {
				t.Fatalf("second Reseal = %d, %v; want 0", n, err)
			}
			s.Close()

			db.Sealer = sealer(t, newKey)
			s = storetest.OpenWith(t, db)
			after, err := s.FindProfile(ctx, c.ID)
			if err != nil {
				t.Fatalf("profile after reseal, without the old key: %v", err)
			}
			if after.AlertAuthHeader != "Bearer hook" || after.WebhookSecret != before.WebhookSecret ||
				after.PreviousWebhookSecret != before.PreviousWebhookSecret {
				t.Fatalf("secrets changed by the reseal: %+v vs %+v", after, before)
			}
		})
	}
}

func TestSealedValueMovedToAnotherRowDoesNotOpen(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := newClient(t, s, 0), newClient(t, s, 0)
		_, err := s.DB().ExecContext(ctx, `UPDATE profiles SET webhook_secret_sealed =
			(SELECT webhook_secret_sealed FROM profiles WHERE client_id = $1) WHERE client_id = $2`, a.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindProfile(ctx, b.ID); err == nil {
			t.Fatal("a secret copied from another row opened")
		}
	})
}

func TestWrongKeyRefusedAtStart(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := storetest.NewDatabase(t, d)
			db.Sealer = sealer(t, newKey())
			storetest.OpenWith(t, db).Close()

			db.Sealer = sealer(t, newKey())
			s, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.CheckKey(ctx); !errors.Is(err, store.ErrWrongKey) {
				t.Fatalf("CheckKey with another key: %v", err)
			}
		})
	}
}
