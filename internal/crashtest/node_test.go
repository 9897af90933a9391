package crashtest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, to age a dead worker's job

	"github.com/ledgersync/ledgersync/internal/syncer"
)

// wait bounds every single wait of the test: a command, a request, a
// process starting or stopping, a sync reaching a final status.
const wait = 30 * time.Second

// encryptionKey is the fixed LEDGERSYNC_ENCRYPTION_KEY of every data
// directory, so that the CLI and each serve open what the others sealed.
var encryptionKey = base64.StdEncoding.EncodeToString([]byte("crashtest-fixed-encryption-key!!"))

// buildBinary builds the ledgersync command into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "ledgersync")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/ledgersync/ledgersync/cmd/ledgersync")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

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
	client  *http.Client
	starts  int
	serve   *child
}

func newNode(t *testing.T, bin string) *node {
	t.Helper()
	n := &node{t: t, bin: bin, dir: t.TempDir(), addr: freeAddr(t), client: &http.Client{Timeout: wait}}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LEDGERSYNC_") {
			n.env = append(n.env, kv)
		}
	}
	n.env = append(n.env, "LEDGERSYNC_DATA_DIR="+n.dir, "LEDGERSYNC_LISTEN_ADDR="+n.addr, "LEDGERSYNC_BASE_URL=http://"+n.addr,
		"LEDGERSYNC_ENCRYPTION_KEY="+encryptionKey, "LEDGERSYNC_API_RATE_LIMIT=0", "LEDGERSYNC_LOG_LEVEL=debug")
	return n
}

// freeAddr returns a loopback address with a port free at the moment.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// cli runs a ledgersync command to completion and returns its stdout.
func (n *node) cli(args ...string) string {
	n.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.bin, args...)
	cmd.Env = n.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		n.t.Fatalf("ledgersync %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// lastLine is the last non-empty line of a command's output.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// org is a sandbox organisation's credentials.
type org struct {
	TenantID string `json:"tenantId"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// provision creates a client and its API key, and a sandbox organisation.
func (n *node) provision() org {
	n.t.Helper()
	clientID := lastLine(n.cli("clients", "create", "--name", "Crash Test Partner"))
	n.key = lastLine(n.cli("keys", "create", "--client", clientID))
	var o org
	if err := json.Unmarshal([]byte(lastLine(n.cli("sandbox", "create-org", "--name", "Crash Bakery Ltd"))), &o); err != nil || o.TenantID == "" {
		n.t.Fatalf("sandbox create-org: %v %+v", err, o)
	}
	return o
}

// export is the organisation's ledger, read with `sandbox export`.
func (n *node) export(tenantID string) *ledger {
	n.t.Helper()
	out := n.cli("sandbox", "export", "--tenant", tenantID)
	var l ledger
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		n.t.Fatalf("sandbox export: %v\n%s", err, out)
	}
	l.raw = out
	return &l
}

// child is a running `ledgersync serve`.
type child struct {
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

// start starts serve, with failpoint armed when it is not empty, and
// waits until it answers /readyz.
func (n *node) start(failpoint string) *child {
	n.t.Helper()
	n.starts++
	c := &child{log: filepath.Join(n.dir, fmt.Sprintf("serve-%d.log", n.starts)), done: make(chan struct{})}
	logFile, err := os.Create(c.log)
	if err != nil {
		n.t.Fatal(err)
	}
	c.cmd = exec.Command(n.bin, "serve")
	c.cmd.Env = append([]string(nil), n.env...)
	if failpoint != "" {
		c.cmd.Env = append(c.cmd.Env, syncer.FailpointEnv+"="+failpoint)
	}
	c.cmd.Stdout, c.cmd.Stderr = logFile, logFile
	if err := c.cmd.Start(); err != nil {
		logFile.Close()
		n.t.Fatal(err)
	}
	go func() {
		c.err = c.cmd.Wait()
		logFile.Close()
		close(c.done)
	}()
	n.t.Cleanup(func() { c.kill() })
	n.serve = c
	deadline := time.Now().Add(wait)
	for {
		if c.exited() {
			n.t.Fatalf("serve exited on start: %v\n%s", c.err, c.tail())
		}
		res, err := n.client.Get("http://" + n.addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return c
			}
		}
		if time.Now().After(deadline) {
			n.t.Fatalf("serve not ready after %s\n%s", wait, c.tail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// sigkilled reports whether the child is gone, killed by SIGKILL.
func (c *child) sigkilled() bool {
	if !c.exited() {
		return false
	}
	var exit *exec.ExitError
	if !errors.As(c.err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// kill ends the child at once, if it still runs.
func (c *child) kill() {
	if c.exited() {
		return
	}
	_ = c.cmd.Process.Kill()
	select {
	case <-c.done:
	case <-time.After(wait):
	}
}

// stop asks the child to shut down, and kills it if it does not.
func (c *child) stop(t *testing.T) {
	t.Helper()
	if c.exited() {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(wait):
		c.kill()
		t.Fatalf("serve did not stop within %s\n%s", wait, c.tail())
	}
}

// tail is the end of the child's log, for failure messages.
func (c *child) tail() string {
	b, _ := os.ReadFile(c.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// errDown is a request to a serve that is gone.
var errDown = errors.New("serve is not running")

// request sends a request with the node's API key; body may be nil, a
// string sent verbatim, or a value encoded as JSON.
func (n *node) request(method, path string, body any) (int, []byte, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, "http://"+n.addr+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(n.key)))
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := n.client.Do(req)
	if err != nil {
		// A request cut by the kill fails before the exit is reaped.
		if n.serve != nil {
			select {
			case <-n.serve.done:
				return 0, nil, errDown
			case <-time.After(2 * time.Second):
			}
		}
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// call sends a request that must answer want, and decodes the answer.
func (n *node) call(method, path string, body any, want int) map[string]any {
	n.t.Helper()
	status, b, err := n.request(method, path, body)
	if err != nil || status != want {
		n.t.Fatalf("%s %s: %d %v, want %d\n%s", method, path, status, err, want, b)
	}
	var out map[string]any
	if len(b) > 0 {
		if err := json.Unmarshal(b, &out); err != nil {
			n.t.Fatalf("%s %s: %v\n%s", method, path, err, b)
		}
	}
	return out
}

// linkCompany creates a company with a commerce connection and a sandbox
// connection authorized to the organisation, and configures it.
func (n *node) linkCompany(o org) string {
	n.t.Helper()
	id := n.call("POST", "/companies", map[string]any{"name": "Crash Bakery"}, http.StatusOK)["id"].(string)
	n.call("POST", "/companies/"+id+"/connections", map[string]string{"platformKey": "lqai"}, http.StatusOK)
	conn := n.call("POST", "/companies/"+id+"/connections", map[string]string{"platformKey": "mqjo"}, http.StatusOK)["id"].(string)
	n.call("PUT", "/companies/"+id+"/connections/"+conn+"/authorization",
		map[string]string{"username": o.Username, "password": o.Password}, http.StatusOK)
	n.call("POST", "/config/companies/"+id+"/sync/commerce", configuration(n.t, id), http.StatusOK)
	n.company = id
	return id
}

// configuration is testdata/config/complete.json for the company, as the
// API tests adapt it: pushed data reaches no option list, so its product
// category slot and tax component mapping are left out.
func configuration(t *testing.T, companyID string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "config", "complete.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	cfg["companyId"] = companyID
	sales := cfg["configuration"].(map[string]any)["sales"].(map[string]any)
	delete(sales["accounts"].(map[string]any), "productCategory-cat-1")
	sales["newTaxRates"].(map[string]any)["taxRateMappings"] = []any{}
	return cfg
}

// push sends records of one data type.
func (n *node) push(dataType, body string) {
	n.t.Helper()
	n.call("POST", "/data/companies/"+n.companyID()+"/sync/commerce-"+dataType, body, http.StatusOK)
}

// companyID is the node's one company.
func (n *node) companyID() string {
	n.t.Helper()
	if n.company == "" {
		n.t.Fatal("no company linked yet")
	}
	return n.company
}

// startLatest requests a Latest sync up to syncTo and returns its id.
func (n *node) startLatest(syncTo string) string {
	n.t.Helper()
	return n.call("POST", "/companies/"+n.companyID()+"/sync/commerce/latest", map[string]string{"syncTo": syncTo},
		http.StatusOK)["syncId"].(string)
}

// syncStatus is what the API says of a sync.
type syncStatus struct {
	Code    int    `json:"syncStatusCode"`
	Pushed  bool   `json:"dataPushed"`
	Message string `json:"errorMessage"`
}

func (s syncStatus) String() string {
	if s.Message != "" {
		return fmt.Sprintf("%d (%s)", s.Code, s.Message)
	}
	return strconv.Itoa(s.Code)
}

// succeeded reports whether the sync ended well, with or without data.
func (s syncStatus) succeeded() bool { return s.Code == 2000 || s.Code == 2040 }

// status is a sync's status; ok is false when serve is gone.
func (n *node) status(syncID string) (s syncStatus, ok bool) {
	n.t.Helper()
	code, b, err := n.request("GET", "/companies/"+n.companyID()+"/sync/commerce/syncs/"+syncID+"/status", nil)
	if errors.Is(err, errDown) {
		return s, false
	}
	if err != nil || code != http.StatusOK {
		n.t.Fatalf("sync status: %d %v\n%s", code, err, b)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		n.t.Fatal(err)
	}
	return s, true
}

// awaitSync waits until the sync's status is final (not 1000 or 1010),
// or serve is gone (ok false), within limit.
func (n *node) awaitSync(syncID string, limit time.Duration) (s syncStatus, ok bool) {
	n.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		s, ok = n.status(syncID)
		if !ok {
			select {
			case <-n.serve.done:
			case <-time.After(wait):
				n.t.Fatalf("serve stopped answering but did not exit\n%s", n.serve.tail())
			}
			return s, false
		}
		if s.Code != 1000 && s.Code != 1010 {
			return s, true
		}
		if time.Now().After(deadline) {
			n.t.Fatalf("sync %s still %d after %s\n%s", syncID, s.Code, limit, n.serve.tail())
		}
		time.Sleep(50 * time.Millisecond)
	}
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
