package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ledgersync/ledgersync"
)

// Answer is a stored answer to a request made with an Idempotency-Key.
type Answer struct {
	Status      int
	ContentType string
	Body        []byte
}

// The refusals of a reused Idempotency-Key (SPEC W7).
var (
	ErrKeyReused    = ledgersync.Errorf(ledgersync.EMismatch, "Idempotency-Key was already used with another request.")
	ErrKeyInFlight  = ledgersync.Errorf(ledgersync.EConflict, "A request with this Idempotency-Key is still in progress.")
	abandonedAfter  = 5 * time.Minute // an unanswered key older than this was abandoned by a dead process
	idempotencyKept = 24 * time.Hour
)

// BeginIdempotent claims an Idempotency-Key for a request. It returns nil
// when the caller is to carry the request out (and then Finish or Abandon
// it), the stored answer when the same request was answered before,
// ErrKeyReused when the key came with another request, and ErrKeyInFlight
// while the first request is still being carried out.
func (s *Store) BeginIdempotent(ctx context.Context, clientID, key, fingerprint string) (*Answer, error) {
	var answer *Answer
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.clock()
		res, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (client_id, idem_key, fingerprint, created_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (client_id, idem_key) DO NOTHING`, clientID, key, fingerprint, dbTime(now))
		if err != nil {
			return fmt.Errorf("store: claim idempotency key: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		answer, err = s.storedAnswer(ctx, tx, clientID, key, fingerprint, now)
		return err
	})
	return answer, err
}

// storedAnswer reads what a claimed key holds.
func (s *Store) storedAnswer(ctx context.Context, tx *sql.Tx, clientID, key, fingerprint string, now time.Time) (*Answer, error) {
	var stored, contentType string
	var status sql.NullInt64
	var sealed []byte
	var created time.Time
	err := tx.QueryRowContext(ctx, `SELECT fingerprint, status, content_type, body, created_at FROM idempotency_keys
		WHERE client_id = $1 AND idem_key = $2`, clientID, key).Scan(&stored, &status, &contentType, &sealed, scanTime(&created))
	switch {
	case err != nil:
		return nil, fmt.Errorf("store: read idempotency key: %w", err)
	case !status.Valid && now.Sub(created) < abandonedAfter:
		return nil, ErrKeyInFlight
	case stored != fingerprint:
		return nil, ErrKeyReused
	case !status.Valid: // abandoned: this request takes it over
		_, err := tx.ExecContext(ctx, `UPDATE idempotency_keys SET created_at = $3 WHERE client_id = $1 AND idem_key = $2`,
			clientID, key, dbTime(now))
		return nil, err
	}
	body, err := s.sealer.Open(sealed, aad("idempotency_keys", clientID+"/"+key, "body"))
	if err != nil {
		return nil, fmt.Errorf("store: open idempotent answer: %w", err)
	}
	return &Answer{Status: int(status.Int64), ContentType: contentType, Body: body}, nil
}

// FinishIdempotent stores the answer to replay for a claimed key.
func (s *Store) FinishIdempotent(ctx context.Context, clientID, key string, a *Answer) error {
	sealed := s.sealer.Seal(a.Body, aad("idempotency_keys", clientID+"/"+key, "body"))
	_, err := s.db.ExecContext(ctx, `UPDATE idempotency_keys SET status = $3, content_type = $4, body = $5
		WHERE client_id = $1 AND idem_key = $2`, clientID, key, a.Status, a.ContentType, sealed)
	if err != nil {
		return fmt.Errorf("store: keep idempotent answer: %w", err)
	}
	return nil
}

// AbandonIdempotent frees a claimed key whose request failed in a way
// worth retrying (a 5XX), so that a retry with the key is carried out.
func (s *Store) AbandonIdempotent(ctx context.Context, clientID, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE client_id = $1 AND idem_key = $2 AND status IS NULL`,
		clientID, key)
	if err != nil {
		return fmt.Errorf("store: abandon idempotency key: %w", err)
	}
	return nil
}

// PruneIdempotencyKeys forgets keys older than 24 hours.
func (s *Store) PruneIdempotencyKeys(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < $1`, dbTime(s.clock().Add(-idempotencyKept)))
	if err != nil {
		return fmt.Errorf("store: prune idempotency keys: %w", err)
	}
	return nil
}
