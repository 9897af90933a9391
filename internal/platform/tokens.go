// Package platform connects companies to their accounting platforms: it
// holds the platforms by integration key and hands out token sources
// that refresh, rotate and persist OAuth tokens safely.
package platform

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
)

// refreshMargin is how long before expiry a token is refreshed.
const refreshMargin = time.Minute

// tokenSource is a connection's token: cached in memory, refreshed under
// the store's per-connection lock so that of many callers in many
// processes exactly one uses the rotating refresh token.
type tokenSource struct {
	store        *store.Store
	platform     ledgersync.Platform
	connectionID string
	now          func() time.Time

	mu     sync.Mutex
	cached *ledgersync.Token
}

// Token returns a token valid for at least refreshMargin. A refusal of
// the refresh token de-authorizes the connection.
func (s *tokenSource) Token(ctx context.Context) (*ledgersync.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fresh(s.cached) {
		return s.cached, nil
	}
	t, err := s.store.UpdateToken(ctx, s.connectionID, func(current *ledgersync.Token) (*ledgersync.Token, error) {
		if s.fresh(current) {
			return current, nil
		}
		return s.platform.Refresh(ctx, current)
	})
	var pe *ledgersync.PlatformError
	if errors.As(err, &pe) && pe.Kind == ledgersync.PlatformReauthorize {
		if _, derr := s.store.DeauthorizeConnection(ctx, s.connectionID, "401", pe.Message); derr != nil {
			return nil, errors.Join(err, derr)
		}
	}
	if err != nil {
		return nil, err
	}
	s.cached = t
	return t, nil
}

func (s *tokenSource) fresh(t *ledgersync.Token) bool {
	return t != nil && t.AccessToken != "" && t.Expiry.After(s.now().Add(refreshMargin))
}
