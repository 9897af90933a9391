package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newAPIKey draws 40 characters uniformly from [A-Za-z0-9] (about 238
// bits), rejecting bytes that would bias the draw.
func newAPIKey() string {
	const limit = 256 - 256%len(keyAlphabet)
	key := make([]byte, 0, ledgersync.APIKeyLength)
	buf := make([]byte, 64)
	for len(key) < ledgersync.APIKeyLength {
		_, _ = rand.Read(buf)
		for _, b := range buf {
			if int(b) < limit && len(key) < ledgersync.APIKeyLength {
				key = append(key, keyAlphabet[int(b)%len(keyAlphabet)])
			}
		}
	}
	return string(key)
}

// MaxAPIKeys is how many keys a client may hold.
const MaxAPIKeys = 10

// CreateAPIKey creates a key for a client and returns it; it is never
// stored, only its hash, so this is the only time it can be read.
func (s *Store) CreateAPIKey(ctx context.Context, clientID string) (string, error) {
	key := newAPIKey()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM api_keys WHERE client_id = $1`, clientID).Scan(&n); err != nil {
			return fmt.Errorf("store: count api keys: %w", err)
		}
		if n >= MaxAPIKeys {
			return ledgersync.Errorf(ledgersync.EConflict, "Client %s already has %d API keys.", clientID, MaxAPIKeys)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO api_keys (id, client_id, key_hash, created_at) VALUES ($1, $2, $3, $4)`,
			uuid.NewString(), clientID, hashKey(key), dbTime(s.clock()))
		if err != nil && isForeignKeyViolation(err) {
			return ledgersync.Errorf(ledgersync.ENotFound, "Client %s not found.", clientID)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	return key, nil
}

// Authenticate returns the client owning an API key, or EUnauthorized.
func (s *Store) Authenticate(ctx context.Context, key string) (*ledgersync.Client, error) {
	unauthorized := ledgersync.Errorf(ledgersync.EUnauthorized, "Unauthorized")
	if len(key) != ledgersync.APIKeyLength {
		return nil, unauthorized
	}
	want := hashKey(key)
	var stored []byte
	row := s.read.QueryRowContext(ctx, `SELECT k.key_hash, `+prefixed("c.", clientColumns)+`
		FROM api_keys k JOIN clients c ON c.id = k.client_id WHERE k.key_hash = $1`, want)
	var c ledgersync.Client
	err := row.Scan(&stored, &c.ID, &c.Name, scanTime(&c.Created), &c.Disabled, &c.CompanyLimit, jsonScan{&c.DisabledIntegrations})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, unauthorized
	}
	if err != nil {
		return nil, fmt.Errorf("store: authenticate: %w", err)
	}
	if subtle.ConstantTimeCompare(stored, want) != 1 {
		return nil, unauthorized
	}
	return &c, nil
}
