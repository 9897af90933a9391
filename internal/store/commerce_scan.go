package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ledgersync/ledgersync"
)

// ScanFunc receives one stored record of a period: synced is the version
// the last sync posted (nil if none), current the stored version, and
// deleted whether a sparse delete removed it (record is then its last
// version). An error stops the scan and is returned.
type ScanFunc[T any] func(record *T, synced *time.Time, current time.Time, deleted bool) error

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
	rows, err := s.read.QueryContext(ctx, `SELECT record, synced_version, version, deleted FROM `+t.name+`
		WHERE company_id = $1 AND created_at >= $2 AND created_at < $3`+t.orderByKey(s.dialect.collate),
		companyID, dbTime(from), dbTime(to))
	if err != nil {
		return fmt.Errorf("store: scan %s of %s: %w", dataType, companyID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		var synced *time.Time
		var current time.Time
		var deleted bool
		if err := rows.Scan(&text, scanNullTime(&synced), scanTime(&current), &deleted); err != nil {
			return fmt.Errorf("store: scan %s of %s: %w", dataType, companyID, err)
		}
		rec, err := decodeRecord[T](text)
		if err != nil {
			return err
		}
		if err := fn(rec, synced, current, deleted); err != nil {
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
