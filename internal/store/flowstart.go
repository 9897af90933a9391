package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

// StartFlow prepares a merchant's start link in one transaction: it finds
// or creates the company (by its id, then by merchant identifier), gives
// it a Linked commerce connection and an accounting connection for the
// requested platform, and issues a link. Nothing is created when any step
// is refused. Keys and the redirect URL must be validated by the caller.
func (s *Store) StartFlow(ctx context.Context, client *ledgersync.Client, in ledgersync.FlowStart) (*ledgersync.FlowLink, error) {
	link := &ledgersync.FlowLink{ClientID: client.ID, CommerceKey: in.CommerceKey, AccountingKey: in.AccountingKey,
		MerchantIdentifier: in.MerchantIdentifier, RedirectURL: in.RedirectURL}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		companyID, err := s.flowCompany(ctx, tx, client, in.MerchantIdentifier)
		if err != nil {
			return err
		}
		link.CompanyID = companyID
		if link.MerchantIdentifier == "" {
			link.MerchantIdentifier = companyID
		}
		if err := s.ensureFlowConnections(ctx, tx, client, companyID, in); err != nil {
			return err
		}
		return s.insertLink(ctx, tx, link)
	})
	if err != nil {
		return nil, err
	}
	return link, nil
}

// flowCompany finds the client's company whose id or merchant identifier
// is the given identifier, or creates one named after it. Without an
// identifier every call creates a company whose id becomes its identifier.
func (s *Store) flowCompany(ctx context.Context, tx *sql.Tx, client *ledgersync.Client, merchant string) (string, error) {
	if merchant != "" {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM companies WHERE client_id = $1 AND (id = $2 OR merchant_identifier = $2)
			ORDER BY CASE WHEN id = $2 THEN 0 ELSE 1 END LIMIT 1`, client.ID, merchant).Scan(&id)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("store: find company by merchant identifier: %w", err)
		}
	}
	if err := checkCompanyLimit(ctx, tx, client); err != nil {
		return "", err
	}
	in := ledgersync.CompanyCreate{Name: ledgersync.SanitizeCompanyName(merchant), MerchantIdentifier: merchant}
	if err := in.Validate(); err != nil {
		return "", err
	}
	id := uuid.NewString()
	if merchant == "" {
		merchant = id
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO companies (id, client_id, name, merchant_identifier, created_at)
		VALUES ($1, $2, $3, $4, $5)`, id, client.ID, in.Name, merchant, dbTime(s.clock()))
	if err != nil {
		return "", fmt.Errorf("store: create company: %w", err)
	}
	return id, nil
}

// ensureFlowConnections gives the company a Linked commerce connection and
// an active accounting connection for the requested platform. A pending
// connection to another platform is replaced; a linked one refuses.
func (s *Store) ensureFlowConnections(ctx context.Context, tx *sql.Tx, client *ledgersync.Client, companyID string, in ledgersync.FlowStart) error {
	active, err := activeConnections(ctx, tx, companyID)
	if err != nil {
		return err
	}
	if _, ok := active[ledgersync.SourceCommerce]; !ok {
		if err := s.addConnection(ctx, tx, client, companyID, in.CommerceKey); err != nil {
			return err
		}
	}
	acct, ok := active[ledgersync.SourceAccounting]
	switch {
	case ok && acct.IntegrationKey == in.AccountingKey:
		return nil
	case ok && acct.Status == ledgersync.StatusLinked:
		return ledgersync.Errorf(ledgersync.EInvalid, "Company is linked to %s; unlink it first", acct.IntegrationKey)
	case ok:
		if _, err := tx.ExecContext(ctx, `UPDATE connections SET status = $2 WHERE id = $1`, acct.ID, ledgersync.StatusUnlinked); err != nil {
			return fmt.Errorf("store: replace pending connection: %w", err)
		}
		change := &ledgersync.ConnectionStatusChange{Connection: acct, OldStatus: acct.Status, NewStatus: ledgersync.StatusUnlinked}
		if err := s.insertEvents(ctx, tx, ledgersync.ConnectionEvents(client.ID, change)); err != nil {
			return err
		}
		if err := resetPlatformSelections(ctx, tx, companyID); err != nil {
			return err
		}
	}
	return s.addConnection(ctx, tx, client, companyID, in.AccountingKey)
}

func (s *Store) addConnection(ctx context.Context, tx *sql.Tx, client *ledgersync.Client, companyID, key string) error {
	c, err := s.newConnection(client, companyID, key)
	if err != nil {
		return err
	}
	return insertConnection(ctx, tx, c)
}

// activeConnections returns the company's PendingAuth or Linked
// connection of each source type.
func activeConnections(ctx context.Context, tx *sql.Tx, companyID string) (map[ledgersync.SourceType]*ledgersync.Connection, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+connectionColumns+` FROM connections WHERE company_id = $1 AND status IN ($2, $3)`,
		companyID, ledgersync.StatusPendingAuth, ledgersync.StatusLinked)
	if err != nil {
		return nil, fmt.Errorf("store: active connections: %w", err)
	}
	defer rows.Close()
	out := map[ledgersync.SourceType]*ledgersync.Connection{}
	for rows.Next() {
		c, err := scanConnection(rows)
		if err != nil {
			return nil, fmt.Errorf("store: active connections: %w", err)
		}
		out[c.SourceType] = c
	}
	return out, rows.Err()
}

// resetPlatformSelections forgets what was chosen on the old platform:
// switching platform clears the configuration (SPEC §4, step 3).
func resetPlatformSelections(ctx context.Context, tx *sql.Tx, companyID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_configurations WHERE company_id = $1`, companyID); err != nil {
		return fmt.Errorf("store: reset configuration: %w", err)
	}
	return nil
}
