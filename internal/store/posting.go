package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

const postingColumns = `id, company_id, sync_id, reference, kind, idempotency_key, business_day, currency, document,
	status, attempts, platform_id, error`

func scanPosting(row interface{ Scan(...any) error }) (*ledgersync.Posting, error) {
	var p ledgersync.Posting
	var doc string
	var platformID, errText sql.NullString
	err := row.Scan(&p.ID, &p.CompanyID, &p.SyncID, &p.Reference, &p.Kind, &p.IdempotencyKey, &p.BusinessDay,
		&p.Currency, &doc, &p.Status, &p.Attempts, &platformID, &errText)
	p.Document, p.PlatformID, p.Error = []byte(doc), platformID.String, errText.String
	return &p, err
}

// PlanPostings records the documents a sync means to write, in one
// transaction, and returns the ledger's entry for each reference: a
// reference already in the ledger keeps its entry (and its outcome), so a
// retried or overlapping sync never plans a document twice.
func (s *Store) PlanPostings(ctx context.Context, planned []*ledgersync.Posting) ([]*ledgersync.Posting, error) {
	out := make([]*ledgersync.Posting, 0, len(planned))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := dbTime(s.clock())
		for _, p := range planned {
			_, err := tx.ExecContext(ctx, `INSERT INTO postings (id, company_id, sync_id, reference, kind, idempotency_key,
				business_day, currency, document, status, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT (company_id, reference) DO NOTHING`,
				uuid.NewString(), p.CompanyID, p.SyncID, p.Reference, p.Kind, p.IdempotencyKey, p.BusinessDay, p.Currency,
				string(p.Document), ledgersync.PostingPlanned, now)
			if err != nil {
				return fmt.Errorf("store: plan posting %s: %w", p.Reference, err)
			}
			got, err := scanPosting(tx.QueryRowContext(ctx, `SELECT `+postingColumns+` FROM postings
				WHERE company_id = $1 AND reference = $2`, p.CompanyID, p.Reference))
			if err != nil {
				return fmt.Errorf("store: plan posting %s: %w", p.Reference, err)
			}
			out = append(out, got)
		}
		return nil
	})
	return out, err
}

// MarkAttempt records that a posting is about to be sent, so a crash
// before its answer is recorded leaves it marked as of unknown outcome.
func (s *Store) MarkAttempt(ctx context.Context, id string) error {
	return s.updatePosting(ctx, `UPDATE postings SET attempts = attempts + 1, updated_at = $2 WHERE id = $1`, id)
}

// MarkPosted records the platform's id of a written document.
func (s *Store) MarkPosted(ctx context.Context, id, platformID string) error {
	return s.updatePosting(ctx, `UPDATE postings SET status = '`+ledgersync.PostingPosted+`', updated_at = $2,
		platform_id = $3, error = NULL WHERE id = $1`, id, platformID)
}

// MarkFailed records the platform's refusal of a document.
func (s *Store) MarkFailed(ctx context.Context, id, message string) error {
	return s.updatePosting(ctx, `UPDATE postings SET status = '`+ledgersync.PostingFailed+`', updated_at = $2,
		error = $3 WHERE id = $1`, id, message)
}

// RetryPosting makes a failed posting planned again, with a new document
// when the data changed.
func (s *Store) RetryPosting(ctx context.Context, id string, document []byte, key string) error {
	return s.updatePosting(ctx, `UPDATE postings SET status = '`+ledgersync.PostingPlanned+`', updated_at = $2,
		document = $3, idempotency_key = $4, attempts = 0, error = NULL WHERE id = $1`, id, string(document), key)
}

func (s *Store) updatePosting(ctx context.Context, query, id string, args ...any) error {
	all := append([]any{id, dbTime(s.clock())}, args...)
	if _, err := s.db.ExecContext(ctx, query, all...); err != nil {
		return fmt.Errorf("store: update posting %s: %w", id, err)
	}
	return nil
}

// Postings returns a company's ledger entries for a sync, in reference
// order.
func (s *Store) Postings(ctx context.Context, companyID, syncID string) ([]*ledgersync.Posting, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+postingColumns+` FROM postings WHERE company_id = $1 AND sync_id = $2
		ORDER BY reference`, companyID, syncID)
	if err != nil {
		return nil, fmt.Errorf("store: postings: %w", err)
	}
	defer rows.Close()
	var out []*ledgersync.Posting
	for rows.Next() {
		p, err := scanPosting(rows)
		if err != nil {
			return nil, fmt.Errorf("store: postings: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
