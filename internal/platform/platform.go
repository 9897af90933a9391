package platform

import (
	"context"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
)

// Registry holds the accounting platforms by integration key.
type Registry struct {
	store     *store.Store
	platforms map[string]ledgersync.Platform
	now       func() time.Time
}

// NewRegistry returns a registry of the given platforms.
func NewRegistry(s *store.Store, now func() time.Time, platforms ...ledgersync.Platform) *Registry {
	if now == nil {
		now = time.Now
	}
	r := &Registry{store: s, platforms: map[string]ledgersync.Platform{}, now: now}
	for _, p := range platforms {
		r.platforms[p.Key()] = p
	}
	return r
}

// Platforms returns the platforms by key.
func (r *Registry) Platforms() map[string]ledgersync.Platform { return r.platforms }

// Connector returns a connector for a linked connection of the platform.
func (r *Registry) Connector(key, connectionID string) (ledgersync.Connector, bool) {
	p, ok := r.platforms[key]
	if !ok {
		return nil, false
	}
	return p.Connect(&tokenSource{store: r.store, platform: p, connectionID: connectionID, now: r.now}), true
}

// Revoke ends a linked connection's grant at its platform, best effort:
// the connection is being unlinked whatever the platform answers.
func (r *Registry) Revoke(ctx context.Context, conn *ledgersync.Connection) error {
	p, ok := r.platforms[conn.IntegrationKey]
	if !ok || conn.Status != ledgersync.StatusLinked {
		return nil
	}
	t, err := r.store.ConnectionToken(ctx, conn.ID)
	if err != nil {
		return err
	}
	return p.Revoke(ctx, t)
}
