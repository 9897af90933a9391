package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

// commerceWriters store the records of each data type in a push's
// transaction.
var commerceWriters = map[string]func(ctx context.Context, s *Store, tx *sql.Tx, ds *ledgersync.Dataset, recs []ledgersync.PushedRecord) error{
	ledgersync.DataOrders:            datedTables[ledgersync.DataOrders].write,
	ledgersync.DataPayments:          datedTables[ledgersync.DataPayments].write,
	ledgersync.DataTransactions:      datedTables[ledgersync.DataTransactions].write,
	ledgersync.DataProductCategories: writeCatalogue,
	ledgersync.DataLocations:         writeCatalogue,
	ledgersync.DataTaxComponents:     writeCatalogue,
}

// PushCommerceData stores one validated push of dataType to a client's
// company, with its Complete dataset, in one transaction, so a sync never
// sees half a push (SPEC §3.6). The company must have an active commerce
// connection (else EInvalid). Dated records follow SPEC §8.3: the same
// version again changes nothing, a newer one replaces the record (and
// revives a deleted one), an older one is ignored, a sparse delete marks
// the record deleted. A catalogue push replaces the whole set. Pushes to
// one company are serialised: SQLite has one writer, and PostgreSQL takes
// an advisory lock on the company.
func (s *Store) PushCommerceData(ctx context.Context, clientID, companyID, dataType string, recs []ledgersync.PushedRecord) (*ledgersync.Dataset, error) {
	write := commerceWriters[dataType]
	if write == nil {
		return nil, fmt.Errorf("store: push: unknown data type %q", dataType)
	}
	now := s.clock()
	ds := &ledgersync.Dataset{ID: uuid.NewString(), CompanyID: companyID, DataType: dataType,
		Status: ledgersync.DatasetComplete, Requested: now, Completed: now}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if ds.ConnectionID, err = s.lockCommerce(ctx, tx, clientID, companyID); err != nil {
			return err
		}
		if err := write(ctx, s, tx, ds, recs); err != nil {
			return fmt.Errorf("store: push %s to %s: %w", dataType, companyID, err)
		}
		return insertDataset(ctx, tx, ds)
	})
	if err != nil {
		return nil, err
	}
	return ds, nil
}

// lockCommerce checks the company and its commerce connection, whose id it
// returns, and on PostgreSQL holds the company's push lock until the
// transaction ends.
func (s *Store) lockCommerce(ctx context.Context, tx *sql.Tx, clientID, companyID string) (string, error) {
	if err := s.companyOwned(ctx, tx, clientID, companyID); err != nil {
		return "", err
	}
	if s.dialect == postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`, "commerce:"+companyID); err != nil {
			return "", fmt.Errorf("store: lock commerce data of %s: %w", companyID, err)
		}
	}
	return commerceConnection(ctx, tx, companyID)
}

// CommerceConnectionID returns the id of the active commerce connection
// of a client's company: ENotFound for another client's company, EInvalid
// when there is none. A push checks it again in its transaction.
func (s *Store) CommerceConnectionID(ctx context.Context, clientID, companyID string) (string, error) {
	if err := s.companyOwned(ctx, s.read, clientID, companyID); err != nil {
		return "", err
	}
	return commerceConnection(ctx, s.read, companyID)
}

func commerceConnection(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, companyID string) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT id FROM connections WHERE company_id = $1 AND integration_key = $2 AND status IN ($3, $4)`,
		companyID, ledgersync.KeyPartnerCommerce, ledgersync.StatusPendingAuth, ledgersync.StatusLinked).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ledgersync.Errorf(ledgersync.EInvalid, "Company has no commerce connection")
	}
	if err != nil {
		return "", fmt.Errorf("store: find commerce connection of %s: %w", companyID, err)
	}
	return id, nil
}

const datasetColumns = `id, company_id, connection_id, data_type, status, requested_at, completed_at`

func insertDataset(ctx context.Context, tx *sql.Tx, ds *ledgersync.Dataset) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO datasets (`+datasetColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		ds.ID, ds.CompanyID, ds.ConnectionID, ds.DataType, ds.Status, dbTime(ds.Requested), dbTime(ds.Completed))
	if err != nil {
		return fmt.Errorf("store: record dataset: %w", err)
	}
	return nil
}

// FindDataset returns one dataset of a client's company, or ENotFound.
func (s *Store) FindDataset(ctx context.Context, clientID, companyID, id string) (*ledgersync.Dataset, error) {
	if err := s.companyOwned(ctx, s.read, clientID, companyID); err != nil {
		return nil, err
	}
	var ds ledgersync.Dataset
	err := s.read.QueryRowContext(ctx, `SELECT `+datasetColumns+` FROM datasets WHERE id = $1 AND company_id = $2`, id, companyID).
		Scan(&ds.ID, &ds.CompanyID, &ds.ConnectionID, &ds.DataType, &ds.Status, scanTime(&ds.Requested), scanTime(&ds.Completed))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Dataset %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find dataset %s: %w", id, err)
	}
	return &ds, nil
}

// rowsPerInsert is how many rows one INSERT of a push carries. PostgreSQL
// gains from few round trips. SQLite looks each $n parameter up by a
// linear scan, so a statement's cost grows with the square of its
// parameters, and small statements, prepared once, are fastest.
func (s *Store) rowsPerInsert() int {
	if s.dialect == sqlite {
		return 16
	}
	return 500
}

// insertMany runs head + VALUES + tail over n rows, rowsPerInsert at a
// time. Each row takes the shared parameters ($1…) and per parameters of
// its own, which rowArgs appends for row i. The statement of a full chunk
// is prepared once.
func (s *Store) insertMany(ctx context.Context, tx *sql.Tx, head, tail string, shared []any, per, n int,
	rowArgs func(i int, args []any) []any) error {
	chunk := s.rowsPerInsert()
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	for start := 0; start < n; start += chunk {
		size := min(chunk, n-start)
		args := append(make([]any, 0, len(shared)+size*per), shared...)
		for i := start; i < start+size; i++ {
			args = rowArgs(i, args)
		}
		q := head + valuesList(size, len(shared), per) + tail
		var err error
		switch {
		case size < chunk || n == chunk:
			_, err = tx.ExecContext(ctx, q, args...)
		case full == nil:
			if full, err = tx.PrepareContext(ctx, q); err == nil {
				_, err = full.ExecContext(ctx, args...)
			}
		default:
			_, err = full.ExecContext(ctx, args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// valuesList writes n rows of VALUES, each starting with the shared
// parameters $1…$shared and followed by per fresh ones.
func valuesList(n, shared, per int) string {
	b := make([]byte, 0, n*(shared+per)*6)
	for i := range n {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '(')
		for p := 1; p <= shared+per; p++ {
			if p > 1 {
				b = append(b, ", "...)
			}
			k := p
			if p > shared {
				k += i * per
			}
			b = append(b, '$')
			b = strconv.AppendInt(b, int64(k), 10)
		}
		b = append(b, ')')
	}
	return string(b)
}
