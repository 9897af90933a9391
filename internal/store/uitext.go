package store

import (
	"context"
	"database/sql"
	"fmt"
)

// UITextOverrides returns a client's overridden texts for a locale.
func (s *Store) UITextOverrides(ctx context.Context, clientID, locale string) (map[string]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT text_key, text FROM ui_texts WHERE client_id = $1 AND locale = $2`, clientID, locale)
	if err != nil {
		return nil, fmt.Errorf("store: ui texts: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("store: ui texts: %w", err)
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetUITexts applies changes to a client's texts in one transaction: a
// nil value resets the key to its default, any other value replaces it.
func (s *Store) SetUITexts(ctx context.Context, clientID, locale string, changes map[string]*string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for key, text := range changes {
			var err error
			if text == nil {
				_, err = tx.ExecContext(ctx, `DELETE FROM ui_texts WHERE client_id = $1 AND locale = $2 AND text_key = $3`,
					clientID, locale, key)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO ui_texts (client_id, locale, text_key, text) VALUES ($1, $2, $3, $4)
					ON CONFLICT (client_id, locale, text_key) DO UPDATE SET text = excluded.text`, clientID, locale, key, *text)
			}
			if err != nil {
				return fmt.Errorf("store: set ui text %s: %w", key, err)
			}
		}
		return nil
	})
}

// VisibleAccounts returns a client's visible account keys for a platform;
// nil means every key.
func (s *Store) VisibleAccounts(ctx context.Context, clientID, platformKey string) ([]string, error) {
	var keys []string
	err := s.read.QueryRowContext(ctx, `SELECT keys FROM visible_accounts WHERE client_id = $1 AND platform_key = $2`,
		clientID, platformKey).Scan(jsonScan{&keys})
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: visible accounts: %w", err)
	}
	return keys, nil
}

// SetVisibleAccounts stores a client's visible account keys for a
// platform; nil means every key.
func (s *Store) SetVisibleAccounts(ctx context.Context, clientID, platformKey string, keys []string) error {
	var v any
	if keys != nil {
		v = jsonText(keys)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO visible_accounts (client_id, platform_key, keys) VALUES ($1, $2, $3)
		ON CONFLICT (client_id, platform_key) DO UPDATE SET keys = excluded.keys`, clientID, platformKey, v)
	if err != nil {
		return fmt.Errorf("store: set visible accounts: %w", err)
	}
	return nil
}
