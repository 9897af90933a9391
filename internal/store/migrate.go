package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations
var migrationFiles embed.FS

// migrationLock is the PostgreSQL advisory lock that keeps replicas
// starting together from migrating at the same time.
const migrationLock = 7_470_125_001

// Migrate applies our forward-only migrations for the dialect, then River's.
// It is safe to run on every start and from several processes at once: on
// PostgreSQL a session advisory lock, released before its connection goes
// back to the pool, admits one migrator at a time; on SQLite a lock on a
// file beside the database does.
func (s *Store) Migrate(ctx context.Context, log *slog.Logger) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if s.dialect == sqlite {
		unlock, err := lockFile(s.path + ".migrate-lock")
		if err != nil {
			conn.Close()
			return err
		}
		defer unlock()
		err = s.migrateOwn(ctx, conn, log)
		conn.Close() // the single write connection must be free for River
		if err != nil {
			return err
		}
		return s.migrateRiver(ctx, log)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("store: migrate: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLock)
	if err := s.migrateOwn(ctx, conn, log); err != nil {
		return err
	}
	return s.migrateRiver(ctx, log)
}

// migrateOwn applies the pending migrations in one transaction, which on
// SQLite takes the write lock first, so concurrent migrators wait for each
// other and the later ones find nothing left to do.
func (s *Store) migrateOwn(ctx context.Context, conn *sql.Conn, log *slog.Logger) error {
	files, err := migrationsFor(s.dialect.name)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	applied, err := appliedVersions(ctx, tx)
	if err != nil {
		return err
	}
	for _, f := range files {
		if applied[f.version] {
			continue
		}
		if err := applyMigration(ctx, tx, f); err != nil {
			return err
		}
		log.Info("applied migration", "version", f.version, "name", f.name)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

func appliedVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	applied := map[int]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: migrate: %w", err)
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

type migration struct {
	version int
	name    string
	sql     string
}

// migrationsFor lists the dialect's migrations in version order. File names
// start with their version: 0001_init.sql.
func migrationsFor(dialect string) ([]migration, error) {
	dir := "migrations/" + dialect
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		prefix, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(prefix)
		if err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s: name must be NNNN_name.sql", e.Name())
		}
		b, err := migrationFiles.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("store: migrations: %w", err)
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

func applyMigration(ctx context.Context, tx *sql.Tx, m migration) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, m.version); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	return nil
}

// migrateRiver applies River's own schema through rivermigrate, which
// logs each migration it applies.
func (s *Store) migrateRiver(ctx context.Context, log *slog.Logger) error {
	var err error
	cfg := &rivermigrate.Config{Logger: log}
	if s.dialect == sqlite {
		var m *rivermigrate.Migrator[*sql.Tx]
		if m, err = rivermigrate.New(riversqlite.New(s.db), cfg); err == nil {
			_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		}
	} else {
		var m *rivermigrate.Migrator[*sql.Tx]
		if m, err = rivermigrate.New(riverdatabasesql.New(s.db), cfg); err == nil {
			_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		}
	}
	if err != nil {
		return fmt.Errorf("store: river migrations: %w", err)
	}
	return nil
}
