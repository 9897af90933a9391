package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ledgersync/ledgersync"
)

// Stored is how a record stands in storage.
type Stored struct {
	// Version is the record's version (SPEC §8.3).
	Version time.Time
	// Revision is the company's revision of the push that last changed
	// the record; Synced is the one the last sync posted, when Posted.
	Revision, Synced int64
	// Posted is set once a sync has posted some version of the record.
	Posted bool
	// Deleted is set when a sparse delete removed the record; the record
	// is then its last version.
	Deleted bool
}

// ScanFunc receives one stored record of a period. An error stops the
// scan and is returned.
type ScanFunc[T any] func(record *T, st Stored) error

// ScanOrders streams a company's orders whose createdDate is in
// [from, to), ordered by createdDate then id, deleted ones included. It
// reads one snapshot through the read pool, so a long sync neither sees
// half a push nor blocks one.
func (s *Store) ScanOrders(ctx context.Context, companyID string, from, to time.Time, fn ScanFunc[ledgersync.Order]) error {
	return scanDated(ctx, s, ledgersync.DataOrders, companyID, from, to, fn)
}

// ScanPayments streams a company's payments as ScanOrders does orders.
func (s *Store) ScanPayments(ctx context.Context, companyID string, from, to time.Time, fn ScanFunc[ledgersync.Payment]) error {
	return scanDated(ctx, s, ledgersync.DataPayments, companyID, from, to, fn)
}

// ScanTransactions streams a company's transactions as ScanOrders does
// orders, ordered by createdDate, id, then type.
func (s *Store) ScanTransactions(ctx context.Context, companyID string, from, to time.Time, fn ScanFunc[ledgersync.Transaction]) error {
	return scanDated(ctx, s, ledgersync.DataTransactions, companyID, from, to, fn)
}

func scanDated[T any](ctx context.Context, s *Store, dataType, companyID string, from, to time.Time, fn ScanFunc[T]) error {
	t := datedTables[dataType]
	rows, err := s.read.QueryContext(ctx, `SELECT record, version, revision, synced_revision, deleted FROM `+t.name+`
		WHERE company_id = $1 AND created_at >= $2 AND created_at < $3`+t.orderByKey(s.dialect.collate),
		companyID, dbTime(from), dbTime(to))
	if err != nil {
		return fmt.Errorf("store: scan %s of %s: %w", dataType, companyID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		var st Stored
		var synced sql.NullInt64
		if err := rows.Scan(&text, scanTime(&st.Version), &st.Revision, &synced, &st.Deleted); err != nil {
			return fmt.Errorf("store: scan %s of %s: %w", dataType, companyID, err)
		}
		st.Synced, st.Posted = synced.Int64, synced.Valid
		rec, err := decodeRecord[T](text)
		if err != nil {
			return err
		}
		if err := fn(rec, st); err != nil {
			return err
		}
	}
	return rows.Err()
}

// decodeRecord decodes a stored record into a new T.
func decodeRecord[T any](text string) (*T, error) {
	v := new(T)
	if err := json.Unmarshal([]byte(text), v); err != nil {
		return nil, fmt.Errorf("store: bad stored record: %w", err)
	}
	return v, nil
}

// FindPayments returns the current, not deleted, payments of a company
// with the given ids, whatever their dates: records of other days that a
// period's refunds and fees refer to.
func (s *Store) FindPayments(ctx context.Context, companyID string, ids []string) ([]ledgersync.Payment, error) {
	return findByID[ledgersync.Payment](ctx, s, "commerce_payments", companyID, ids)
}

// FindOrders returns the current, not deleted, orders with the given ids.
func (s *Store) FindOrders(ctx context.Context, companyID string, ids []string) ([]ledgersync.Order, error) {
	return findByID[ledgersync.Order](ctx, s, "commerce_orders", companyID, ids)
}

func findByID[T any](ctx context.Context, s *Store, table, companyID string, ids []string) ([]T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	marks, args := inList(3, ids)
	rows, err := s.read.QueryContext(ctx, `SELECT record FROM `+table+` WHERE company_id = $1 AND deleted = $2
		AND id IN (`+marks+`) ORDER BY id`, append([]any{companyID, false}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: find %s: %w", table, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return nil, fmt.Errorf("store: find %s: %w", table, err)
		}
		v, err := decodeRecord[T](text)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}
