package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/ledgersync/ledgersync"
)

// tokenAAD binds a connection's sealed OAuth token to its row.
func tokenAAD(connectionID string) string { return aad("connections", connectionID, "credentials") }

// LinkConnection stores a connection's OAuth token, sealed, records the
// tenant in its connection info, and sets it Linked. Errors recorded
// while it was de-authorized are marked resolved.
func (s *Store) LinkConnection(ctx context.Context, companyID, connectionID string, t *ledgersync.Token) (*ledgersync.ConnectionStatusChange, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("store: encode token: %w", err)
	}
	var change *ledgersync.ConnectionStatusChange
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := scanConnection(tx.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM connections WHERE id = $1 AND company_id = $2`,
			connectionID, companyID))
		if err != nil {
			return connectionNotFound(connectionID)
		}
		if !c.Status.Active() && c.Status != ledgersync.StatusDeauthorized {
			return ledgersync.Errorf(ledgersync.EConflict, "This connection was removed. Please start again from %s.", "your partner")
		}
		change = &ledgersync.ConnectionStatusChange{Connection: c, OldStatus: c.Status, NewStatus: ledgersync.StatusLinked}
		c.Status = ledgersync.StatusLinked
		c.Info = map[string]string{"tenantId": t.TenantID, "tenantName": t.TenantName}
		now := s.clock()
		for i := range c.Errors {
			if c.Errors[i].Status == "Active" {
				c.Errors[i].Status, c.Errors[i].ResolvedOn = "Resolved", &now
			}
		}
		var errs any
		if c.Errors != nil {
			errs = jsonText(c.Errors)
		}
		_, err = tx.ExecContext(ctx, `UPDATE connections SET status = $2, connection_info = $3, errors = $4,
			credentials_sealed = $5 WHERE id = $1`, c.ID, c.Status, jsonText(c.Info), errs, s.sealer.Seal(b, tokenAAD(c.ID)))
		if err != nil {
			return fmt.Errorf("store: link connection %s: %w", c.ID, err)
		}
		return nil
	})
	return change, err
}

// ConnectionToken opens a connection's stored OAuth token.
func (s *Store) ConnectionToken(ctx context.Context, connectionID string) (*ledgersync.Token, error) {
	var sealed []byte
	if err := s.read.QueryRowContext(ctx, `SELECT credentials_sealed FROM connections WHERE id = $1`, connectionID).Scan(&sealed); err != nil {
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
