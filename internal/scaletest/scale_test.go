package scaletest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the schedule's Europe/London must not depend on the host's zone files

	"github.com/ledgersync/ledgersync/internal/schedule"
	"github.com/ledgersync/ledgersync/internal/servetest"
)

// companiesEnv sets how many companies fall due at once; the default,
// smokeCompanies, is the size every test run uses (well under a minute).
// `make soak` sets 1,000.
const companiesEnv = "LEDGERSYNC_SOAK_COMPANIES"

const (
	smokeCompanies = 30
	processes      = 3
)

// days are the business days each company pushes: the worked example
// twice, about twenty documents a company.
var days = []string{"2024-03-04", "2024-03-05"}

// TestScaleOut is the scale-out acceptance test: three serve processes
// share one PostgreSQL database; many companies, each linked to its own
// sandbox organisation and pushed the same data, fall due at the same
// boundary; one process (the leader, when it is running syncs) is killed
// with SIGKILL once a third of the syncs have ended, and started again.
// Every company's period must be synced exactly once, and its sandbox
// ledger must hold every document of the control company's (synced
// before, with nothing killed) exactly once, adding up to the pushed
// data. It prints how many syncs each process ran.
func TestScaleOut(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills ledgersync processes")
	}
	n := companies(t)
	began := time.Now()
	f := newFleet(t, processes)
	built := time.Since(began)
	want, cos := f.prepare(n)
	setUp := time.Since(began) - built
	r := f.run(cos, want)
	found := f.check(cos, want)
	w := f.work(context.Background(), cos)
	for _, o := range w.other {
		found.add("a sync job ended %s", o)
	}

	order := make([]string, len(r.workers))
	for i, id := range r.workers {
		order[i] = f.name(id)
	}
	t.Logf("syncs by process:\n%s", w.table(order))
	t.Logf("scheduler ticks (enqueue_due_syncs) took %v", w.took)
	summary := fmt.Sprintf("scale-out test: %d companies (%d documents each) on %d processes: %s; "+
		"1 kill (%s after %s, %d syncs cut short): %d duplicated, %d lost, %d unexpected, %d with other amounts, "+
		"%d periods not synced exactly once or not 2000, %d wrong statuses; syncs took %s (binary %s, set-up %s, in all %s)",
		n, len(want.ledger.Entries()), processes, w.summary(order), r.victim.name, r.killedAfter.Round(time.Millisecond), r.cut,
		found.duplicated, found.lost, found.unexpected, found.differ, found.badRuns, found.badStatus,
		r.took.Round(time.Millisecond), built.Round(time.Millisecond), setUp.Round(time.Second), time.Since(began).Round(time.Second))
	t.Log(summary)
	fmt.Println(summary)
	if found.more > 0 {
		t.Logf("%d syncs of the next boundary ran too (the test crossed midnight in London); each found nothing to sync", found.more)
	}
	if !found.ok() {
		t.Errorf("the scale-out run went wrong:\n%s", strings.Join(found.problems, "\n"))
	}
}

// prepare sets up n companies and the control company on the running
// processes, syncs the control, and returns what every company's sync
// must come to, and the companies.
func (f *fleet) prepare(n int) (*expected, []company) {
	f.t.Helper()
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.t.Fatal(err)
	}
	// The configuration's schedule: Daily at midnight in London, from
	// 2024-03-01. due is the last boundary, so its period holds the data.
	want := &expected{src: servetest.NewSource(f.t, days),
		s0:  schedule.S0(schedule.Date{Year: 2024, Month: time.March, Day: 1}, 0, london),
		due: schedule.Boundary(schedule.BusinessDay(time.Now(), 0, london), 0, london)}
	began := time.Now()
	f.startAll(" (set-up)")
	all := f.setUp(n+1, want.src)
	f.t.Logf("set up %d companies (and a control) on %d processes in %s", n, processes, time.Since(began).Round(time.Millisecond))
	want.ledger = f.control(all[0], want)
	if schedule.BusinessDay(time.Now(), 0, london) != schedule.BusinessDay(want.due, 0, london) {
		f.t.Skip("the set-up crossed midnight in London, the schedule's boundary: run the test again")
	}
	return want, all[1:]
}

// runReport is what happened while the companies synced.
type runReport struct {
	victim *proc
	// workers are the River client ids of the processes that synced, the
	// restarted one last.
	workers           []string
	cut               int
	killedAfter, took time.Duration
}

// run makes the companies due and starts the processes, kills one once a
// third of the syncs have ended, rescues its jobs, starts it again, and
// waits until every sync has ended.
func (f *fleet) run(cos []company, want *expected) runReport {
	f.t.Helper()
	ctx := context.Background()
	// ledgersync was down at the boundary: the first tick of the next
	// leader finds every company due at once.
	f.stopAll()
	f.makeDue(ctx, cos, want.due)
	began := time.Now()
	r := runReport{workers: f.startAll("")}
	r.victim = f.killMidRun(ctx, want.due, cos, max(1, len(cos)/3))
	r.killedAfter = time.Since(began)
	dead := r.victim.worker
	r.cut = f.interrupted(ctx, dead)
	f.workers[dead] = r.victim.name + " (killed)"
	aged := f.rescue(ctx, dead)
	f.start(r.victim, r.victim.name+" (restarted)")
	r.workers = append(r.workers, r.victim.worker)
	f.t.Logf("killed %s after %s with %d syncs running; %d of its jobs aged for rescue; started it again",
		r.victim.name, r.killedAfter.Round(time.Millisecond), r.cut, aged)
	f.awaitDone(ctx, want.due, cos, time.Minute+time.Duration(len(cos))*time.Second)
	r.took = time.Since(began)
	return r
}

// check runs every check on the companies, the API's while the
// processes still run, then stops them.
func (f *fleet) check(cos []company, want *expected) *findings {
	f.t.Helper()
	ctx := context.Background()
	found := &findings{}
	f.checkStatuses(ctx, cos, want, found)
	f.stopAll()
	f.checkRuns(ctx, cos, want, found)
	f.checkLedgers(ctx, cos, want, found)
	return found
}

// companies is the number of companies: LEDGERSYNC_SOAK_COMPANIES, or
// the smoke size.
func companies(t *testing.T) int {
	t.Helper()
	v := os.Getenv(companiesEnv)
	if v == "" {
		return smokeCompanies
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < processes {
		t.Fatalf("%s=%q: want a whole number of at least %d", companiesEnv, v, processes)
	}
	return n
}

// control syncs the control company up to the boundary with a Latest
// sync, with nothing killed, and returns its ledger, which must itself be
// right: the reference every company's is compared with.
func (f *fleet) control(c company, want *expected) *servetest.Ledger {
	f.t.Helper()
	api := f.procs[0].api
	id := api.StartLatest(f.t, c.id, want.due.UTC().Format(time.RFC3339))
	if s, ok := api.AwaitSync(f.t, c.id, id, servetest.Wait); !ok || s.Code != 2000 || !s.Pushed {
		f.t.Fatalf("the control company's sync ended %s, dataPushed %t\n%s", s, s.Pushed, f.tail())
	}
	l, err := f.ledger(context.Background(), c)
	if err != nil {
		f.t.Fatal(err)
	}
	v := servetest.Compare(l, l)
	servetest.CheckSource(f.t, l, want.src.Days, want.src.Sales, want.src.Paid, &v)
	servetest.CheckPostings(l, f.postings(context.Background())[c.id], &v)
	if !v.OK() || len(l.Entries()) == 0 {
		f.t.Fatalf("the control company's ledger: %s\n%s", strings.Join(v.Problems, "\n"), l.Raw)
	}
	return l
}
