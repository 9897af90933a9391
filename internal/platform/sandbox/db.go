package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// dialect holds the one place where SQLite and PostgreSQL differ for the
// sandbox: row locks. SQLite's write transactions already hold the
// database's only write lock (_txlock=immediate).
type dialect struct {
	forUpdate string
}

func dialectFor(name string) dialect {
	if name == "postgres" {
		return dialect{forUpdate: " FOR UPDATE"}
	}
	return dialect{}
}

// querier is what both *sql.DB and *sql.Tx provide.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// timeLayout stores instants as fixed-width UTC text: it sorts as text in
// SQLite and parses as timestamptz in PostgreSQL.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// dbTime formats t as a query parameter.
func dbTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// instant scans a timestamp column from either database: PostgreSQL
// returns a time.Time, SQLite the stored text. NULL leaves Valid false.
type instant struct {
	Time  time.Time
	Valid bool
}

// Scan implements sql.Scanner.
func (t *instant) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*t = instant{}
		return nil
	case time.Time:
		*t = instant{Time: v.UTC(), Valid: true}
		return nil
	case []byte:
		return t.parse(string(v))
	case string:
		return t.parse(v)
	}
	return fmt.Errorf("sandbox: cannot scan %T into a time", v)
}

func (t *instant) parse(v string) error {
	p, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("sandbox: bad stored time %q: %w", v, err)
	}
	*t = instant{Time: p.UTC(), Valid: true}
	return nil
}

// inTx runs fn in a write transaction, committing when it returns nil.
// fn must use tx only: on SQLite it holds the write pool's one connection.
func (s *Sandbox) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sandbox: commit: %w", err)
	}
	return nil
}
