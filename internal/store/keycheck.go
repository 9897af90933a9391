package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const keyCheckPlaintext = "ledgersync encryption key check"

// ErrWrongKey means the configured keys cannot open what this database
// holds.
var ErrWrongKey = errors.New("store: LEDGERSYNC_ENCRYPTION_KEY does not open the secrets in this database; " +
	"set the key they were sealed with, or list it in LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS")

// CheckKey opens the database's key check with the configured keys, or
// seals a new one on a fresh database. Replicas started with different
// keys therefore cannot both run against one database.
func (s *Store) CheckKey(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var sealed []byte
		err := tx.QueryRowContext(ctx, `SELECT sealed FROM key_checks WHERE id = 1`).Scan(&sealed)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = tx.ExecContext(ctx, `INSERT INTO key_checks (id, sealed) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`,
				s.sealer.Seal([]byte(keyCheckPlaintext), aad("key_checks", "1", "sealed")))
			if err != nil {
				return fmt.Errorf("store: key check: %w", err)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: key check: %w", err)
		}
		if plain, err := s.sealer.Open(sealed, aad("key_checks", "1", "sealed")); err != nil || string(plain) != keyCheckPlaintext {
			return ErrWrongKey
		}
		return nil
	})
}
