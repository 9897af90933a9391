package platform

import (
	"context"
	"time"

	"github.com/ledgersync/ledgersync"
)

// SnapshotMaxAge is how old platform data may be before a read of the
// configuration refreshes it (SPEC §6.1).
const SnapshotMaxAge = 15 * time.Minute

// Snapshot is a tenant's accounting data, as the configuration's options
// need it.
type Snapshot struct {
	Organisation *ledgersync.Organisation
	Accounts     []ledgersync.Account
	TaxRates     []ledgersync.TaxRate
	Contacts     []ledgersync.Contact
}

// Snapshot returns a linked connection's platform data, read again from
// the platform when the stored copy is older than maxAge (zero: always).
func (r *Registry) Snapshot(ctx context.Context, conn *ledgersync.Connection, maxAge time.Duration) (*Snapshot, error) {
	var snap Snapshot
	fetched, ok, err := r.store.FindSnapshot(ctx, conn.ID, &snap)
	if err != nil {
		return nil, err
	}
	if ok && maxAge > 0 && r.store.Clock().Sub(fetched) < maxAge {
		return &snap, nil
	}
	fresh, err := r.readSnapshot(ctx, conn)
	if err != nil {
		return nil, err
	}
	return fresh, r.store.SaveSnapshot(ctx, conn.ID, fresh)
}

func (r *Registry) readSnapshot(ctx context.Context, conn *ledgersync.Connection) (*Snapshot, error) {
	c, ok := r.Connector(conn.IntegrationKey, conn.ID)
	if !ok {
		return nil, ledgersync.Errorf(ledgersync.EInternal, "platform %s is not configured", conn.IntegrationKey)
	}
	var s Snapshot
	var err error
	if s.Organisation, err = c.Organisation(ctx); err != nil {
		return nil, err
	}
	if s.Accounts, err = c.Accounts(ctx); err != nil {
		return nil, err
	}
	if s.TaxRates, err = c.TaxRates(ctx); err != nil {
		return nil, err
	}
	if s.Contacts, err = c.Contacts(ctx); err != nil {
		return nil, err
	}
	return &s, nil
}

// CreateAccount adds an account on the platform and forgets the stored
// snapshot, so the next read lists it.
func (r *Registry) CreateAccount(ctx context.Context, conn *ledgersync.Connection, a ledgersync.AccountCreate) (*ledgersync.Account, error) {
	c, ok := r.Connector(conn.IntegrationKey, conn.ID)
	if !ok {
		return nil, ledgersync.Errorf(ledgersync.EInternal, "platform %s is not configured", conn.IntegrationKey)
	}
	acct, err := c.CreateAccount(ctx, a)
	if err != nil {
		return nil, err
	}
	_, err = r.Snapshot(ctx, conn, 0)
	return acct, err
}
