package syncer

import (
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// FailpointEnv arms one crash point for the crash tests
// (internal/crashtest): "name" kills the process with SIGKILL the first
// time the runner reaches that point, "name@N" the Nth time. It is read
// once, at start, and is never set in production.
const FailpointEnv = "LEDGERSYNC_FAILPOINT"

// The crash points, in the order a document and then a period reach them.
const (
	// FailBeforeSend: the attempt is recorded, the request not sent.
	FailBeforeSend = "before-send"
	// FailAfterSend: the platform kept the document, the ledger does not
	// know it yet.
	FailAfterSend = "after-send"
	// FailAfterRecord: the ledger shows the document posted; the run goes
	// on to the next one.
	FailAfterRecord = "after-record"
	// FailPeriodClose: every document is posted and the period is being
	// closed (synced versions and posted totals), before the run is
	// finished.
	FailPeriodClose = "period-close"
)

// armedFailpoint is the crash point a process was started with.
type armedFailpoint struct {
	name string // "" when none is armed; no call site passes ""
	nth  int64  // the hit that kills, from 1
	hits atomic.Int64
}

var armed = parseFailpoint(os.Getenv(FailpointEnv))

// parseFailpoint reads "name" or "name@N"; anything else arms nothing.
func parseFailpoint(v string) *armedFailpoint {
	name, count, hasCount := strings.Cut(strings.TrimSpace(v), "@")
	f := &armedFailpoint{name: name, nth: 1}
	if hasCount {
		n, err := strconv.ParseInt(count, 10, 64)
		if err != nil || n < 1 {
			return &armedFailpoint{}
		}
		f.nth = n
	}
	return f
}

// hit counts one pass of the armed point and reports whether it is the
// one that kills.
func (f *armedFailpoint) hit(name string) bool {
	return f.name != "" && name == f.name && f.hits.Add(1) == f.nth
}

// failpoint kills the process, as kill -9 would, when name is the armed
// point and this is its Nth hit. Unarmed, it costs one string comparison.
func failpoint(name string) {
	if name != armed.name {
		return
	}
	if armed.hit(name) {
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way; do nothing more
	}
}
