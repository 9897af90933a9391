package crashtest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, to age a dead worker's job

	"github.com/ledgersync/ledgersync/internal/servetest"
	"github.com/ledgersync/ledgersync/internal/syncer"
)

// wait bounds every single wait of the test.
const wait = servetest.Wait

// node is one data directory (SQLite) and the ledgersync processes run on
// it: the CLI commands and, one at a time, `serve`.
type node struct {
	t       *testing.T
	bin     string
	dir     string
	addr    string
	env     []string
	key     string
	company string
	starts  int
	serve   *servetest.Child
	api     *servetest.Client
}

func newNode(t *testing.T, bin string) *node {
	t.Helper()
	n := &node{t: t, bin: bin, dir: t.TempDir(), addr: servetest.FreeAddr(t)}
	n.env = servetest.Env("LEDGERSYNC_DATA_DIR="+n.dir, "LEDGERSYNC_LISTEN_ADDR="+n.addr, "LEDGERSYNC_BASE_URL=http://"+n.addr,
		"LEDGERSYNC_ENCRYPTION_KEY="+servetest.EncryptionKey, "LEDGERSYNC_API_RATE_LIMIT=0", "LEDGERSYNC_LOG_LEVEL=debug")
	return n
}

// cli runs a ledgersync command to completion and returns its stdout.
func (n *node) cli(args ...string) string {
	n.t.Helper()
	return servetest.CLI(n.t, n.bin, n.env, args...)
}

// provision creates a client and its API key, and a sandbox organisation.
func (n *node) provision() servetest.Org {
	n.t.Helper()
	clientID := servetest.LastLine(n.cli("clients", "create", "--name", "Crash Test Partner"))
	n.key = servetest.LastLine(n.cli("keys", "create", "--client", clientID))
	var o servetest.Org
	if err := json.Unmarshal([]byte(servetest.LastLine(n.cli("sandbox", "create-org", "--name", "Crash Bakery Ltd"))), &o); err != nil || o.TenantID == "" {
		n.t.Fatalf("sandbox create-org: %v %+v", err, o)
	}
	return o
}

// export is the organisation's ledger, read with `sandbox export`.
func (n *node) export(tenantID string) *servetest.Ledger {
	n.t.Helper()
	out := n.cli("sandbox", "export", "--tenant", tenantID)
	l, err := servetest.ParseLedger([]byte(out))
	if err != nil {
		n.t.Fatalf("sandbox export: %v\n%s", err, out)
	}
	return l
}

// start starts serve, with failpoint armed when it is not empty, and
// waits until it answers /readyz.
func (n *node) start(failpoint string) {
	n.t.Helper()
	n.starts++
	env := append([]string(nil), n.env...)
	if failpoint != "" {
		env = append(env, syncer.FailpointEnv+"="+failpoint)
	}
	n.serve = servetest.Start(n.t, n.bin, env, n.addr, filepath.Join(n.dir, fmt.Sprintf("serve-%d.log", n.starts)))
	n.api = servetest.NewClient(n.serve, n.key)
}

// linkCompany links the node's one company to the organisation.
func (n *node) linkCompany(o servetest.Org) {
	n.t.Helper()
	n.company = n.api.LinkCompany(n.t, "Crash Bakery", o)
}

// push sends records of one data type.
func (n *node) push(dataType, body string) {
	n.t.Helper()
	n.api.Push(n.t, n.company, dataType, body)
}

// startLatest requests a Latest sync up to syncTo and returns its id.
func (n *node) startLatest(syncTo string) string {
	n.t.Helper()
	return n.api.StartLatest(n.t, n.company, syncTo)
}

// awaitSync waits until the sync's status is final, or serve is gone (ok
// false), within limit.
func (n *node) awaitSync(syncID string, limit time.Duration) (servetest.SyncStatus, bool) {
	n.t.Helper()
	return n.api.AwaitSync(n.t, n.company, syncID, limit)
}

// openDB opens the data directory's database, while serve is down.
func (n *node) openDB() *sql.DB {
	n.t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(n.dir, "ledgersync.db")+"?_pragma=busy_timeout(5000)")
	if err != nil {
		n.t.Fatal(err)
	}
	return db
}

// postings is the postings ledger: each reference's status.
func (n *node) postings() map[string]string {
	n.t.Helper()
	db := n.openDB()
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	rows, err := db.QueryContext(ctx, `SELECT reference, status FROM postings`)
	if err != nil {
		n.t.Fatalf("postings: %v", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var ref, status string
		if err := rows.Scan(&ref, &status); err != nil {
			n.t.Fatalf("postings: %v", err)
		}
		out[ref] = status
	}
	if err := rows.Err(); err != nil {
		n.t.Fatalf("postings: %v", err)
	}
	return out
}

// ageStuckJobs stands in for the passage of River's rescue timeout (an
// hour by default) while serve is down: the dead worker's running jobs
// look started two hours ago, and its leadership lease has expired. The
// next serve's rescuer then retries the jobs on its first pass, as it
// would an hour after the crash. It returns how many jobs it aged.
func (n *node) ageStuckJobs() int64 {
	n.t.Helper()
	db := n.openDB()
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	res, err := db.ExecContext(ctx, `UPDATE river_job SET attempted_at = datetime(attempted_at, '-2 hours') WHERE state = 'running'`)
	if err != nil {
		n.t.Fatalf("age stuck jobs: %v", err)
	}
	aged, _ := res.RowsAffected()
	if _, err := db.ExecContext(ctx, `DELETE FROM river_leader`); err != nil {
		n.t.Fatalf("expire the leader: %v", err)
	}
	return aged
}
