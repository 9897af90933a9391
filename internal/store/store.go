// Package store keeps ledgersync's state in SQLite (the embedded default)
// or PostgreSQL (for several replicas), through database/sql. SQL is written
// once where the dialects agree; dialect.go holds where they do not.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/ledgersync/ledgersync/internal/secret"
)

// Store is the database. Writes go through db; reads that need not see an
// open transaction go through read, which on SQLite is a separate pool of
// read-only connections so long reads never block writers.
type Store struct {
	db      *sql.DB
	read    *sql.DB
	dialect dialect
	sealer  *secret.Sealer
	now     func() time.Time
	// path is the SQLite file; empty on PostgreSQL.
	path string
	// fakeDBNow replaces the database clock in tests.
	fakeDBNow func() time.Time
	// enqueueDeliveries schedules the deliveries that recorded events
	// cause; nil stores them only.
	enqueueDeliveries DeliveryEnqueuer
}

// Options configures Open.
type Options struct {
	// DatabaseURL is a postgres:// URL; empty means SQLite at SQLitePath.
	DatabaseURL string
	SQLitePath  string
	Sealer      *secret.Sealer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// DBNow replaces the database's clock, for tests of expiry; nil means
	// the database's own.
	DBNow func() time.Time
}

// Open connects to the database. It does not migrate; call Migrate.
func Open(ctx context.Context, o Options) (*Store, error) {
	if o.Sealer == nil {
		return nil, errors.New("store: a sealer is required")
	}
	s := &Store{sealer: o.Sealer, now: o.Now, fakeDBNow: o.DBNow}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	if o.DatabaseURL != "" {
		err = s.openPostgres(o.DatabaseURL)
	} else {
		err = s.openSQLite(o.SQLitePath)
	}
	if err != nil {
		return nil, err
	}
	if err := s.ping(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", s.dialect.name, err)
	}
	return s, nil
}

// ping connects, retrying a few times while another process holds an
// SQLite file it is setting up: switching a new file to WAL mode takes an
// exclusive lock, and SQLite answers "busy" at once rather than wait.
func (s *Store) ping(ctx context.Context) error {
	var err error
	for wait := 50 * time.Millisecond; wait < 2*time.Second; wait *= 2 {
		if err = s.db.PingContext(ctx); err == nil || s.dialect != sqlite || !isBusy(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
	return err
}

func (s *Store) openPostgres(dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.db, s.read, s.dialect = db, db, postgres
	return nil
}

// openSQLite opens one writer connection (River's SQLite driver and
// SQLite itself allow one writer at a time) and a pool of readers.
func (s *Store) openSQLite(path string) error {
	if path == "" {
		return errors.New("store: no SQLite path")
	}
	registerSQLiteFold()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("store: create data directory: %w", err)
	}
	// Create the file private to its owner; SQLite gives its WAL and
	// shared-memory files the same mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("store: create %s: %w", path, err)
	}
	f.Close()
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		w.Close()
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	r.SetMaxOpenConns(8)
	s.db, s.read, s.dialect, s.path = w, r, sqlite, path
	return nil
}

// sqliteDSN sets busy_timeout first, so the pragmas after it wait instead
// of failing while another process holds the lock.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close closes both pools.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.read != s.db {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// DB returns the write pool, for River, the sandbox platform and tests.
// On SQLite it has a single connection: never query it while a
// transaction from it is open in the same goroutine.
func (s *Store) DB() *sql.DB { return s.db }

// ReadDB returns the pool for reads that need not see an open
// transaction; on SQLite its connections are read-only.
func (s *Store) ReadDB() *sql.DB { return s.read }

// Dialect names the database: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name }

// Ping checks that the database answers, for readiness probes.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// inTx runs fn in a write transaction, committing when it returns nil.
// fn must not use s.db: on SQLite its only connection is the transaction.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// clock is the current time in UTC at the databases' common precision, so
// a value read back equals the value written.
func (s *Store) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }
