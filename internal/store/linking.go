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
		return s.recordChange(ctx, tx, change)
	})
	return change, err
}

// ConnectionToken opens a connection's stored OAuth token.
func (s *Store) ConnectionToken(ctx context.Context, connectionID string) (*ledgersync.Token, error) {
	return s.readToken(ctx, s.read, connectionID)
}

// DeauthorizeConnection records that the platform refused the grant: the
// connection becomes Deauthorized, its token is dropped, and an Active
// error entry explains why. A connection no longer Linked is left alone.
func (s *Store) DeauthorizeConnection(ctx context.Context, connectionID, statusCode, message string) (*ledgersync.ConnectionStatusChange, error) {
	var change *ledgersync.ConnectionStatusChange
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := scanConnection(tx.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM connections WHERE id = $1`, connectionID))
		if err != nil {
			return connectionNotFound(connectionID)
		}
		change = &ledgersync.ConnectionStatusChange{Connection: c, OldStatus: c.Status, NewStatus: ledgersync.StatusDeauthorized}
		if c.Status != ledgersync.StatusLinked {
			change.NewStatus = c.Status
			return nil
		}
		c.Status = ledgersync.StatusDeauthorized
		c.Errors = append(c.Errors, ledgersync.ConnectionError{StatusCode: statusCode, StatusText: "Unauthorized",
			ErrorMessage: message, ErroredOn: s.clock(), Status: "Active"})
		_, err = tx.ExecContext(ctx, `UPDATE connections SET status = $2, errors = $3, credentials_sealed = NULL WHERE id = $1`,
			c.ID, c.Status, jsonText(c.Errors))
		if err != nil {
			return fmt.Errorf("store: deauthorize connection %s: %w", c.ID, err)
		}
		return s.recordChange(ctx, tx, change)
	})
	return change, err
}

// recordChange writes the events of a connection's status change.
func (s *Store) recordChange(ctx context.Context, tx *sql.Tx, ch *ledgersync.ConnectionStatusChange) error {
	clientID, err := clientOfCompany(ctx, tx, ch.Connection.CompanyID)
	if err != nil {
		return err
	}
	return s.insertEvents(ctx, tx, ledgersync.ConnectionEvents(clientID, ch))
}
