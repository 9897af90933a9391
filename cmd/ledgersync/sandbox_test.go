package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// sandboxCLI runs sandbox commands in-process, like run does, on a fresh
// database of the dialect.
func sandboxCLI(t *testing.T, dialect string) func(args ...string) (stdout, stderr string, err error) {
	t.Helper()
	c := newCLI(t)
	if dialect == "postgres" {
		c.vars["LEDGERSYNC_DATABASE_URL"] = storetest.NewDatabase(t, dialect).DatabaseURL
	}
	return func(args ...string) (string, string, error) {
		var out, errOut syncBuffer
		err := sandboxCmd(t.Context(), args, c.env(&out, &errOut))
		return out.String(), errOut.String(), err
	}
}

func TestSandboxCommands(t *testing.T) {
	t.Parallel()
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			run := sandboxCLI(t, dialect)
			if _, _, err := run("export"); err == nil || !strings.Contains(err.Error(), "no sandbox organisation") {
				t.Errorf("export with no organisation: %v", err)
			}
			stdout, stderr, err := run("create-org", "--name", "Corner Bakery")
			if err != nil {
				t.Fatalf("create-org: %v\n%s", err, stderr)
			}
			checkLogLines(t, stderr)
			if strings.Count(stdout, "\n") != 1 {
				t.Errorf("create-org printed %q, want one line", stdout)
			}
			var created struct{ TenantID, Username, Password string }
			if err := json.Unmarshal([]byte(stdout), &created); err != nil || !uuidV4.MatchString(created.TenantID) ||
				created.Username == "" || len(created.Password) < 16 {
				t.Fatalf("create-org printed %q (%v)", stdout, err)
			}
			for _, args := range [][]string{{"export"}, {"export", "--tenant", created.TenantID}} {
				stdout, stderr, err = run(args...)
				if err != nil {
					t.Fatalf("%v: %v\n%s", args, err, stderr)
				}
				checkLogLines(t, stderr)
				var ledger struct {
					Organisation struct{ Name string }
					Accounts     []struct{ AccountID string }
					Invoices     []any
				}
				if err := json.Unmarshal([]byte(stdout), &ledger); err != nil {
					t.Fatalf("%v printed more than one JSON object: %v\n%s", args, err, stdout)
				}
				if ledger.Organisation.Name != "Corner Bakery" || len(ledger.Accounts) != 12 || ledger.Invoices == nil {
					t.Errorf("%v printed %+v", args, ledger)
				}
			}
			if _, _, err := run("create-org"); err != nil {
				t.Fatal(err)
			}
			if _, _, err := run("export"); err == nil || !strings.Contains(err.Error(), "--tenant") {
				t.Errorf("export with two organisations: %v", err)
			}
		})
	}
}
