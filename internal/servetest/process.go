// Package servetest runs real ledgersync processes for the tests that
// need them, the crash test (internal/crashtest) and the scale-out test
// (internal/scaletest): it builds the binary, starts and kills `ledgersync
// serve` children, speaks the partner API to them, holds the worked
// example's push bodies, and checks a sandbox ledger against an expected
// one and against the pushed data.
package servetest

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Wait bounds every single wait: a command, a request, a process
// starting or stopping, a sync reaching a final status.
const Wait = 30 * time.Second

// EncryptionKey is a fixed LEDGERSYNC_ENCRYPTION_KEY, so that the CLI and
// every serve open what the others sealed.
var EncryptionKey = base64.StdEncoding.EncodeToString([]byte("servetest-fixed-encryption-key!!"))

// Build builds the ledgersync command into dir and returns its path.
func Build(t testing.TB, dir string) string {
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

// FreeAddr returns a loopback address with a port free at the moment.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Env is this process's environment without its LEDGERSYNC_ variables,
// followed by kv: what a child should see.
func Env(kv ...string) []string {
	var env []string
	for _, v := range os.Environ() {
		if !strings.HasPrefix(v, "LEDGERSYNC_") {
			env = append(env, v)
		}
	}
	return append(env, kv...)
}

// CLI runs a ledgersync command to completion and returns its stdout.
func CLI(t testing.TB, bin string, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Wait)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ledgersync %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// LastLine is the last non-empty line of a command's output.
func LastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// Child is a running `ledgersync serve`.
type Child struct {
	// Addr is where it listens; Log the file its output goes to.
	Addr, Log string
	cmd       *exec.Cmd
	done      chan struct{}
	err       error
}

// Start starts `ledgersync serve` with env (which must set
// LEDGERSYNC_LISTEN_ADDR to addr), its output going to logPath, and waits
// until it answers /readyz. The child is killed when the test ends.
func Start(t testing.TB, bin string, env []string, addr, logPath string) *Child {
	t.Helper()
	c := &Child{Addr: addr, Log: logPath, done: make(chan struct{})}
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	c.cmd = exec.Command(bin, "serve")
	c.cmd.Env = env
	c.cmd.Stdout, c.cmd.Stderr = logFile, logFile
	if err := c.cmd.Start(); err != nil {
		logFile.Close()
		t.Fatal(err)
	}
	go func() {
		c.err = c.cmd.Wait()
		logFile.Close()
		close(c.done)
	}()
	t.Cleanup(c.Kill)
	client := &http.Client{Timeout: Wait}
	deadline := time.Now().Add(Wait)
	for {
		if c.Exited() {
			t.Fatalf("serve exited on start: %v\n%s", c.err, c.Tail())
		}
		res, err := client.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return c
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready after %s\n%s", Wait, c.Tail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Done is closed once the child has exited.
func (c *Child) Done() <-chan struct{} { return c.done }

// Err is how the child ended, once it has.
func (c *Child) Err() error {
	<-c.done
	return c.err
}

// Exited reports whether the child has ended.
func (c *Child) Exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// Sigkilled reports whether the child is gone, killed by SIGKILL.
func (c *Child) Sigkilled() bool {
	if !c.Exited() {
		return false
	}
	var exit *exec.ExitError
	if !errors.As(c.err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// Kill ends the child at once with SIGKILL, if it still runs, and waits
// for it to exit.
func (c *Child) Kill() {
	if c.Exited() {
		return
	}
	_ = c.cmd.Process.Kill()
	select {
	case <-c.done:
	case <-time.After(Wait):
	}
}

// Stop asks the child to shut down, and kills it if it does not.
func (c *Child) Stop(t testing.TB) {
	t.Helper()
	if c.Exited() {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(Wait):
		c.Kill()
		t.Fatalf("serve did not stop within %s\n%s", Wait, c.Tail())
	}
}

// Tail is the end of the child's log, for failure messages.
func (c *Child) Tail() string {
	b, _ := os.ReadFile(c.Log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}
