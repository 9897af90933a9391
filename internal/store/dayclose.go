package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ledgersync/ledgersync"
)

// DayClose is what a sync records once a business day's documents are
// all written.
type DayClose struct {
	CompanyID string
	// Day is the business day, as 2006-01-02.
	Day string
	// Totals is what now stands posted for the day (the mapping's JSON).
	Totals []byte
	// Open, when not nil, replaces the company's open documents.
	Open []byte
	// Synced names, by data type, the record versions the day's documents
	// were made from.
	Synced map[string][]ledgersync.RecordHeader
}

// CloseDay records a day's totals, the open documents and the synced
// versions in one transaction: a crash leaves either all of it, so the
// day is done, or none, so the next attempt maps the day again against
// the same totals and writes the same documents.
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
		mark := markSynced
		if s.dialect.name == postgres.name {
			mark = markSyncedPostgres
		}
		for dataType, headers := range c.Synced {
			if err := mark(ctx, tx, dataType, c.CompanyID, headers); err != nil {
				return err
			}
		}
		return nil
	})
}

// markSyncedBatch is how many records one statement marks.
const markSyncedBatch = 300

// markSynced records that the named record versions are posted. A record
// changed since it was read keeps its old synced version, so the next
// sync posts the change.
func markSynced(ctx context.Context, tx *sql.Tx, dataType, companyID string, headers []ledgersync.RecordHeader) error {
	t, ok := datedTables[dataType]
	if !ok {
		return fmt.Errorf("store: mark synced: unknown data type %q", dataType)
	}
	cols, width := "(id, version)", 2
	if t.typed {
		cols, width = "(id, type, version)", 3
	}
	for len(headers) > 0 {
		batch := headers[:min(markSyncedBatch, len(headers))]
		headers = headers[len(batch):]
		tuples := make([]string, len(batch))
		args := make([]any, 0, 1+width*len(batch))
		args = append(args, companyID)
		for i, h := range batch {
			n := len(args) + 1
			if t.typed {
				tuples[i] = fmt.Sprintf("($%d, $%d, $%d)", n, n+1, n+2)
				args = append(args, h.ID, h.Type, dbTime(h.Version))
			} else {
				tuples[i] = fmt.Sprintf("($%d, $%d)", n, n+1)
				args = append(args, h.ID, dbTime(h.Version))
			}
		}
		q := `UPDATE ` + t.name + ` SET synced_version = version WHERE company_id = $1 AND ` + cols + ` IN (` + strings.Join(tuples, ", ") + `)`
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: mark synced in %s: %w", t.name, err)
		}
	}
	return nil
}

// markSyncedPostgres is markSynced in one statement: the versions go in
// as arrays and join the table on its key. (PostgreSQL's plans for long
// lists of row values scan the company's rows again for each statement.)
func markSyncedPostgres(ctx context.Context, tx *sql.Tx, dataType, companyID string, headers []ledgersync.RecordHeader) error {
	t, ok := datedTables[dataType]
	if !ok {
		return fmt.Errorf("store: mark synced: unknown data type %q", dataType)
	}
	ids, types, versions := make([]string, len(headers)), make([]string, len(headers)), make([]string, len(headers))
	for i, h := range headers {
		ids[i], types[i], versions[i] = h.ID, h.Type, dbTime(h.Version)
	}
	q := `UPDATE ` + t.name + ` AS t SET synced_version = t.version
		FROM unnest($2::text[], $3::timestamptz[], $4::text[]) AS v(id, version, type)
		WHERE t.company_id = $1 AND t.id = v.id AND t.version = v.version`
	if t.typed {
		q += ` AND t.type = v.type`
	}
	if _, err := tx.ExecContext(ctx, q, companyID, ids, versions, types); err != nil {
		return fmt.Errorf("store: mark synced in %s: %w", t.name, err)
	}
	return nil
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
		AND ((synced_version IS NULL AND NOT deleted) OR synced_version <> version)`, companyID, dbTime(from), dbTime(to))
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
