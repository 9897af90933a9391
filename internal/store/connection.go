package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/query"
)

var connectionList = listable{
	"id":             {query.String, "id"},
	"integrationKey": {query.String, "integration_key"},
	"sourceType":     {query.String, "source_type"},
	"status":         {query.String, "status"},
	"created":        {query.Time, "created_at"},
}

const connectionColumns = `id, company_id, integration_key, source_type, status, created_at, last_sync_at, connection_info, errors`

func scanConnection(row interface{ Scan(...any) error }) (*ledgersync.Connection, error) {
	var c ledgersync.Connection
	err := row.Scan(&c.ID, &c.CompanyID, &c.IntegrationKey, &c.SourceType, &c.Status, scanTime(&c.Created),
		scanNullTime(&c.LastSync), jsonScan{&c.Info}, jsonScan{&c.Errors})
	return &c, err
}

func connectionNotFound(id string) error {
	return ledgersync.Errorf(ledgersync.ENotFound, "Connection %s not found.", id)
}

// attachConnections loads the connections of several companies at once.
func (s *Store) attachConnections(ctx context.Context, companies []*ledgersync.Company) error {
	if len(companies) == 0 {
		return nil
	}
	byID := make(map[string]*ledgersync.Company, len(companies))
	ids := make([]string, len(companies))
	for i, c := range companies {
		c.Connections = []*ledgersync.Connection{}
		byID[c.ID] = c
		ids[i] = c.ID
	}
	marks, args := inList(1, ids)
	rows, err := s.read.QueryContext(ctx, `SELECT `+connectionColumns+` FROM connections WHERE company_id IN (`+
		marks+`) ORDER BY created_at, id`, args...)
	if err != nil {
		return fmt.Errorf("store: load connections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		conn, err := scanConnection(rows)
		if err != nil {
			return fmt.Errorf("store: load connections: %w", err)
		}
		byID[conn.CompanyID].Connections = append(byID[conn.CompanyID].Connections, conn)
	}
	return rows.Err()
}

// companyOwned checks that a company belongs to the client.
func (s *Store) companyOwned(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, clientID, companyID string) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM companies WHERE id = $1 AND client_id = $2`, companyID, clientID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return companyNotFound(companyID)
	}
	if err != nil {
		return fmt.Errorf("store: find company %s: %w", companyID, err)
	}
	return nil
}

// FindConnections returns one page of a company's connections and the
// number matching the query.
func (s *Store) FindConnections(ctx context.Context, clientID, companyID string, o ledgersync.ListOptions) ([]*ledgersync.Connection, int, error) {
	if err := s.companyOwned(ctx, s.read, clientID, companyID); err != nil {
		return nil, 0, err
	}
	l, err := s.buildList(connectionList, o, 1)
	if err != nil {
		return nil, 0, err
	}
	return findPage(ctx, s, page{name: "connections", columns: connectionColumns, from: "connections", scope: "company_id = $1",
		arg: companyID, list: l, opts: o}, scanConnection)
}

// FindConnectionByID returns one connection of one of the client's
// companies, or ENotFound.
func (s *Store) FindConnectionByID(ctx context.Context, clientID, companyID, id string) (*ledgersync.Connection, error) {
	return s.findConnection(ctx, s.read, clientID, companyID, id)
}

func (s *Store) findConnection(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, clientID, companyID, id string) (*ledgersync.Connection, error) {
	if err := s.companyOwned(ctx, q, clientID, companyID); err != nil {
		return nil, err
	}
	c, err := scanConnection(q.QueryRowContext(ctx, `SELECT `+connectionColumns+` FROM connections WHERE id = $1 AND company_id = $2`, id, companyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, connectionNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find connection %s: %w", id, err)
	}
	return c, nil
}

// CreateConnection adds a connection to a platform: Linked for the partner
// commerce integration (the API key is the authority), PendingAuth for
// accounting platforms, which the flow links.
func (s *Store) CreateConnection(ctx context.Context, client *ledgersync.Client, companyID, key string) (*ledgersync.Connection, error) {
	c, err := s.newConnection(client, companyID, key)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.companyOwned(ctx, tx, client.ID, companyID); err != nil {
			return err
		}
		return insertConnection(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// newConnection checks that the integration exists and is enabled for the
// client, and returns a connection in its starting status.
func (s *Store) newConnection(client *ledgersync.Client, companyID, key string) (*ledgersync.Connection, error) {
	in := ledgersync.FindIntegration(key)
	if in == nil {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Integration %s not found.", key)
	}
	if !client.IntegrationEnabled(in.Key) {
		return nil, ledgersync.FieldError("platformKey", "Integration %s is not enabled", in.Key)
	}
	c := &ledgersync.Connection{ID: uuid.NewString(), CompanyID: companyID, IntegrationKey: in.Key,
		SourceType: in.SourceType, Status: ledgersync.StatusPendingAuth, Created: s.clock()}
	if in.SourceType == ledgersync.SourceCommerce {
		c.Status = ledgersync.StatusLinked
	}
	return c, nil
}

func insertConnection(ctx context.Context, tx *sql.Tx, c *ledgersync.Connection) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO connections (id, company_id, integration_key, source_type, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, c.ID, c.CompanyID, c.IntegrationKey, c.SourceType, c.Status, dbTime(c.Created))
	if isUniqueViolation(err, "connections_one_active") {
		return ledgersync.FieldError("platformKey", "Company already has an active %s connection", c.SourceType)
	}
	if err != nil {
		return fmt.Errorf("store: create connection: %w", err)
	}
	return nil
}

// UnlinkConnection sets a connection Unlinked and forgets its credentials,
// recording the events the change causes. Unlinking an Unlinked
// connection changes nothing.
func (s *Store) UnlinkConnection(ctx context.Context, clientID, companyID, id string) (*ledgersync.ConnectionStatusChange, error) {
	var change *ledgersync.ConnectionStatusChange
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := s.findConnection(ctx, tx, clientID, companyID, id)
		if err != nil {
			return err
		}
		change = &ledgersync.ConnectionStatusChange{Connection: c, OldStatus: c.Status, NewStatus: ledgersync.StatusUnlinked}
		if !change.Changed() {
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE connections SET status = $2, credentials_sealed = NULL WHERE id = $1`, id, ledgersync.StatusUnlinked)
		if err != nil {
			return fmt.Errorf("store: unlink connection %s: %w", id, err)
		}
		c.Status = ledgersync.StatusUnlinked
		return s.insertEvents(ctx, tx, ledgersync.ConnectionEvents(clientID, change))
	})
	return change, err
}

// SetConnectionCredentials stores credentials for a connection, sealed; they
// are never returned by the API.
func (s *Store) SetConnectionCredentials(ctx context.Context, clientID, companyID, id string, creds map[string]string) (*ledgersync.Connection, error) {
	b, err := json.Marshal(creds)
	if err != nil {
		return nil, fmt.Errorf("store: encode credentials: %w", err)
	}
	var c *ledgersync.Connection
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if c, err = s.findConnection(ctx, tx, clientID, companyID, id); err != nil {
			return err
		}
		sealed := s.sealer.Seal(b, aad("connections", id, "credentials"))
		if _, err := tx.ExecContext(ctx, `UPDATE connections SET credentials_sealed = $2 WHERE id = $1`, id, sealed); err != nil {
			return fmt.Errorf("store: set credentials of %s: %w", id, err)
		}
		return nil
	})
	return c, err
}
