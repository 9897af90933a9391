package scaletest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/servetest"
)

// expected is what each company's sync must come to.
type expected struct {
	due, s0 time.Time
	src     *servetest.Source
	// ledger is the control company's, synced with nothing killed.
	ledger *servetest.Ledger
}

// findings counts what the checks found, over every company.
type findings struct {
	mu                               sync.Mutex
	duplicated, lost, unexpected     int
	differ, badRuns, badStatus, more int
	problems                         []string
}

func (f *findings) add(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.problems) < 50 {
		f.problems = append(f.problems, fmt.Sprintf(format, args...))
	}
}

func (f *findings) ok() bool {
	return f.duplicated+f.lost+f.unexpected+f.differ+f.badRuns+f.badStatus == 0 && len(f.problems) == 0
}

// checkStatuses asks the API, of the live processes in turn, for each
// company's latest sync: the Scheduled sync of the period, ended 2000
// with data pushed.
func (f *fleet) checkStatuses(ctx context.Context, companies []company, want *expected, found *findings) {
	f.t.Helper()
	err := parallel(ctx, len(companies), 8, func(i int) error {
		c := companies[i]
		s, err := f.procs[i%len(f.procs)].api.StatusOf(c.id, "latest")
		if err != nil {
			return err
		}
		start, finish := want.s0.UTC().Format(time.RFC3339), want.due.UTC().Format(time.RFC3339)
		if s.Type == ledgersync.SyncScheduled && s.Code == ledgersync.CodeNothingToSync && sameInstant(s.Range.Start, finish) {
			return nil // the next boundary's sync: the test crossed midnight in London (checkRuns counts it)
		}
		if s.Type != ledgersync.SyncScheduled || s.Code != ledgersync.CodeComplete || !s.Pushed ||
			!sameInstant(s.Range.Start, start) || !sameInstant(s.Range.Finish, finish) {
			found.mu.Lock()
			found.badStatus++
			found.mu.Unlock()
			found.add("%s: latest sync is %s %s over [%s, %s), dataPushed %t; want Scheduled 2000 over [%s, %s) with data",
				c.name, s.Type, s, s.Range.Start, s.Range.Finish, s.Pushed, start, finish)
		}
		return nil
	})
	if err != nil {
		f.t.Fatalf("sync statuses: %v", err)
	}
}

// sameInstant compares two RFC 3339 times, whatever their precision.
func sameInstant(a, b string) bool {
	ta, errA := time.Parse(time.RFC3339, a)
	tb, errB := time.Parse(time.RFC3339, b)
	return errA == nil && errB == nil && ta.Equal(tb)
}

// checkRuns reads every sync run of the companies: each has exactly one
// Scheduled run due at the boundary, over [S0, due), ended 2000 with
// data pushed, and no other run, except Scheduled runs of later
// boundaries (should the test cross midnight in London), which must find
// nothing to sync; found.more counts those.
func (f *fleet) checkRuns(ctx context.Context, companies []company, want *expected, found *findings) {
	f.t.Helper()
	ids := make([]string, len(companies))
	byID := map[string]company{}
	for i, c := range companies {
		ids[i], byID[c.id] = c.id, c
	}
	rows, err := f.store.DB().QueryContext(ctx, `SELECT company_id, sync_type, coalesce(due_at, period_finish), period_start,
		period_finish, status_code, data_pushed FROM sync_runs WHERE company_id = ANY($1)`, ids)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	periods := map[string]int{}
	for rows.Next() {
		var id, typ string
		var due, start, finish time.Time
		var code int
		var pushed bool
		if err := rows.Scan(&id, &typ, &due, &start, &finish, &code, &pushed); err != nil {
			f.t.Fatal(err)
		}
		c := byID[id]
		switch {
		case typ == ledgersync.SyncScheduled && due.Equal(want.due):
			periods[id]++
			if code != ledgersync.CodeComplete || !pushed || !start.Equal(want.s0) || !finish.Equal(want.due) {
				found.badRuns++
				found.add("%s: the Scheduled sync due %s ended %d over [%s, %s), dataPushed %t", c.name, due, code, start, finish, pushed)
			}
		case typ == ledgersync.SyncScheduled && due.After(want.due) && code == ledgersync.CodeNothingToSync:
			found.more++
		default:
			found.badRuns++
			found.add("%s: unexpected %s sync due %s, ended %d", c.name, typ, due, code)
		}
	}
	if err := rows.Err(); err != nil {
		f.t.Fatal(err)
	}
	for _, c := range companies {
		if n := periods[c.id]; n != 1 {
			found.badRuns++
			found.add("%s: the period due %s was synced %d times, want once", c.name, want.due, n)
		}
	}
}

// checkLedgers exports every company's sandbox ledger and checks it
// against the control company's, against the pushed data, and against
// the postings ledger.
func (f *fleet) checkLedgers(ctx context.Context, companies []company, want *expected, found *findings) {
	f.t.Helper()
	postings := f.postings(ctx)
	err := parallel(ctx, len(companies), 4, func(i int) error {
		c := companies[i]
		l, err := f.ledger(ctx, c)
		if err != nil {
			return fmt.Errorf("%s: export: %w", c.name, err)
		}
		v := servetest.Compare(want.ledger, l)
		servetest.CheckSource(f.t, l, want.src.Days, want.src.Sales, want.src.Paid, &v)
		servetest.CheckPostings(l, postings[c.id], &v)
		found.mu.Lock()
		found.duplicated += v.Duplicated
		found.lost += v.Lost
		found.unexpected += v.Unexpected
		found.differ += v.Differ
		found.mu.Unlock()
		for _, p := range v.Problems {
			found.add("%s: %s", c.name, p)
		}
		return nil
	})
	if err != nil {
		f.t.Fatalf("ledgers: %v", err)
	}
}

// postings is the postings ledger: each company's references and their
// status.
func (f *fleet) postings(ctx context.Context) map[string]map[string]string {
	f.t.Helper()
	rows, err := f.store.DB().QueryContext(ctx, `SELECT company_id, reference, status FROM postings`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]map[string]string{}
	for rows.Next() {
		var company, ref, status string
		if err := rows.Scan(&company, &ref, &status); err != nil {
			f.t.Fatal(err)
		}
		if out[company] == nil {
			out[company] = map[string]string{}
		}
		out[company][ref] = status
	}
	if err := rows.Err(); err != nil {
		f.t.Fatal(err)
	}
	return out
}

// work is who ran what, from River's jobs: each sync job counts for the
// process that completed it, its last attempt.
type work struct {
	syncs   map[string]int  // completed sync jobs by process
	rescued map[string]int  // of which, jobs an earlier attempt of another process had started
	ticks   map[string]int  // enqueue_due_syncs runs by process
	took    []time.Duration // how long each enqueue_due_syncs run took
	other   []string        // sync jobs not completed
}

// work reads River's jobs of the companies' syncs and the scheduler's
// ticks.
func (f *fleet) work(ctx context.Context, companies []company) work {
	f.t.Helper()
	w := work{syncs: map[string]int{}, rescued: map[string]int{}, ticks: map[string]int{}}
	ids := make([]string, len(companies))
	for i, c := range companies {
		ids[i] = c.id
	}
	rows, err := f.store.DB().QueryContext(ctx, `SELECT kind, state, array_to_string(attempted_by, ' '),
		coalesce(extract(epoch FROM finalized_at - attempted_at), 0) FROM river_job
		WHERE (kind = 'sync_company' AND args->>'companyId' = ANY($1)) OR kind = 'enqueue_due_syncs' ORDER BY id`, ids)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, state, attempts string
		var seconds float64
		if err := rows.Scan(&kind, &state, &attempts, &seconds); err != nil {
			f.t.Fatal(err)
		}
		by := strings.Fields(attempts)
		last := "nobody"
		if len(by) > 0 {
			last = f.name(by[len(by)-1])
		}
		switch {
		case kind == "enqueue_due_syncs":
			if len(by) > 0 {
				w.ticks[last]++
				w.took = append(w.took, time.Duration(seconds*float64(time.Second)).Round(time.Millisecond))
			}
		case state != "completed":
			w.other = append(w.other, state+" on "+last)
		default:
			w.syncs[last]++
			if len(by) > 1 {
				w.rescued[last]++
			}
		}
	}
	if err := rows.Err(); err != nil {
		f.t.Fatal(err)
	}
	return w
}

// name is the process a River client id belongs to.
func (f *fleet) name(worker string) string {
	if n, ok := f.workers[worker]; ok {
		return n
	}
	return worker
}

// table prints the counts of each process, in the order they started.
func (w work) table(order []string) string {
	var b strings.Builder
	for _, name := range order {
		fmt.Fprintf(&b, "  %-20s %5d syncs (%d rescued from the killed process), %d scheduler ticks\n",
			name, w.syncs[name], w.rescued[name], w.ticks[name])
	}
	for name, n := range w.syncs {
		if !slices.Contains(order, name) {
			fmt.Fprintf(&b, "  %-20s %5d syncs\n", name, n)
		}
	}
	return b.String()
}

// summary is the syncs of each process, on one line.
func (w work) summary(order []string) string {
	parts := make([]string, 0, len(order))
	for _, name := range order {
		parts = append(parts, fmt.Sprintf("%s ran %d", name, w.syncs[name]))
	}
	return strings.Join(parts, ", ")
}
