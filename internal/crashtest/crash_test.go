package crashtest

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync/internal/servetest"
	"github.com/ledgersync/ledgersync/internal/syncer"
)

// killsEnv sets how many kills each failpoint gets; the default, 5, is a
// smoke size for every test run (about a minute). With 50, each of the
// fifty documents is killed at once per failpoint (about eight minutes:
// pass -timeout).
const killsEnv = "LEDGERSYNC_CRASH_KILLS"

// source is the pushed data and what the ledger must add up to.
type source struct {
	*servetest.Source
	// changed is the orders push of the late change.
	changed string
	// sales and paid are each day's totals after the late change.
	sales, paid map[string]int64
}

func newSource(t *testing.T) *source {
	t.Helper()
	s := &source{Source: servetest.NewSource(t, days)}
	s.changed = lateChange.Replace(s.Orders)
	s.sales, s.paid = servetest.SourceSales(t, s.changed), s.Paid
	return s
}

// cycle is one run of the scenario, with a failpoint armed or not.
type cycle struct {
	failpoint string
	ledger    *servetest.Ledger
	postings  map[string]string
	// killed is the sync the kill interrupted ("" when none did), and
	// killedDay the day it synced; killedStatus is the status it ended
	// with once serve was started again.
	killed, killedDay string
	killedStatus      servetest.SyncStatus
}

// runCycle runs the scenario on a fresh data directory:
//  1. serve starts, with the failpoint armed when one is given;
//  2. a company is linked to a new sandbox organisation and configured,
//     and five days of the worked example are pushed;
//  3. a Latest sync per day, in order, until one of them kills serve;
//  4. after a kill: serve starts again without the failpoint, River
//     retries the interrupted sync, which must end well;
//  5. a Latest sync takes in whatever remains, a late change to every
//     day is pushed, and one more Latest sync posts the adjustments;
//  6. serve stops and the organisation's ledger is exported.
//
// A sync that ends badly is an error, but the cycle goes on, so that
// the ledger it leaves is still checked and counted.
func runCycle(t *testing.T, bin string, src *source, failpoint string) *cycle {
	t.Helper()
	c := &cycle{failpoint: failpoint}
	n := newNode(t, bin)
	o := n.provision()
	n.start(failpoint)
	n.linkCompany(o)
	n.push("orders", src.Orders)
	n.push("payments", src.Payments)
	n.push("transactions", src.Transactions)

	for _, d := range days {
		id := n.startLatest(servetest.After(d))
		s, ok := n.awaitSync(id, wait)
		if !ok {
			c.killed, c.killedDay = id, d
			break
		}
		if s.Code != 2000 {
			t.Errorf("sync of %s ended %s", d, s)
		}
	}
	switch {
	case failpoint != "" && c.killed == "":
		t.Fatalf("failpoint %s never fired", failpoint)
	case failpoint == "" && c.killed != "":
		t.Fatalf("serve died without a failpoint: %v\n%s", n.serve.Err(), n.serve.Tail())
	}
	if c.killed != "" {
		if !n.serve.Sigkilled() {
			t.Fatalf("serve ended with %v, want SIGKILL\n%s", n.serve.Err(), n.serve.Tail())
		}
		// The interrupted sync's job is running; so may be jobs of syncs
		// that finished just before, whose completion River had not
		// written yet: retried, they find their run finished.
		if aged := n.ageStuckJobs(); aged < 1 {
			t.Fatalf("no running job after the kill, want the interrupted sync's")
		}
		n.start("")
		var ok bool
		if c.killedStatus, ok = n.awaitSync(c.killed, 2*wait); !ok {
			t.Fatalf("serve died again\n%s", n.serve.Tail())
		}
		if !c.killedStatus.Succeeded() {
			t.Errorf("interrupted sync of %s ended %s after the restart", c.killedDay, c.killedStatus)
		}
	}

	if s, _ := n.awaitSync(n.startLatest(servetest.After(days[len(days)-1])), wait); !s.Succeeded() {
		t.Errorf("sync of what remains ended %s", s)
	}
	n.push("orders", src.changed)
	if s, _ := n.awaitSync(n.startLatest("2024-03-10T00:00:00Z"), wait); s.Code != 2000 {
		t.Errorf("sync of the late change ended %s", s)
	}
	n.serve.Stop(t)
	c.ledger, c.postings = n.export(o.TenantID), n.postings()
	return c
}

// hitFor is the hit of a failpoint that kill j lands on: for the
// per-document points, a different document each time, of a different
// kind and day (with ten a day: the 1st of day 1, the 4th of day 2, the
// 7th of day 3, the last of day 4, the 3rd of day 1, …); for
// period-close, the close of day 1, 2, … in turn.
func hitFor(point string, j, perDay int) int {
	if point == syncer.FailPeriodClose {
		return 1 + j%len(days)
	}
	// A step prime to the number of documents visits every one of them
	// once enough kills are asked for.
	n, step := perDay*len(days), perDay+3
	for gcd(step, n) != 1 {
		step++
	}
	return 1 + (j*step)%n
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// tally counts a failpoint's kills and what they left.
type tally struct {
	kills, duplicated, lost, unexpected, differ, misreported int
}

// TestKillNine is RELIABILITY.md point 19: serve is killed with SIGKILL
// at each of the runner's failpoints, on different documents and days,
// started again, and the sandbox ledger must hold every document of an
// uncrashed run exactly once, with the same amounts, adding up to the
// pushed data. LEDGERSYNC_CRASH_KILLS sets the kills per failpoint.
//
// The sandbox always honours Idempotency-Key; the variant with its
// idempotency off (lookup by reference alone) needs a switch in the
// sandbox and is not run.
func TestKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills ledgersync processes")
	}
	kills := 5
	if v := os.Getenv(killsEnv); v != "" {
		var err error
		if kills, err = strconv.Atoi(v); err != nil || kills < 1 {
			t.Fatalf("%s=%q: want a whole number of at least 1", killsEnv, v)
		}
	}
	began := time.Now()
	bin := servetest.Build(t, t.TempDir())
	src := newSource(t)

	// The uncrashed run is the reference; it must itself be right.
	control := runCycle(t, bin, src, "")
	if t.Failed() {
		t.FailNow()
	}
	v := servetest.Compare(control.ledger, control.ledger)
	servetest.CheckSource(t, control.ledger, days, src.sales, src.paid, &v)
	servetest.CheckPostings(control.ledger, control.postings, &v)
	if !v.OK() {
		t.Fatalf("uncrashed run: %s\n%s", strings.Join(v.Problems, "\n"), control.ledger.Raw)
	}
	perDay := 0
	for _, e := range control.ledger.Entries() {
		if e.Day() == days[0] && !strings.Contains(e.Ref, "-ADJ") {
			perDay++
		}
	}
	t.Logf("uncrashed run: %d documents, %d a day before the late change", len(control.ledger.Entries()), perDay)

	points := []string{syncer.FailBeforeSend, syncer.FailAfterSend, syncer.FailAfterRecord, syncer.FailPeriodClose}
	var mu sync.Mutex
	tallies := map[string]*tally{}
	t.Run("failpoints", func(t *testing.T) {
		for _, p := range points {
			tl := &tally{}
			tallies[p] = tl
			t.Run(p, func(t *testing.T) {
				t.Parallel()
				for j := range kills {
					armed := fmt.Sprintf("%s@%d", p, hitFor(p, j, perDay))
					t.Run(armed, func(t *testing.T) {
						c := runCycle(t, bin, src, armed)
						v := servetest.Compare(control.ledger, c.ledger)
						servetest.CheckSource(t, c.ledger, days, src.sales, src.paid, &v)
						servetest.CheckPostings(c.ledger, c.postings, &v)
						misreported := c.killedStatus.Code != 2000 || !c.killedStatus.Pushed
						mu.Lock()
						tl.kills++
						tl.duplicated += v.Duplicated
						tl.lost += v.Lost
						tl.unexpected += v.Unexpected
						tl.differ += v.Differ
						if misreported {
							tl.misreported++
						}
						mu.Unlock()
						t.Logf("killed during the sync of %s; after the restart it ended %s, dataPushed %t",
							c.killedDay, c.killedStatus, c.killedStatus.Pushed)
						if !v.OK() {
							t.Errorf("ledger after the kill:\n%s", strings.Join(v.Problems, "\n"))
						}
					})
				}
			})
		}
	})

	var all tally
	for _, p := range points {
		tl := tallies[p]
		t.Logf("%-12s %d kills: %d duplicated, %d lost, %d unexpected, %d with other amounts; %d interrupted syncs reported other than 2000 with data pushed",
			p, tl.kills, tl.duplicated, tl.lost, tl.unexpected, tl.differ, tl.misreported)
		all.kills += tl.kills
		all.duplicated += tl.duplicated + tl.unexpected
		all.lost += tl.lost
	}
	summary := fmt.Sprintf("crash test: %d kills at %d failpoints: %d duplicated, %d lost (%s)",
		all.kills, len(points), all.duplicated, all.lost, time.Since(began).Round(time.Second))
	t.Log(summary)
	fmt.Printf("%s\n", summary)
}
