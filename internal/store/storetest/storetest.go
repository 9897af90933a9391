// Package storetest opens real, migrated stores for tests: SQLite in a
// temporary directory, and PostgreSQL in a fresh schema when
// LEDGERSYNC_TEST_POSTGRES_URL is set. Suites run on both with Each.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync/internal/secret"
	"github.com/ledgersync/ledgersync/internal/store"
)

// PostgresURLEnv names the variable that turns the PostgreSQL suites on.
const PostgresURLEnv = "LEDGERSYNC_TEST_POSTGRES_URL"

// MarkersEnv names a directory where each package whose PostgreSQL suite
// ran leaves a file, so CI can prove the suites did not skip.
const MarkersEnv = "LEDGERSYNC_TEST_POSTGRES_MARKERS"

// Dialects lists the databases a suite runs on.
var Dialects = []string{"sqlite", "postgres"}

// Options adjusts the store a test gets.
type Options struct {
	Now func() time.Time
	// DBNow replaces the database's clock.
	DBNow func() time.Time
}

// Each runs fn as a subtest on SQLite and on PostgreSQL.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, d, Options{}))
		})
	}
}

// Open returns a migrated store on the dialect, closed and dropped when the
// test ends. PostgreSQL tests skip, saying why, when no URL is set.
func Open(t testing.TB, dialect string, o Options) *store.Store {
	t.Helper()
	opts := NewDatabase(t, dialect)
	opts.Sealer, opts.Now, opts.DBNow = Sealer(t), o.Now, o.DBNow
	return OpenWith(t, opts)
}

// Sealer returns a sealer with a fresh random key.
func Sealer(t testing.TB) *secret.Sealer {
	t.Helper()
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	sealer, err := secret.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return sealer
}

// NewDatabase returns the location of a new, empty database: a SQLite
// file in a temporary directory, or a fresh PostgreSQL schema.
func NewDatabase(t testing.TB, dialect string) store.Options {
	t.Helper()
	if dialect == "postgres" {
		return store.Options{DatabaseURL: postgresSchema(t)}
	}
	return store.Options{SQLitePath: filepath.Join(t.TempDir(), "ledgersync.db")}
}

// OpenWith opens and migrates a store, closing it when the test ends.
func OpenWith(t testing.TB, opts store.Options) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckKey(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// postgresSchema creates a schema for one test and returns a URL whose
// search_path selects it.
func postgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresURLEnv)
	if base == "" {
		t.Skip(PostgresURLEnv + " is not set: PostgreSQL suite skipped")
	}
	markRan(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("postgres at %s: %v", PostgresURLEnv, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var markOnce sync.Once

// markRan leaves a file named after the test's package directory.
func markRan(t testing.TB) {
	dir := os.Getenv(MarkersEnv)
	if dir == "" {
		return
	}
	markOnce.Do(func() {
		wd, _ := os.Getwd()
		name := strings.NewReplacer("/", "_", "\\", "_").Replace(strings.Trim(wd, "/"))
		if err := os.WriteFile(filepath.Join(dir, name), []byte("ran\n"), 0o644); err != nil {
			t.Logf("write postgres marker: %v", err)
		}
	})
}
