package store

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
	modernsqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds the few places where SQLite and PostgreSQL differ.
type dialect struct {
	name string
	// collate makes text ordering byte-wise on both databases.
	collate string
	// fold lower-cases text for case-insensitive matching, beyond ASCII.
	fold string
	// nowQuery reads the database's clock.
	nowQuery string
}

var (
	sqlite = dialect{name: "sqlite", fold: "ls_fold",
		nowQuery: `SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`}
	postgres = dialect{name: "postgres", collate: ` COLLATE "C"`, fold: "lower",
		nowQuery: `SELECT clock_timestamp()`}
)

var registerFold sync.Once

// registerSQLiteFold gives SQLite connections ls_fold, Go's Unicode
// lower-casing: SQLite's own lower() folds ASCII only.
func registerSQLiteFold() {
	registerFold.Do(func() {
		modernsqlite.MustRegisterDeterministicScalarFunction("ls_fold", 1,
			func(_ *modernsqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
				switch v := args[0].(type) {
				case string:
					return strings.ToLower(v), nil
				case []byte:
					return strings.ToLower(string(v)), nil
				}
				return args[0], nil
			})
	})
}

// isUniqueViolation reports whether err is a unique-constraint failure,
// optionally of the named index or constraint.
func isUniqueViolation(err error, index string) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505" && (index == "" || pg.ConstraintName == index)
	}
	var lite *modernsqlite.Error
	if errors.As(err, &lite) {
		code := lite.Code()
		unique := code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
		return unique && (index == "" || strings.Contains(lite.Error(), index) || uniqueColumns(lite.Error(), index))
	}
	return false
}

// SQLite names the columns, not the index, in its message; map our index
// names to the columns they cover.
func uniqueColumns(msg, index string) bool {
	cols, ok := map[string]string{
		"companies_merchant":      "companies.client_id, companies.merchant_identifier",
		"connections_one_active":  "connections.company_id, connections.source_type",
		"sync_runs_scheduled_due": "sync_runs.company_id, sync_runs.due_at",
	}[index]
	return ok && strings.Contains(msg, cols)
}

// isForeignKeyViolation reports whether err is a foreign-key failure.
func isForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23503"
	}
	var lite *modernsqlite.Error
	return errors.As(err, &lite) && lite.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
}

// prefixed qualifies each column of a comma-separated list with a table
// alias: prefixed("c.", "id, name") is "c.id, c.name".
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// isBusy reports whether SQLite refused for a lock another connection
// holds.
func isBusy(err error) bool {
	var lite *modernsqlite.Error
	return errors.As(err, &lite) && (lite.Code()&0xff == sqlite3.SQLITE_BUSY || lite.Code()&0xff == sqlite3.SQLITE_LOCKED)
}

// inList returns the placeholders of an IN list, $first to $first+n-1,
// and the values as arguments.
func inList(first int, values []string) (string, []any) {
	marks := make([]string, len(values))
	args := make([]any, len(values))
	for i, v := range values {
		marks[i], args[i] = fmt.Sprintf("$%d", first+i), v
	}
	return strings.Join(marks, ", "), args
}
