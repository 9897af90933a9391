package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// fakeClock is a clock tests move by hand, shared by goroutines.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.ns.Load()).UTC() }
func (c *fakeClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

func startFlow(t *testing.T, s *store.Store, c *ledgersync.Client, merchant string) *ledgersync.FlowLink {
	t.Helper()
	l, err := s.StartFlow(context.Background(), c, ledgersync.FlowStart{
		CommerceKey: "lqai", AccountingKey: "mqjo", MerchantIdentifier: merchant})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func open(l *ledgersync.FlowLink, code string) ledgersync.LinkOpen {
	return ledgersync.LinkOpen{ClientID: l.ClientID, CommerceKey: l.CommerceKey, AccountingKey: l.AccountingKey,
		MerchantIdentifier: l.MerchantIdentifier, Token: l.Token, Code: code}
}

func withDBClock(t *testing.T, dialect string, clock *fakeClock) *store.Store {
	t.Helper()
	db := storetest.NewDatabase(t, dialect)
	db.Sealer = sealer(t, newKey())
	db.DBNow = clock.Now
	db.Now = clock.Now
	return storetest.OpenWith(t, db)
}

func TestLinkExpiresOnTheDatabaseClock(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			s := withDBClock(t, d, clock)
			c := newClient(t, s, 0)
			ctx := context.Background()

			fresh := startFlow(t, s, c, "M-1")
			clock.Advance(29 * time.Second)
			if _, _, err := s.OpenLink(ctx, open(fresh, fresh.Code)); err != nil {
				t.Fatalf("at t+29s: %v", err)
			}
			stale := startFlow(t, s, c, "M-2")
			clock.Advance(31 * time.Second)
			if _, _, err := s.OpenLink(ctx, open(stale, stale.Code)); !store.IsDeadLink(err) {
				t.Fatalf("at t+31s: %v, want a dead link", err)
			}
		})
	}
}

func TestLinkIsUsedExactlyOnceUnderConcurrency(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := newClient(t, s, 0)
		for round := range 5 {
			l := startFlow(t, s, c, "M-concurrent")
			var wins, dead atomic.Int32
			var wg sync.WaitGroup
			for range 200 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, token, err := s.OpenLink(context.Background(), open(l, l.Code))
					switch {
					case err == nil && token != "":
						wins.Add(1)
					case store.IsDeadLink(err):
						dead.Add(1)
					default:
						t.Errorf("unexpected: %v", err)
					}
				}()
			}
			wg.Wait()
			if wins.Load() != 1 || dead.Load() != 199 {
				t.Fatalf("round %d: %d sessions and %d refusals, want 1 and 199", round, wins.Load(), dead.Load())
			}
		}
	})
}

func TestWrongCodesBurnTheLink(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		l := startFlow(t, s, c, "M-burn")
		wrong := "000000"
		if l.Code == wrong {
			wrong = "111111"
		}
		for i := range ledgersync.LinkMaxFailures {
			if _, _, err := s.OpenLink(ctx, open(l, wrong)); err != store.ErrWrongCode {
				t.Fatalf("wrong code %d: %v", i+1, err)
			}
		}
		if _, _, err := s.OpenLink(ctx, open(l, l.Code)); !store.IsDeadLink(err) {
			t.Fatalf("right code after 5 wrong ones: %v, want a dead link", err)
		}
	})
}

func TestLinkCodeIsBoundToItsLink(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		a, b := startFlow(t, s, c, "M-a"), startFlow(t, s, c, "M-b")
		if a.Code == b.Code {
			t.Skip("the two codes collided (one in a million)")
		}
		if _, _, err := s.OpenLink(ctx, open(b, a.Code)); err != store.ErrWrongCode {
			t.Fatalf("link A's code on link B: %v", err)
		}
		mismatch := open(a, a.Code)
		mismatch.MerchantIdentifier = "M-b"
		if _, _, err := s.OpenLink(ctx, mismatch); !store.IsDeadLink(err) {
			t.Fatalf("link opened under another merchant identifier: %v", err)
		}
		sess, _, err := s.OpenLink(ctx, open(a, a.Code))
		if err != nil || sess.CompanyID != a.CompanyID || sess.ClientID != c.ID {
			t.Fatalf("open: %+v %v", sess, err)
		}
	})
}

func TestNewerLinkVoidsOlder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := newClient(t, s, 0)
		old := startFlow(t, s, c, "M-1")
		startFlow(t, s, c, "M-1")
		if _, _, err := s.OpenLink(context.Background(), open(old, old.Code)); !store.IsDeadLink(err) {
			t.Fatalf("older link still opens: %v", err)
		}
	})
}

func TestStartFlowCompaniesAndConnections(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		first := startFlow(t, s, c, "Café <Zoë>")
		again := startFlow(t, s, c, "Café <Zoë>")
		if first.CompanyID != again.CompanyID {
			t.Fatal("the same merchant identifier made two companies")
		}
		co, err := s.FindCompanyByID(ctx, c.ID, first.CompanyID)
		if err != nil {
			t.Fatal(err)
		}
		if co.Name != "Café Zoë" || co.MerchantIdentifier != "Café <Zoë>" || len(co.Connections) != 2 {
			t.Fatalf("company %+v", co)
		}
		byID := startFlow(t, s, c, co.ID)
		if byID.CompanyID != co.ID {
			t.Fatal("the company id is not matched as an identifier")
		}
		// A pending accounting connection to another platform is replaced.
		l, err := s.StartFlow(ctx, c, ledgersync.FlowStart{CommerceKey: "lqai", AccountingKey: "gbol", MerchantIdentifier: "Café <Zoë>"})
		if err != nil {
			t.Fatal(err)
		}
		co, _ = s.FindCompanyByID(ctx, c.ID, l.CompanyID)
		statuses := map[string]ledgersync.ConnectionStatus{}
		for _, conn := range co.Connections {
			statuses[conn.IntegrationKey] = conn.Status
		}
		if statuses["mqjo"] != ledgersync.StatusUnlinked || statuses["gbol"] != ledgersync.StatusPendingAuth || statuses["lqai"] != ledgersync.StatusLinked {
			t.Fatalf("after switching platform: %v", statuses)
		}
		anon := startFlow(t, s, c, "")
		if anon.MerchantIdentifier != anon.CompanyID {
			t.Fatalf("without an identifier the company id becomes it: %+v", anon)
		}
	})
}

func TestStartFlowRefusesLinkedOtherPlatform(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		l := startFlow(t, s, c, "M")
		co, _ := s.FindCompanyByID(ctx, c.ID, l.CompanyID)
		var acct string
		for _, conn := range co.Connections {
			if conn.IntegrationKey == "mqjo" {
				acct = conn.ID
			}
		}
		if _, err := s.LinkConnection(ctx, co.ID, acct, &ledgersync.Token{AccessToken: "a", TenantID: "t"}); err != nil {
			t.Fatal(err)
		}
		_, err := s.StartFlow(ctx, c, ledgersync.FlowStart{CommerceKey: "lqai", AccountingKey: "gbol", MerchantIdentifier: "M"})
		if ledgersync.ErrorMessage(err) != "Company is linked to mqjo; unlink it first" {
			t.Fatalf("switching a linked platform: %v", err)
		}
	})
}

func TestRateCounterSurvivesReopen(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			clock := newFakeClock()
			db := storetest.NewDatabase(t, d)
			db.Sealer, db.DBNow = sealer(t, newKey()), clock.Now
			s := storetest.OpenWith(t, db)
			for i := range 3 {
				if ok, _, err := s.Hit(ctx, "ip:127.0.0.1", 3); !ok || err != nil {
					t.Fatalf("hit %d: %v %v", i, ok, err)
				}
			}
			s.Close()
			s = storetest.OpenWith(t, db)
			ok, wait, err := s.Hit(ctx, "ip:127.0.0.1", 3)
			if ok || err != nil || wait <= 0 || wait > time.Minute {
				t.Fatalf("4th hit after a restart: ok=%v wait=%v err=%v", ok, wait, err)
			}
			clock.Advance(time.Minute)
			if ok, _, _ := s.Hit(ctx, "ip:127.0.0.1", 3); !ok {
				t.Fatal("a new window does not reset the count")
			}
		})
	}
}

func TestOAuthStateIsSingleUseBoundAndShortLived(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			clock := newFakeClock()
			s := withDBClock(t, d, clock)
			l := startFlow(t, s, newClient(t, s, 0), "M")
			req := store.OAuthRequest{CompanyID: l.CompanyID, ConnectionID: "conn", IntegrationKey: "mqjo", Verifier: "v-123"}
			fresh, err := s.CreateOAuthState(ctx, "session-a", req)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.ConsumeOAuthState(ctx, "session-b", fresh); err == nil {
				t.Fatal("a foreign session consumed the state")
			}
			got, err := s.ConsumeOAuthState(ctx, "session-a", fresh)
			if err != nil || *got != req {
				t.Fatalf("consume: %+v %v", got, err)
			}
			if _, err := s.ConsumeOAuthState(ctx, "session-a", fresh); err == nil {
				t.Fatal("a state was used twice")
			}
			stale, _ := s.CreateOAuthState(ctx, "session-a", req)
			clock.Advance(ledgersync.OAuthStateTTL + time.Second)
			if _, err := s.ConsumeOAuthState(ctx, "session-a", stale); err == nil {
				t.Fatal("a state older than ten minutes was accepted")
			}
		})
	}
}

func TestSessionTimeoutsAndRotation(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			clock := newFakeClock()
			s := withDBClock(t, d, clock)
			c := newClient(t, s, 0)
			l := startFlow(t, s, c, "M")
			_, token, err := s.OpenLink(ctx, open(l, l.Code))
			if err != nil {
				t.Fatal(err)
			}
			clock.Advance(59 * time.Minute)
			if _, err := s.FindSession(ctx, token); err != nil {
				t.Fatalf("within the idle timeout: %v", err)
			}
			rotated, err := s.RotateSession(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.FindSession(ctx, token); !store.IsNoSession(err) {
				t.Fatalf("old id after rotation: %v", err)
			}
			for range 8 { // keep it busy, under the idle timeout, past the absolute one
				clock.Advance(59 * time.Minute)
				_, err = s.FindSession(ctx, rotated)
			}
			if !store.IsNoSession(err) {
				t.Fatalf("after 8 hours: %v", err)
			}
			l2 := startFlow(t, s, c, "M2")
			_, idle, _ := s.OpenLink(ctx, open(l2, l2.Code))
			clock.Advance(61 * time.Minute)
			if _, err := s.FindSession(ctx, idle); !store.IsNoSession(err) {
				t.Fatalf("after 61 idle minutes: %v", err)
			}
		})
	}
}

func TestPruneRateCounters(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			clock := newFakeClock()
			s := withDBClock(t, d, clock)
			if _, _, err := s.Hit(ctx, "ip:old", 10); err != nil {
				t.Fatal(err)
			}
			clock.Advance(2 * time.Hour)
			if _, _, err := s.Hit(ctx, "ip:new", 10); err != nil {
				t.Fatal(err)
			}
			if err := s.PruneRateCounters(ctx); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM rate_counters`).Scan(&n); err != nil || n != 1 {
				t.Fatalf("%d counters left, want the recent one: %v", n, err)
			}
		})
	}
}
