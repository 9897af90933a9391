package platform_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// rotatingPlatform is an authorization server that rotates refresh tokens
// and revokes the old one at once, counting refreshes.
type rotatingPlatform struct {
	mu        sync.Mutex
	current   string
	refreshes atomic.Int32
	refuse    bool
}

func (p *rotatingPlatform) Key() string                                     { return "mqjo" }
func (p *rotatingPlatform) AuthorizeURL(_, _, _ string) string              { return "" }
func (p *rotatingPlatform) Revoke(context.Context, *ledgersync.Token) error { return nil }
func (p *rotatingPlatform) Exchange(context.Context, string, string, string) (*ledgersync.Token, error) {
	return nil, nil
}

func (p *rotatingPlatform) Refresh(_ context.Context, t *ledgersync.Token) (*ledgersync.Token, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.refuse || t.RefreshToken != p.current {
		return nil, &ledgersync.PlatformError{Kind: ledgersync.PlatformReauthorize, Message: "invalid_grant"}
	}
	n := p.refreshes.Add(1)
	p.current = fmt.Sprintf("refresh-%d", n)
	time.Sleep(20 * time.Millisecond) // a real round trip takes time; let callers pile up
	return &ledgersync.Token{AccessToken: fmt.Sprintf("access-%d", n), RefreshToken: p.current,
		Expiry: time.Now().Add(30 * time.Minute), TenantID: t.TenantID}, nil
}

// tokenConnector exposes its token source, which is all these tests need.
type tokenConnector struct {
	ledgersync.Connector
	tokens ledgersync.TokenSource
}

func (p *rotatingPlatform) Connect(ts ledgersync.TokenSource) ledgersync.Connector {
	return tokenConnector{tokens: ts}
}

// linkedConnection makes a company whose sandbox connection holds an
// expired token.
func linkedConnection(t *testing.T, s *store.Store, p *rotatingPlatform) string {
	t.Helper()
	ctx := context.Background()
	c, err := s.CreateClient(ctx, "Partner", 0)
	if err != nil {
		t.Fatal(err)
	}
	co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai", "mqjo")
	if err != nil {
		t.Fatal(err)
	}
	conn := co.Connections[1].ID
	p.current = "refresh-0"
	_, err = s.LinkConnection(ctx, co.ID, conn, &ledgersync.Token{AccessToken: "access-0", RefreshToken: "refresh-0",
		Expiry: time.Now().Add(-time.Second), TenantID: "org-1"})
	if err != nil {
		t.Fatal(err)
	}
	return conn
}

func TestRefreshHappensOnceAcrossCallersAndProcesses(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			db := storetest.NewDatabase(t, d)
			db.Sealer = storetest.Sealer(t)
			one, two := storetest.OpenWith(t, db), storetest.OpenWith(t, db) // two processes' pools
			p := &rotatingPlatform{}
			conn := linkedConnection(t, one, p)
			registries := []*platform.Registry{platform.NewRegistry(one, nil, p), platform.NewRegistry(two, nil, p)}
			var wg sync.WaitGroup
			var ok atomic.Int32
			for i := range 50 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					c, _ := registries[i%2].Connector("mqjo", conn)
					tok, err := c.(tokenConnector).tokens.Token(context.Background())
					if err != nil {
						t.Errorf("caller %d: %v", i, err)
						return
					}
					if tok.AccessToken == "access-1" {
						ok.Add(1)
					}
				}()
			}
			wg.Wait()
			if n := p.refreshes.Load(); n != 1 || ok.Load() != 50 {
				t.Fatalf("%d refreshes and %d callers with the new token; want 1 and 50", n, ok.Load())
			}
		})
	}
}

func TestRefusedRefreshDeauthorizes(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := &rotatingPlatform{refuse: true}
		conn := linkedConnection(t, s, p)
		c, _ := platform.NewRegistry(s, nil, p).Connector("mqjo", conn)
		if _, err := c.(tokenConnector).tokens.Token(ctx); err == nil {
			t.Fatal("a refused refresh returned a token")
		}
		var status string
		if err := s.DB().QueryRowContext(ctx, `SELECT status FROM connections WHERE id = $1`, conn).Scan(&status); err != nil {
			t.Fatal(err)
		}
		if status != "Deauthorized" {
			t.Fatalf("status %s", status)
		}
		if _, err := s.ConnectionToken(ctx, conn); err == nil {
			t.Fatal("the refused token was kept")
		}
	})
}
