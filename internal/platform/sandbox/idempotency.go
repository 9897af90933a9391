package sandbox

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
)

// errKeyRaced means another request with the same Idempotency-Key
// committed while this one ran; this one rolled back.
var errKeyRaced = errors.New("sandbox: idempotency key used concurrently")

// requestHash identifies a write: method, path and body.
func requestHash(r *http.Request, body []byte) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s %s\n", r.Method, r.URL.Path)
	h.Write(body)
	return h.Sum(nil)
}

// replay returns the stored response for the call's key, nil when the key
// is new, or a validation error when the key came with another request.
func (s *Sandbox) replay(c *call) (*reply, error) {
	var hash, body []byte
	var status int
	err := s.read.QueryRowContext(c.r.Context(), `SELECT request_hash, status, body FROM sandbox_idempotency
		WHERE org_id = $1 AND idem_key = $2`, c.org.ID, c.idemKey).Scan(&hash, &status, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: idempotency key: %w", err)
	}
	if !bytes.Equal(hash, c.reqHash) {
		return nil, invalidMessage("The Idempotency-Key " + c.idemKey +
			" was already used with a different request. Use a new key for a new request.")
	}
	return &reply{status: status, body: body}, nil
}

// commit runs a write in one transaction and, when the call has an
// Idempotency-Key, stores the response with it in the same transaction,
// so the change and its replay are kept or lost together.
func (s *Sandbox) commit(c *call, fn func(ctx context.Context, tx *sql.Tx) (*reply, error)) (*reply, error) {
	ctx := c.r.Context()
	var rep *reply
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if rep, err = fn(ctx, tx); err != nil || c.idemKey == "" {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO sandbox_idempotency
			(org_id, idem_key, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT DO NOTHING`, c.org.ID, c.idemKey, c.reqHash, rep.status, rep.body, dbTime(s.now()))
		if err != nil {
			return fmt.Errorf("sandbox: store idempotency key: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errKeyRaced
		}
		return nil
	})
	return rep, err
}
