package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DayClose is what a sync records once a business day's documents are
// all written.
type DayClose struct {
	CompanyID string
	// Day is the business day, as 2006-01-02, and [From, To) its instants.
	Day      string
	From, To time.Time
	// Finish is the sync's finish: records created at or after it were
	// left out unless a sync had posted them before.
	Finish time.Time
	// Totals is what now stands posted for the day (the mapping's JSON).
	Totals []byte
	// Open, when not nil, replaces the company's open documents.
	Open []byte
	// Read is, by data type, the highest revision the day's scan read:
	// anything written later is left for the next sync.
	Read map[string]int64
}

// CloseDay records a day's totals, the open documents and that the day's
// records are posted, in one transaction: a crash leaves either all of
// it, so the day is done, or none, so the next attempt maps the day again
// against the same totals and writes the same documents. It holds no list
// of records: what the scan read is named by its range and revisions.
func (s *Store) CloseDay(ctx context.Context, c *DayClose) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO posted_totals (company_id, business_day, totals) VALUES ($1, $2, $3)
			ON CONFLICT (company_id, business_day) DO UPDATE SET totals = excluded.totals`, c.CompanyID, c.Day, string(c.Totals))
		if err != nil {
			return fmt.Errorf("store: save posted totals: %w", err)
		}
		if c.Open != nil {
			_, err := tx.ExecContext(ctx, `INSERT INTO open_documents (company_id, documents) VALUES ($1, $2)
				ON CONFLICT (company_id) DO UPDATE SET documents = excluded.documents`, c.CompanyID, string(c.Open))
			if err != nil {
				return fmt.Errorf("store: save open documents: %w", err)
			}
		}
		for dataType, read := range c.Read {
			t, ok := datedTables[dataType]
			if !ok {
				return fmt.Errorf("store: close day: unknown data type %q", dataType)
			}
			_, err := tx.ExecContext(ctx, `UPDATE `+t.name+` SET synced_revision = revision
				WHERE company_id = $1 AND created_at >= $2 AND created_at < $3 AND revision <= $4
				AND (created_at < $5 OR synced_revision IS NOT NULL) AND (synced_revision IS NULL OR synced_revision < revision)`,
				c.CompanyID, dbTime(c.From), dbTime(c.To), read, dbTime(c.Finish))
			if err != nil {
				return fmt.Errorf("store: mark synced in %s: %w", t.name, err)
			}
		}
		return nil
	})
}

// OpenDocuments returns the company's open documents as the last closed
// day left them, nil when none were recorded.
func (s *Store) OpenDocuments(ctx context.Context, companyID string) ([]byte, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, `SELECT documents FROM open_documents WHERE company_id = $1`, companyID).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: open documents: %w", err)
	}
	return []byte(doc), nil
}

// DirtyDates streams the createdDate of each record of a company in
// [from, to) that a sync has to post: not synced yet (deletes of records
// never synced aside), or changed since it was.
func (s *Store) DirtyDates(ctx context.Context, dataType, companyID string, from, to time.Time, fn func(time.Time) error) error {
	t, ok := datedTables[dataType]
	if !ok {
		return fmt.Errorf("store: dirty dates: unknown data type %q", dataType)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT created_at FROM `+t.name+`
		WHERE company_id = $1 AND created_at >= $2 AND created_at < $3
		AND ((synced_revision IS NULL AND NOT deleted) OR synced_revision < revision)`, companyID, dbTime(from), dbTime(to))
	if err != nil {
		return fmt.Errorf("store: dirty dates of %s: %w", t.name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var created time.Time
		if err := rows.Scan(scanTime(&created)); err != nil {
			return fmt.Errorf("store: dirty dates of %s: %w", t.name, err)
		}
		if err := fn(created); err != nil {
			return err
		}
	}
	return rows.Err()
}
