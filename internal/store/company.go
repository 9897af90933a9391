package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/query"
)

var companyList = listable{
	"id":                 {query.String, "id"},
	"name":               {query.String, "name"},
	"created":            {query.Time, "created_at"},
	"merchantIdentifier": {query.String, "merchant_identifier"},
}

const companyColumns = `id, client_id, name, description, merchant_identifier, tags, created_at, last_sync_at`

func scanCompany(row interface{ Scan(...any) error }) (*ledgersync.Company, error) {
	var c ledgersync.Company
	var merchant sql.NullString
	err := row.Scan(&c.ID, &c.ClientID, &c.Name, &c.Description, &merchant, jsonScan{&c.Tags},
		scanTime(&c.Created), scanNullTime(&c.LastSync))
	c.MerchantIdentifier = merchant.String
	return &c, err
}

// CreateCompany creates a company of a client, within the client's
// company limit (ELimit) and with a unique merchant identifier (EInvalid),
// together with connections to the given integrations, all or nothing.
func (s *Store) CreateCompany(ctx context.Context, client *ledgersync.Client, in ledgersync.CompanyCreate, integrationKeys ...string) (*ledgersync.Company, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	c := &ledgersync.Company{ID: uuid.NewString(), ClientID: client.ID, Name: in.Name, Description: in.Description,
		MerchantIdentifier: in.MerchantIdentifier, Tags: in.Tags, Created: s.clock(), Connections: []*ledgersync.Connection{}}
	if c.Tags == nil {
		c.Tags = map[string]string{}
	}
	for _, key := range integrationKeys {
		conn, err := s.newConnection(client, c.ID, key)
		if err != nil {
			return nil, err
		}
		c.Connections = append(c.Connections, conn)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkCompanyLimit(ctx, tx, client); err != nil {
			return err
		}
		var merchant any
		if c.MerchantIdentifier != "" {
			merchant = c.MerchantIdentifier
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO companies (id, client_id, name, description, merchant_identifier, tags, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.ID, c.ClientID, c.Name, c.Description, merchant, jsonText(c.Tags), dbTime(c.Created))
		if isUniqueViolation(err, "companies_merchant") {
			return ledgersync.FieldError("merchantIdentifier", "A company with merchantIdentifier %q already exists.", c.MerchantIdentifier)
		}
		if err != nil {
			return fmt.Errorf("store: create company: %w", err)
		}
		for _, conn := range c.Connections {
			if err := insertConnection(ctx, tx, conn); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func checkCompanyLimit(ctx context.Context, tx *sql.Tx, client *ledgersync.Client) error {
	if client.CompanyLimit <= 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM companies WHERE client_id = $1`, client.ID).Scan(&n); err != nil {
		return fmt.Errorf("store: count companies: %w", err)
	}
	if n >= client.CompanyLimit {
		return ledgersync.Errorf(ledgersync.ELimit, "Company limit of %d reached.", client.CompanyLimit)
	}
	return nil
}

// FindCompanyByID returns one of a client's companies with its
// connections, or ENotFound: another client's company is not found.
func (s *Store) FindCompanyByID(ctx context.Context, clientID, id string) (*ledgersync.Company, error) {
	c, err := scanCompany(s.read.QueryRowContext(ctx, `SELECT `+companyColumns+` FROM companies WHERE id = $1 AND client_id = $2`, id, clientID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, companyNotFound(id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find company %s: %w", id, err)
	}
	if err := s.attachConnections(ctx, []*ledgersync.Company{c}); err != nil {
		return nil, err
	}
	return c, nil
}

func companyNotFound(id string) error {
	return ledgersync.Errorf(ledgersync.ENotFound, "Company %s not found.", id)
}

// FindCompanies returns one page of a client's companies, with their
// connections, and the number of companies matching the query.
func (s *Store) FindCompanies(ctx context.Context, clientID string, o ledgersync.ListOptions) ([]*ledgersync.Company, int, error) {
	l, err := s.buildList(companyList, o, 1)
	if err != nil {
		return nil, 0, err
	}
	companies, total, err := findPage(ctx, s, page{name: "companies", columns: companyColumns, from: "companies",
		scope: "client_id = $1", arg: clientID, list: l, opts: o}, scanCompany)
	if err != nil {
		return nil, 0, err
	}
	return companies, total, s.attachConnections(ctx, companies)
}

// DeleteCompany deletes a company and, by cascade, everything it owns.
// Its active connections stop, with their events, which outlive it.
func (s *Store) DeleteCompany(ctx context.Context, clientID, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.companyOwned(ctx, tx, clientID, id); err != nil {
			return err
		}
		active, err := activeConnections(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, c := range active {
			change := &ledgersync.ConnectionStatusChange{Connection: c, OldStatus: c.Status, NewStatus: ledgersync.StatusUnlinked}
			if err := s.insertEvents(ctx, tx, ledgersync.ConnectionEvents(clientID, change)); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM companies WHERE id = $1 AND client_id = $2`, id, clientID); err != nil {
			return fmt.Errorf("store: delete company %s: %w", id, err)
		}
		return nil
	})
}
