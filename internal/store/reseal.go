package store

import (
	"context"
	"database/sql"
	"fmt"
)

// sealedColumn is a column holding sealed values, with the table's key.
type sealedColumn struct {
	table, key, column string
}

// sealedColumns lists every column that holds sealed secrets; the
// additional data of each value is aad(table, key value, name), where the
// column is name_sealed, or just sealed when name is empty.
var sealedColumns = []sealedColumn{
	{"profiles", "client_id", "alert_auth_header"},
	{"profiles", "client_id", "webhook_secret"},
	{"profiles", "client_id", "previous_webhook_secret"},
	{"connections", "id", "credentials"},
	{"key_checks", "id", ""},
}

func (c sealedColumn) sealed() string {
	if c.column == "" {
		return "sealed"
	}
	return c.column + "_sealed"
}

func (c sealedColumn) aadName() string {
	if c.column == "" {
		return "sealed"
	}
	return c.column
}

// Reseal seals again, under the current key, every value sealed under a
// previous key, and returns how many it resealed. Once it has run, the
// previous keys can be dropped from the configuration.
func (s *Store) Reseal(ctx context.Context) (int, error) {
	total := 0
	for _, c := range sealedColumns {
		n, err := s.resealColumn(ctx, c)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

func (s *Store) resealColumn(ctx context.Context, c sealedColumn) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %s, %s FROM %s WHERE %s IS NOT NULL`,
			c.key, c.sealed(), c.table, c.sealed()))
		if err != nil {
			return fmt.Errorf("store: reseal %s.%s: %w", c.table, c.column, err)
		}
		stale := map[string][]byte{}
		for rows.Next() {
			var id string
			var sealed []byte
			if err := rows.Scan(&id, &sealed); err != nil {
				rows.Close()
				return fmt.Errorf("store: reseal %s.%s: %w", c.table, c.column, err)
			}
			if !s.sealer.Current(sealed) {
				stale[id] = sealed
			}
		}
		rows.Close()
		for id, sealed := range stale {
			a := aad(c.table, id, c.aadName())
			plain, err := s.sealer.Open(sealed, a)
			if err != nil {
				return fmt.Errorf("store: reseal %s: %w", a, err)
			}
			_, err = tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s = $1 WHERE %s = $2`, c.table, c.sealed(), c.key),
				s.sealer.Seal(plain, a), id)
			if err != nil {
				return fmt.Errorf("store: reseal %s: %w", a, err)
			}
			n++
		}
		return nil
	})
	return n, err
}
