package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func TestIdempotencyKeyLifecycle(t *testing.T) {
	t.Parallel()
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
			clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
			advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
			s := storetest.Open(t, dialect, storetest.Options{Now: clock})
			ctx := context.Background()
			c := newClient(t, s, 0)
			begin := func(fp string) (*store.Answer, error) { return s.BeginIdempotent(ctx, c.ID, "k", fp) }
			if a, err := begin("f1"); a != nil || err != nil {
				t.Fatalf("first claim: %v, %v", a, err)
			}
			if _, err := begin("f1"); !errors.Is(err, store.ErrKeyInFlight) {
				t.Fatalf("while in flight: %v", err)
			}
			advance(6 * time.Minute) // the first process died without answering
			if a, err := begin("f1"); a != nil || err != nil {
				t.Fatalf("taking over an abandoned key: %v, %v", a, err)
			}
			if err := s.FinishIdempotent(ctx, c.ID, "k", &store.Answer{Status: 200, ContentType: "application/json", Body: []byte(`{"whsec":"x"}`)}); err != nil {
				t.Fatal(err)
			}
			if a, err := begin("f1"); err != nil || a == nil || a.Status != 200 || string(a.Body) != `{"whsec":"x"}` {
				t.Fatalf("replay: %+v, %v", a, err)
			}
			var raw []byte
			if err := s.DB().QueryRowContext(ctx, `SELECT body FROM idempotency_keys WHERE client_id = $1`, c.ID).Scan(&raw); err != nil || string(raw) == `{"whsec":"x"}` {
				t.Fatalf("the stored answer is not sealed: %q, %v", raw, err)
			}
			if _, err := begin("f2"); !errors.Is(err, store.ErrKeyReused) {
				t.Fatalf("another request with the key: %v", err)
			}
			advance(25 * time.Hour)
			if err := s.PruneIdempotencyKeys(ctx); err != nil {
				t.Fatal(err)
			}
			if a, err := begin("f2"); a != nil || err != nil {
				t.Fatalf("after a day the key is free: %v, %v", a, err)
			}
		})
	}
}
