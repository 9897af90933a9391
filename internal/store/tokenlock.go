package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/ledgersync/ledgersync"
)

// tokenLocks serialises token refreshes within this process.
var tokenLocks sync.Map // connection id → *sync.Mutex

// UpdateToken runs fn with the connection's current token while holding
// the connection's refresh lock, and stores the token fn returns, if any.
// The lock is a mutex in this process and, on PostgreSQL, an advisory
// lock as well, so replicas refresh one at a time and each sees the token
// the previous one stored: a rotated refresh token is used exactly once.
func (s *Store) UpdateToken(ctx context.Context, connectionID string, fn func(current *ledgersync.Token) (*ledgersync.Token, error)) (*ledgersync.Token, error) {
	mu, _ := tokenLocks.LoadOrStore(connectionID, &sync.Mutex{})
	mu.(*sync.Mutex).Lock()
	defer mu.(*sync.Mutex).Unlock()
	if s.dialect == sqlite {
		return s.updateToken(ctx, nil, connectionID, fn)
	}
	var out *ledgersync.Token
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, "token:"+connectionID); err != nil {
			return fmt.Errorf("store: lock token: %w", err)
		}
		var err error
		out, err = s.updateToken(ctx, tx, connectionID, fn)
		return err
	})
	return out, err
}

func (s *Store) updateToken(ctx context.Context, tx *sql.Tx, connectionID string, fn func(*ledgersync.Token) (*ledgersync.Token, error)) (*ledgersync.Token, error) {
	var q querier = s.db
	if tx != nil {
		q = tx
	}
	current, err := s.readToken(ctx, q, connectionID)
	if err != nil {
		return nil, err
	}
	next, err := fn(current)
	if err != nil || next == nil || next == current {
		return current, err
	}
	b, err := json.Marshal(next)
	if err != nil {
		return nil, fmt.Errorf("store: encode token: %w", err)
	}
	if _, err := q.ExecContext(ctx, `UPDATE connections SET credentials_sealed = $2 WHERE id = $1`,
		connectionID, s.sealer.Seal(b, tokenAAD(connectionID))); err != nil {
		return nil, fmt.Errorf("store: store token of %s: %w", connectionID, err)
	}
	return next, nil
}

func (s *Store) readToken(ctx context.Context, q querier, connectionID string) (*ledgersync.Token, error) {
	var sealed []byte
	if err := q.QueryRowContext(ctx, `SELECT credentials_sealed FROM connections WHERE id = $1`, connectionID).Scan(&sealed); err != nil {
		return nil, fmt.Errorf("store: find token of %s: %w", connectionID, err)
	}
	if sealed == nil {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Connection %s has no token.", connectionID)
	}
	b, err := s.sealer.Open(sealed, tokenAAD(connectionID))
	if err != nil {
		return nil, fmt.Errorf("store: open token of %s: %w", connectionID, err)
	}
	var t ledgersync.Token
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("store: decode token of %s: %w", connectionID, err)
	}
	return &t, nil
}
