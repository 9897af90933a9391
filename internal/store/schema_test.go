package store_test

import (
	"context"
	"log/slog"
	"os"
	"reflect"
	"testing"

	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func TestDialectsHaveSameTablesAndColumns(t *testing.T) {
	t.Parallel()
	if os.Getenv(storetest.PostgresURLEnv) == "" {
		t.Skip(storetest.PostgresURLEnv + " is not set: cannot compare with PostgreSQL")
	}
	ctx := context.Background()
	lite, err := storetest.Open(t, "sqlite", storetest.Options{}).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := storetest.Open(t, "postgres", storetest.Options{}).Columns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table := range lite {
		if _, ok := pg[table]; !ok {
			t.Errorf("table %s exists on SQLite only", table)
		}
	}
	for table, cols := range pg {
		if !reflect.DeepEqual(cols, lite[table]) {
			t.Errorf("table %s:\n postgres %v\n sqlite   %v", table, cols, lite[table])
		}
	}
	if _, ok := lite["companies"]; !ok {
		t.Fatal("companies table missing")
	}
}

func TestSQLiteConfiguration(t *testing.T) {
	t.Parallel()
	s := storetest.Open(t, "sqlite", storetest.Options{})
	ctx := context.Background()
	for pragma, want := range map[string]string{
		"journal_mode": "wal",
		"busy_timeout": "5000",
		"foreign_keys": "1",
		"synchronous":  "1", // NORMAL: safe in WAL mode, documented in docs/operations.md
	} {
		got, err := s.Pragma(ctx, pragma)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func TestMigrateTwiceIsANoOp(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if err := s.Migrate(context.Background(), slog.New(slog.DiscardHandler)); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
	})
}

// TestReplicasMigrateTogether starts three "replicas" on one database at
// once, then a fourth: none may wait forever on another's migration lock.
func TestReplicasMigrateTogether(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			db := storetest.NewDatabase(t, d)
			db.Sealer = storetest.Sealer(t)
			errs := make(chan error, 3)
			for range 3 {
				go func() {
					s, err := store.Open(context.Background(), db)
					if err == nil {
						err = s.Migrate(context.Background(), slog.New(slog.DiscardHandler))
						s.Close()
					}
					errs <- err
				}()
			}
			for range 3 {
				if err := <-errs; err != nil {
					t.Errorf("replica: %v", err)
				}
			}
			storetest.OpenWith(t, db)
		})
	}
}
