package scaletest

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
	"github.com/ledgersync/ledgersync/internal/secret"
	"github.com/ledgersync/ledgersync/internal/servetest"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// fleet is one PostgreSQL database (a fresh schema) and the ledgersync
// processes that share it.
type fleet struct {
	t   *testing.T
	bin string
	// env is what every process sees; each serve adds its data directory
	// and address.
	env []string
	// store is the test's own connection to the database, to set the
	// schedule, read River's jobs and export the sandbox ledgers.
	store   *store.Store
	sandbox *sandbox.Sandbox
	key     string
	procs   []*proc
	// workers names each River client id seen: "serve-2", "serve-2
	// (set-up)" or "serve-2 (restarted)".
	workers map[string]string
}

// proc is one serve slot: a data directory and an address, and the
// process running there now.
type proc struct {
	name   string
	addr   string
	dir    string
	starts int
	child  *servetest.Child
	api    *servetest.Client
	// worker is the running process's River client id.
	worker string
}

// newFleet opens a fresh schema, builds the binary and creates the
// partner's client and API key. The test skips when no PostgreSQL is
// configured.
func newFleet(t *testing.T, processes int) *fleet {
	t.Helper()
	if os.Getenv(storetest.PostgresURLEnv) == "" {
		t.Skip(storetest.PostgresURLEnv + " is not set: the scale-out test needs PostgreSQL, which its processes share; skipped")
	}
	db := storetest.NewDatabase(t, "postgres")
	key, err := base64.StdEncoding.DecodeString(servetest.EncryptionKey)
	if err != nil {
		t.Fatal(err)
	}
	if db.Sealer, err = secret.New(key); err != nil {
		t.Fatal(err)
	}
	f := &fleet{t: t, bin: servetest.Build(t, t.TempDir()), store: storetest.OpenWith(t, db), workers: map[string]string{}}
	// The serves hold most of the connections; the test needs few.
	f.store.DB().SetMaxOpenConns(4)
	f.sandbox = sandbox.New(f.store.DB(), f.store.ReadDB(), f.store.Dialect(), sandbox.Options{})
	// Jitter 0: every company due at the boundary is ready to run at once.
	f.env = servetest.Env("LEDGERSYNC_DATABASE_URL="+db.DatabaseURL, "LEDGERSYNC_ENCRYPTION_KEY="+servetest.EncryptionKey,
		"LEDGERSYNC_API_RATE_LIMIT=0", "LEDGERSYNC_SYNC_JITTER=0")
	cli := append(append([]string(nil), f.env...), "LEDGERSYNC_DATA_DIR="+t.TempDir())
	clientID := servetest.LastLine(servetest.CLI(t, f.bin, cli, "clients", "create", "--name", "Scale-out Partner"))
	f.key = servetest.LastLine(servetest.CLI(t, f.bin, cli, "keys", "create", "--client", clientID))
	for i := range processes {
		f.procs = append(f.procs, &proc{name: fmt.Sprintf("serve-%d", i+1), addr: servetest.FreeAddr(t), dir: t.TempDir()})
	}
	return f
}

// workerID finds the River client id in serve's "listening" log line.
var workerID = regexp.MustCompile(`msg=listening .*worker_id=(\S+)`)

// start starts serve in the slot and waits until it is ready; label
// names the process in the counts.
func (f *fleet) start(p *proc, label string) {
	f.t.Helper()
	p.starts++
	env := append(append([]string(nil), f.env...), "LEDGERSYNC_DATA_DIR="+p.dir,
		"LEDGERSYNC_LISTEN_ADDR="+p.addr, "LEDGERSYNC_BASE_URL=http://"+p.addr)
	p.child = servetest.Start(f.t, f.bin, env, p.addr, filepath.Join(p.dir, fmt.Sprintf("serve-%d.log", p.starts)))
	p.api = servetest.NewClient(p.child, f.key)
	log, err := os.ReadFile(p.child.Log)
	if err != nil {
		f.t.Fatal(err)
	}
	m := workerID.FindSubmatch(log)
	if m == nil {
		f.t.Fatalf("%s logged no worker id\n%s", p.name, p.child.Tail())
	}
	p.worker = string(m[1])
	f.workers[p.worker] = label
}

// startAll starts every slot, each process labelled with its name and
// suffix, and returns their River client ids.
func (f *fleet) startAll(suffix string) []string {
	f.t.Helper()
	var ids []string
	for _, p := range f.procs {
		f.start(p, p.name+suffix)
		ids = append(ids, p.worker)
	}
	return ids
}

// stopAll stops every process still running.
func (f *fleet) stopAll() {
	f.t.Helper()
	for _, p := range f.procs {
		p.child.Stop(f.t)
	}
}

// leader is the River client id of the elected leader, "" when none.
func (f *fleet) leader(ctx context.Context) string {
	f.t.Helper()
	var id string
	err := f.store.DB().QueryRowContext(ctx, `SELECT leader_id FROM river_leader`).Scan(&id)
	if err != nil {
		return ""
	}
	return id
}

// tail is the end of every process's log, for failure messages.
func (f *fleet) tail() string {
	var s string
	for _, p := range f.procs {
		if p.child != nil {
			s += "--- " + p.name + " ---\n" + p.child.Tail() + "\n"
		}
	}
	return s
}
