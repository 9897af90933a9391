package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader in
// different goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// cli runs commands in-process over one data directory.
type cli struct {
	t    *testing.T
	dir  string
	vars map[string]string
}

func newCLI(t *testing.T, extra ...string) *cli {
	t.Helper()
	c := &cli{t: t, dir: t.TempDir(), vars: map[string]string{"LEDGERSYNC_LOG_FORMAT": "json"}}
	c.vars["LEDGERSYNC_DATA_DIR"] = c.dir
	for i := 0; i+1 < len(extra); i += 2 {
		c.vars[extra[i]] = extra[i+1]
	}
	return c
}

func (c *cli) getenv(name string) (string, bool) {
	v, ok := c.vars[name]
	return v, ok
}

func (c *cli) env(stdout, stderr io.Writer) env {
	return env{stdout: stdout, stderr: stderr, getenv: c.getenv}
}

// run runs one command line and returns what it wrote.
func (c *cli) run(args ...string) (stdout, stderr string, err error) {
	c.t.Helper()
	var out, errOut syncBuffer
	err = run(c.t.Context(), args, c.env(&out, &errOut))
	return out.String(), errOut.String(), err
}

// ok runs a command line that must succeed and log only JSON to stderr.
func (c *cli) ok(args ...string) (stdout, stderr string) {
	c.t.Helper()
	stdout, stderr, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("%v: %v\nstdout:\n%s\nstderr:\n%s", args, err, stdout, stderr)
	}
	checkLogLines(c.t, stderr)
	checkNoLogLines(c.t, stdout)
	return stdout, stderr
}

// config is the configuration the commands see.
func (c *cli) config() *config.Config {
	c.t.Helper()
	cfg, err := config.FromEnv(c.getenv)
	if err != nil {
		c.t.Fatalf("config.FromEnv: %v", err)
	}
	return cfg
}

// checkLogLines fails unless every line of s is a JSON log record.
func checkLogLines(t *testing.T, s string) {
	t.Helper()
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("stderr line is not a JSON log record: %q", line)
			continue
		}
		for _, k := range []string{"time", "level", "msg"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("stderr log record has no %q: %s", k, line)
			}
		}
	}
}

// checkNoLogLines fails if a log record went to stdout.
func checkNoLogLines(t *testing.T, s string) {
	t.Helper()
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, `"level"`) || strings.Contains(line, `"msg"`) || strings.Contains(line, "level=") {
			t.Errorf("stdout holds a log line: %q", line)
		}
	}
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

var (
	uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	apiKey = regexp.MustCompile(`^[A-Za-z0-9]{40}$`)
)

// createClient runs `clients create` and returns the new id.
func (c *cli) createClient(name string) string {
	c.t.Helper()
	out, _ := c.ok("clients", "create", "--name", name)
	id := lastLine(out)
	if !uuidV4.MatchString(id) {
		c.t.Fatalf("clients create: last line %q is not a lower-case UUIDv4; stdout:\n%s", id, out)
	}
	return id
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"version", "--version", "-v"} {
		t.Run(arg, func(t *testing.T) {
			t.Parallel()
			c := newCLI(t)
			out, errOut, err := c.run(arg)
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			if out != "ledgersync dev\n" {
				t.Errorf("stdout = %q, want %q", out, "ledgersync dev\n")
			}
			if errOut != "" {
				t.Errorf("stderr = %q, want nothing", errOut)
			}
		})
	}
}

func TestHelpGoesToStdout(t *testing.T) {
	t.Parallel()
	out, errOut, err := newCLI(t).run("help")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "usage: ledgersync") || errOut != "" {
		t.Errorf("help: stdout %q, stderr %q; want usage on stdout only", out, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string // in stderr besides the usage
	}{
		{"no command", nil, ""},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"flag as command", []string{"--frobnicate"}, `unknown command "--frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newCLI(t)
			out, errOut, err := c.run(tt.args...)
			if !errors.Is(err, errUsage) {
				t.Errorf("err = %v, want errUsage", err)
			}
			if !strings.Contains(errOut, "usage: ledgersync <command>") {
				t.Errorf("stderr has no usage:\n%s", errOut)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr does not contain %q:\n%s", tt.want, errOut)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			if entries, _ := os.ReadDir(c.dir); len(entries) != 0 {
				t.Errorf("a usage error touched the data directory: %v", entries)
			}
		})
	}
}

func TestMigrateTwice(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	for i := range 2 {
		out, errOut := c.ok("migrate")
		if out != "database (sqlite) is up to date\n" {
			t.Errorf("migrate %d: stdout = %q, want the result alone", i+1, out)
		}
		if i == 0 && !strings.Contains(errOut, "applied migration") {
			t.Errorf("migrate %d: stderr does not log the migrations:\n%s", i+1, errOut)
		}
		if i == 0 && !strings.Contains(errOut, "LEDGERSYNC_ENCRYPTION_KEY is not set") {
			t.Errorf("first migrate does not warn about the generated key:\n%s", errOut)
		}
		if i == 1 && strings.Contains(errOut, "LEDGERSYNC_ENCRYPTION_KEY is not set") {
			t.Errorf("second migrate generated a key again:\n%s", errOut)
		}
	}
	for _, f := range []string{"ledgersync.db", "encryption.key"} {
		if _, err := os.Stat(filepath.Join(c.dir, f)); err != nil {
			t.Errorf("after migrate: %v", err)
		}
	}
}

func TestClientsCreate(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	out, errOut := c.ok("clients", "create", "--name", "Acme Pay", "--company-limit", "5")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 2 || lines[0] != `created client "Acme Pay"` {
		t.Errorf("stdout = %q, want a header line and the id", out)
	}
	id := lastLine(out)
	if !uuidV4.MatchString(id) {
		t.Fatalf("last stdout line %q is not a lower-case UUIDv4", id)
	}
	if strings.Contains(errOut, "created client") {
		t.Errorf("result went to stderr:\n%s", errOut)
	}
	if id2 := c.createClient("Acme Pay"); id2 == id {
		t.Errorf("two clients got the same id %s", id)
	}

	s, err := app.OpenStore(t.Context(), c.config(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.FindClientByID(t.Context(), id)
	if err != nil {
		t.Fatalf("the printed id is not in the store: %v", err)
	}
	if got.Name != "Acme Pay" || got.CompanyLimit != 5 || got.Disabled {
		t.Errorf("stored client = %+v, want Acme Pay, limit 5, enabled", got)
	}
}

func TestCommandFlagErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"clients create without --name", []string{"clients", "create"}, "--name"},
		{"clients create with a blank --name", []string{"clients", "create", "--name", "  "}, "--name"},
		{"clients create with an unknown flag", []string{"clients", "create", "--nmae", "x"}, "nmae"},
		{"clients without subcommand", []string{"clients"}, "clients"},
		{"clients with unknown subcommand", []string{"clients", "delete"}, "delete"},
		{"clients update without --client", []string{"clients", "update", "--company-limit", "3"}, "--client"},
		{"keys create without --client", []string{"keys", "create"}, "--client"},
		{"keys without subcommand", []string{"keys"}, "keys"},
		{"keys with unknown subcommand", []string{"keys", "list"}, "keys"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newCLI(t)
			out, errOut, err := c.run(tt.args...)
			if err == nil {
				t.Fatalf("%v succeeded; stdout %q", tt.args, out)
			}
			if !strings.Contains(err.Error()+errOut, tt.want) {
				t.Errorf("error %q (stderr %q) does not mention %q", err, errOut, tt.want)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
		})
	}
}

func TestKeysCreate(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	id := c.createClient("Acme Pay")
	out, errOut := c.ok("keys", "create", "--client", id)
	key := lastLine(out)
	if !apiKey.MatchString(key) {
		t.Fatalf("last stdout line %q is not a 40-character [A-Za-z0-9] key; stdout:\n%s", key, out)
	}
	if strings.Count(out, key) != 1 {
		t.Errorf("the key is printed %d times, want once", strings.Count(out, key))
	}
	if strings.Contains(errOut, key) {
		t.Errorf("the key appears in stderr:\n%s", errOut)
	}
	out2, _ := c.ok("keys", "create", "--client", id)
	if key2 := lastLine(out2); key2 == key || !apiKey.MatchString(key2) {
		t.Errorf("second key %q, first %q: want a distinct well-formed key", key2, key)
	}

	// The key authenticates as the client.
	s, err := app.OpenStore(t.Context(), c.config(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Authenticate(t.Context(), key)
	if err != nil || got.ID != id {
		t.Errorf("Authenticate(printed key) = %v, %v; want client %s", got, err, id)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// Nothing in the data directory holds the key in plaintext, while the
	// client id, which is stored in plaintext, is found: the scan works.
	var files []string
	var idFound bool
	err = filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, filepath.Base(path))
		if bytes.Contains(b, []byte(key)) {
			t.Errorf("the API key is stored in plaintext in %s", path)
		}
		idFound = idFound || bytes.Contains(b, []byte(id))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(files, "ledgersync.db") {
		t.Errorf("ledgersync.db not among the data files %v", files)
	}
	if !idFound {
		t.Errorf("the client id is in none of %v; the plaintext scan proves nothing", files)
	}
}

func TestKeysCreateUnknownClient(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	c.ok("migrate")
	for _, id := range []string{"00000000-0000-4000-8000-000000000000", "not-a-uuid"} {
		out, _, err := c.run("keys", "create", "--client", id)
		if err == nil {
			t.Errorf("keys create --client %s succeeded: %q", id, out)
			continue
		}
		if !strings.Contains(err.Error(), id) {
			t.Errorf("error %q does not name the client %s", err, id)
		}
		if out != "" {
			t.Errorf("stdout = %q, want nothing", out)
		}
	}
}

func TestClientsUpdate(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	id := c.createClient("Acme Pay")

	type want struct {
		limit    int
		disabled bool
		off      []string
	}
	steps := []struct {
		name    string
		args    []string
		wantErr string // empty: must succeed
		want    want
	}{
		{"disable an integration and set a limit", []string{"--disable-integration", "qhyg", "--company-limit", "3"}, "", want{3, false, []string{"qhyg"}}},
		{"disabling twice keeps one entry", []string{"--disable-integration", "qhyg"}, "", want{3, false, []string{"qhyg"}}},
		{"unknown integration", []string{"--disable-integration", "nope"}, `"nope"`, want{3, false, []string{"qhyg"}}},
		{"unknown integration to enable", []string{"--enable-integration", "zzzz", "--company-limit", "9"}, `"zzzz"`, want{3, false, []string{"qhyg"}}},
		{"enable it again", []string{"--enable-integration", "qhyg"}, "", want{3, false, nil}},
		{"disable the client", []string{"--disable"}, "", want{3, true, nil}},
		{"enable the client, clear the limit", []string{"--enable", "--company-limit", "0"}, "", want{0, false, nil}},
	}
	for _, st := range steps {
		args := append([]string{"clients", "update", "--client", id}, st.args...)
		out, errOut, err := c.run(args...)
		switch {
		case st.wantErr == "" && err != nil:
			t.Fatalf("%s: %v\nstderr:\n%s", st.name, err, errOut)
		case st.wantErr != "" && err == nil:
			t.Errorf("%s: succeeded, want an error; stdout %q", st.name, out)
		case st.wantErr != "" && !strings.Contains(err.Error(), st.wantErr):
			t.Errorf("%s: error %q does not mention %s", st.name, err, st.wantErr)
		case st.wantErr == "" && !strings.HasPrefix(lastLine(out), "client "+id+":"):
			t.Errorf("%s: stdout %q does not report the client", st.name, out)
		}

		store, err := app.OpenStore(t.Context(), c.config(), slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.FindClientByID(t.Context(), id)
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		off := got.DisabledIntegrations
		if len(off) == 0 {
			off = nil
		}
		if got.CompanyLimit != st.want.limit || got.Disabled != st.want.disabled || !slices.Equal(off, st.want.off) {
			t.Errorf("after %s: limit=%d disabled=%t integrations off=%v; want limit=%d disabled=%t off=%v",
				st.name, got.CompanyLimit, got.Disabled, got.DisabledIntegrations, st.want.limit, st.want.disabled, st.want.off)
		}
		if got.IntegrationEnabled("qhyg") == slices.Contains(st.want.off, "qhyg") {
			t.Errorf("after %s: IntegrationEnabled(qhyg) = %t", st.name, got.IntegrationEnabled("qhyg"))
		}
	}

	out, _, err := c.run("clients", "update", "--client", "00000000-0000-4000-8000-000000000000", "--company-limit", "1")
	if err == nil {
		t.Errorf("clients update of an unknown client succeeded: %q", out)
	}
}

// demoRun is one `demo` process running in the background.
type demoRun struct {
	cancel  context.CancelFunc
	done    chan struct{} // closed when run returns, after err is set
	err     error
	stdout  *syncBuffer
	stderr  *syncBuffer
	baseURL string
	client  string
	key     string
}

var demoLine = regexp.MustCompile(`(?m)^\s*(Base URL|Client id|API key):\s+(\S+)\s*$`)

// startDemo starts `demo` and waits for it to print its key.
func (c *cli) startDemo() *demoRun {
	c.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := &demoRun{cancel: cancel, done: make(chan struct{}), stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	go func() {
		defer close(d.done)
		d.err = run(ctx, []string{"demo"}, c.env(d.stdout, d.stderr))
	}()
	c.t.Cleanup(func() {
		cancel()
		select {
		case <-d.done:
		case <-time.After(10 * time.Second):
		}
	})

	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(d.stdout.String(), "API key:") {
		select {
		case <-d.done:
			c.t.Fatalf("demo ended before printing its key: %v\nstderr:\n%s", d.err, d.stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("demo printed no key within 10s\nstdout:\n%s\nstderr:\n%s", d.stdout, d.stderr)
		}
	}
	out := d.stdout.String()
	for _, m := range demoLine.FindAllStringSubmatch(out, -1) {
		switch m[1] {
		case "Base URL":
			d.baseURL = m[2]
		case "Client id":
			d.client = m[2]
		case "API key":
			d.key = m[2]
		}
	}
	if d.baseURL == "" || !uuidV4.MatchString(d.client) || !apiKey.MatchString(d.key) {
		c.t.Fatalf("cannot read base URL, client id and key from:\n%s", out)
	}
	return d
}

// stop cancels the demo and waits for a graceful return.
func (d *demoRun) stop(t *testing.T) {
	t.Helper()
	d.cancel()
	select {
	case <-d.done:
		if d.err != nil {
			t.Errorf("demo returned %v after cancel, want nil\nstderr:\n%s", d.err, d.stderr)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("demo did not return within 10s of cancel")
	}
	checkLogLines(t, d.stderr.String())
	checkNoLogLines(t, d.stdout.String())
}

// call makes one request and decodes a JSON response into out if given.
func call(t *testing.T, hc *http.Client, method, url, key, body string, out any) int {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, out); err != nil {
			t.Errorf("%s %s: %v in %s", method, url, err, b)
		}
	}
	return resp.StatusCode
}

func TestDemo(t *testing.T) {
	t.Parallel()
	c := newCLI(t, "LEDGERSYNC_LISTEN_ADDR", "127.0.0.1:0")
	hc := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer hc.CloseIdleConnections()

	d := c.startDemo()
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[1-9][0-9]*$`).MatchString(d.baseURL) {
		t.Errorf("base URL %q does not name the port actually bound", d.baseURL)
	}
	out := d.stdout.String()
	for _, want := range []string{
		"-d '{\"name\":\"Demo Bakery\"}' " + d.baseURL + "/companies\n",
		"-H 'Authorization: Bearer " + d.key + "' " + d.baseURL + "/companies\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks the curl command ending %q:\n%s", want, out)
		}
	}
	if strings.Contains(d.stderr.String(), d.key) {
		t.Error("the demo key appears in stderr")
	}

	for _, path := range []string{"/healthz", "/readyz"} {
		if code := call(t, hc, "GET", d.baseURL+path, "", "", nil); code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, code)
		}
	}
	if code := call(t, hc, "GET", d.baseURL+"/companies", "", "", nil); code != http.StatusUnauthorized {
		t.Errorf("GET /companies without a key = %d, want 401", code)
	}

	var created struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	if code := call(t, hc, "POST", d.baseURL+"/companies", d.key, `{"name":"Demo Bakery"}`, &created); code != http.StatusOK {
		t.Fatalf("POST /companies = %d, want 200", code)
	}
	if created.Name != "Demo Bakery" || created.ID == "" {
		t.Errorf("POST /companies = %+v, want the name echoed and an id", created)
	}
	type list struct {
		TotalResults int `json:"totalResults"`
		Results      []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"results"`
	}
	var l list
	if code := call(t, hc, "GET", d.baseURL+"/companies", d.key, "", &l); code != http.StatusOK {
		t.Fatalf("GET /companies = %d, want 200", code)
	}
	// The demo's own merchant, whose start URL it printed, is there too.
	if l.TotalResults != 2 || !hasCompany(l.Results, created.ID, "Demo Bakery") || !hasCompany(l.Results, "", "Corner Café") {
		t.Errorf("GET /companies = %+v, want %s and the demo merchant", l, created.ID)
	}
	hc.CloseIdleConnections()
	d.stop(t)

	st, err := os.Stat(filepath.Join(c.dir, "demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("demo.json, which holds the demo key, has mode %o", perm)
	}

	// A second start on the same data directory reuses the demo client.
	d2 := c.startDemo()
	if d2.key != d.key || d2.client != d.client {
		t.Errorf("second demo: client %s key %s; want the first run's %s %s", d2.client, d2.key, d.client, d.key)
	}
	l = list{}
	if code := call(t, hc, "GET", d2.baseURL+"/companies", d2.key, "", &l); code != http.StatusOK || l.TotalResults != 2 {
		t.Errorf("second demo: GET /companies = %d %+v, want the company kept", code, l)
	}
	hc.CloseIdleConnections()
	d2.stop(t)

	s, err := app.OpenStore(t.Context(), c.config(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRowContext(t.Context(), `SELECT count(*) FROM clients WHERE name = $1`, demoClientName).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d demo clients after two starts, want 1", n)
	}
}

func TestBadSettingFailsAtStart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value, want string
	}{
		{"LEDGERSYNC_LOG_LEVEL", "loud", "LEDGERSYNC_LOG_LEVEL"},
		{"LEDGERSYNC_LOG_FORMAT", "xml", "LEDGERSYNC_LOG_FORMAT"},
		{"LEDGERSYNC_DATABASE_URL", "mysql://root@db/ls", "LEDGERSYNC_DATABASE_URL"},
		{"LEDGERSYNC_ENCRYPTION_KEY", "c2hvcnQ=", "LEDGERSYNC_ENCRYPTION_KEY"},
		{"LEDGERSYNC_BASE_URL", "ftp://x", "LEDGERSYNC_BASE_URL"},
		{"LEDGERSYNC_ENCRYPTION_KEY_FILE", "/nonexistent/ledgersync.key", "LEDGERSYNC_ENCRYPTION_KEY_FILE"},
	}
	commands := [][]string{
		{"serve"},
		{"demo"},
		{"migrate"},
		{"clients", "create", "--name", "Acme Pay"},
		{"keys", "create", "--client", "00000000-0000-4000-8000-000000000000"},
	}
	for _, tt := range tests {
		for _, args := range commands {
			t.Run(tt.name+"/"+strings.Join(args[:1], " "), func(t *testing.T) {
				t.Parallel()
				// Hold the port: a command that listened before reading
				// its configuration would fail on the port instead.
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				defer ln.Close()
				c := newCLI(t, tt.name, tt.value, "LEDGERSYNC_LISTEN_ADDR", ln.Addr().String())
				c.vars["LEDGERSYNC_DATA_DIR"] = filepath.Join(c.dir, "data")

				ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
				defer cancel()
				var out, errOut syncBuffer
				err = run(ctx, args, c.env(&out, &errOut))
				if err == nil {
					t.Fatalf("%v with %s=%s succeeded", args, tt.name, tt.value)
				}
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q does not name %s", err, tt.want)
				}
				if strings.Contains(err.Error(), "listen") {
					t.Errorf("error %q: the command listened before checking its configuration", err)
				}
				if _, err := os.Stat(c.vars["LEDGERSYNC_DATA_DIR"]); !os.IsNotExist(err) {
					t.Errorf("a bad setting still created the data directory (stat: %v)", err)
				}
				if out.String() != "" {
					t.Errorf("stdout = %q, want nothing", out.String())
				}
			})
		}
	}
}

func TestSecretsReseal(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	out, _ := c.ok("secrets", "reseal")
	if out != "resealed 0 secrets under the current key\n" {
		t.Fatalf("stdout %q", out)
	}
	if _, _, err := c.run("secrets", "nope"); err == nil {
		t.Fatal("unknown secrets subcommand accepted")
	}
}

// hasCompany reports whether a listed company has the name (and the id,
// when given).
func hasCompany(results []struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}, id, name string) bool {
	for _, r := range results {
		if r.Name == name && (id == "" || r.ID == id) {
			return true
		}
	}
	return false
}

var startURLLine = regexp.MustCompile(`(?m)^\s+(http://\S+/flow/\S+/start\?\S+)$`)

func TestDemoPrintsAWorkingStartURL(t *testing.T) {
	t.Parallel()
	c := newCLI(t, "LEDGERSYNC_LISTEN_ADDR", "127.0.0.1:0")
	d := c.startDemo()
	m := startURLLine.FindStringSubmatch(d.stdout.String())
	if m == nil || !strings.Contains(d.stdout.String(), "demo-sandbox-password") {
		t.Fatalf("no start URL or sandbox credentials in:\n%s", d.stdout)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("opening the printed start URL: %d", res.StatusCode)
	}
	d.stop(t)
	out, _ := c.ok("demo", "url", "--merchant", "Second Shop")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if u := lines[len(lines)-1]; !strings.Contains(u, "/flow/") || !strings.Contains(u, "merchantIdentifier=Second+Shop") {
		t.Fatalf("demo url printed %q", out)
	}
}
