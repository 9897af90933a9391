package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

// CreateClient creates a client with a default profile named after it and
// a fresh webhook secret.
func (s *Store) CreateClient(ctx context.Context, name string, companyLimit int) (*ledgersync.Client, error) {
	c := &ledgersync.Client{ID: uuid.NewString(), Name: name, Created: s.clock(), CompanyLimit: companyLimit}
	p := &ledgersync.Profile{ClientID: c.ID, Name: name}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO clients (id, name, created_at, company_limit) VALUES ($1, $2, $3, $4)`,
			c.ID, c.Name, dbTime(c.Created), c.CompanyLimit)
		if err != nil {
			return fmt.Errorf("store: create client: %w", err)
		}
		return s.insertProfile(ctx, tx, p)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

const clientColumns = `id, name, created_at, disabled, company_limit, disabled_integrations`

func scanClient(row interface{ Scan(...any) error }) (*ledgersync.Client, error) {
	var c ledgersync.Client
	err := row.Scan(&c.ID, &c.Name, scanTime(&c.Created), &c.Disabled, &c.CompanyLimit, jsonScan{&c.DisabledIntegrations})
	return &c, err
}

// FindClientByID returns a client, or ENotFound.
func (s *Store) FindClientByID(ctx context.Context, id string) (*ledgersync.Client, error) {
	c, err := scanClient(s.read.QueryRowContext(ctx, `SELECT `+clientColumns+` FROM clients WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Client %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find client %s: %w", id, err)
	}
	return c, nil
}

// UpdateClient changes a client's operator settings.
func (s *Store) UpdateClient(ctx context.Context, id string, u ledgersync.ClientUpdate) (*ledgersync.Client, error) {
	c, err := s.FindClientByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.Name != nil {
		c.Name = *u.Name
	}
	if u.Disabled != nil {
		c.Disabled = *u.Disabled
	}
	if u.CompanyLimit != nil {
		c.CompanyLimit = *u.CompanyLimit
	}
	if u.DisabledIntegrations != nil {
		c.DisabledIntegrations = *u.DisabledIntegrations
	}
	_, err = s.db.ExecContext(ctx, `UPDATE clients SET name = $2, disabled = $3, company_limit = $4, disabled_integrations = $5 WHERE id = $1`,
		c.ID, c.Name, c.Disabled, c.CompanyLimit, jsonText(nonNil(c.DisabledIntegrations)))
	if err != nil {
		return nil, fmt.Errorf("store: update client %s: %w", id, err)
	}
	return c, nil
}

// nonNil turns a nil slice into an empty one so it encodes as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
