package scaletest

import (
	"context"
	"time"

	"github.com/ledgersync/ledgersync"
)

// makeDue sets every company's next due date to due, as if the boundary
// had passed while ledgersync was down: with serve stopped, so that the
// scheduler's first tick, which runs when the next leader starts, finds
// them all due at once. (The processes' clocks are real; only the stored
// due date moves, so River's own timing is untouched.)
func (f *fleet) makeDue(ctx context.Context, companies []company, due time.Time) {
	f.t.Helper()
	tx, err := f.store.DB().BeginTx(ctx, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	defer tx.Rollback()
	ids := make([]string, len(companies))
	for i, c := range companies {
		ids[i] = c.id
	}
	var runs int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_runs WHERE company_id = ANY($1)`, ids).Scan(&runs); err != nil {
		f.t.Fatal(err)
	}
	if runs > 0 {
		f.t.Fatalf("%d syncs ran before the companies were made due", runs)
	}
	for _, c := range companies {
		res, err := tx.ExecContext(ctx, `UPDATE sync_schedules SET next_due_at = $1 WHERE company_id = $2 AND next_due_at > $1`, due, c.id)
		if err != nil {
			f.t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			f.t.Fatalf("%s is not scheduled after %s", c.name, due)
		}
	}
	if err := tx.Commit(); err != nil {
		f.t.Fatal(err)
	}
}

// progress is how far the scheduled syncs have got.
type progress struct {
	waiting  int            // companies whose due date has not been taken up yet
	queued   int            // Scheduled runs recorded
	finished int            // of which ended
	jobs     int            // sync jobs not yet completed (available, running, retrying…)
	running  map[string]int // running sync jobs by River client id
}

// done reports whether every company's sync has ended and no sync job
// is left.
func (p progress) done(companies int) bool {
	return p.waiting == 0 && p.queued >= companies && p.finished == p.queued && p.jobs == 0
}

// progress reads the schedule, the runs and River's sync jobs.
func (f *fleet) progress(ctx context.Context, due time.Time, companies []company) (progress, error) {
	p := progress{running: map[string]int{}}
	ids := make([]string, len(companies))
	for i, c := range companies {
		ids[i] = c.id
	}
	db := f.store.DB()
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM sync_schedules WHERE next_due_at <= $1 AND company_id = ANY($2)`,
		due, ids).Scan(&p.waiting)
	if err != nil {
		return p, err
	}
	err = db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE status_code NOT IN ($1, $2)) FROM sync_runs
		WHERE sync_type = $3 AND company_id = ANY($4)`, ledgersync.CodePending, ledgersync.CodeRunningLong, ledgersync.SyncScheduled, ids).
		Scan(&p.queued, &p.finished)
	if err != nil {
		return p, err
	}
	rows, err := db.QueryContext(ctx, `SELECT state, coalesce(attempted_by[array_length(attempted_by, 1)], ''), count(*)
		FROM river_job WHERE kind = 'sync_company' AND state NOT IN ('completed', 'cancelled', 'discarded') GROUP BY 1, 2`)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var state, worker string
		var n int
		if err := rows.Scan(&state, &worker, &n); err != nil {
			return p, err
		}
		p.jobs += n
		if state == "running" {
			p.running[worker] += n
		}
	}
	return p, rows.Err()
}

// killMidRun waits until at least after of the scheduled syncs have
// ended, then kills with SIGKILL the process with syncs running: the
// leader if it has any, else the one with the most. It returns the
// killed slot.
func (f *fleet) killMidRun(ctx context.Context, due time.Time, companies []company, after int) *proc {
	f.t.Helper()
	for {
		p, err := f.progress(ctx, due, companies)
		if err != nil {
			f.t.Fatalf("progress: %v", err)
		}
		if p.done(len(companies)) {
			f.t.Fatalf("every sync ended before a process with syncs running could be killed")
		}
		if victim := f.victim(ctx, p); victim != nil && p.finished >= after {
			victim.child.Kill()
			if !victim.child.Sigkilled() {
				f.t.Fatalf("%s ended with %v, want SIGKILL", victim.name, victim.child.Err())
			}
			return victim
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// victim is the process to kill: the leader when it runs syncs, else the
// one running the most; nil when none runs any.
func (f *fleet) victim(ctx context.Context, p progress) *proc {
	var best *proc
	leader := f.leader(ctx)
	for _, pr := range f.procs {
		n := p.running[pr.worker]
		switch {
		case n == 0:
		case pr.worker == leader:
			return pr
		case best == nil || n > p.running[best.worker]:
			best = pr
		}
	}
	return best
}

// rescue stands in for the passage of River's rescue timeout (20
// minutes, RescueStuckJobsAfter) after a process died: the dead worker's
// running jobs look started two hours ago, and its leadership, if it led,
// is given up, so the rescuer of the next leader retries them on its
// next pass, as it would 20 minutes after the kill. Only the dead
// worker's rows are touched: the jobs the live processes are running
// stay theirs. It returns how many jobs it aged: the syncs the kill
// interrupted and any that had ended but whose completion River had not
// written yet (retried, they find their run finished).
func (f *fleet) rescue(ctx context.Context, dead string) int64 {
	f.t.Helper()
	res, err := f.store.DB().ExecContext(ctx, `UPDATE river_job SET attempted_at = attempted_at - interval '2 hours'
		WHERE state = 'running' AND attempted_by[array_length(attempted_by, 1)] = $1`, dead)
	if err != nil {
		f.t.Fatalf("age the dead worker's jobs: %v", err)
	}
	aged, _ := res.RowsAffected()
	if _, err := f.store.DB().ExecContext(ctx, `DELETE FROM river_leader WHERE leader_id = $1`, dead); err != nil {
		f.t.Fatalf("expire the dead leader: %v", err)
	}
	return aged
}

// interrupted counts the syncs the kill cut short: the dead worker's
// running jobs whose run has not ended.
func (f *fleet) interrupted(ctx context.Context, dead string) int {
	f.t.Helper()
	var n int
	err := f.store.DB().QueryRowContext(ctx, `SELECT count(*) FROM river_job j JOIN sync_runs r ON r.id = j.args->>'syncId'
		WHERE j.kind = 'sync_company' AND j.state = 'running' AND j.attempted_by[array_length(j.attempted_by, 1)] = $1
		AND r.status_code IN ($2, $3)`, dead, ledgersync.CodePending, ledgersync.CodeRunningLong).Scan(&n)
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

// awaitDone waits until every company's sync has ended and no sync job
// is left, within limit.
func (f *fleet) awaitDone(ctx context.Context, due time.Time, companies []company, limit time.Duration) {
	f.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		p, err := f.progress(ctx, due, companies)
		if err != nil {
			f.t.Fatalf("progress: %v", err)
		}
		if p.done(len(companies)) {
			return
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("after %s: %d companies not yet taken up, %d of %d syncs ended, %d sync jobs left\n%s",
				limit, p.waiting, p.finished, p.queued, p.jobs, f.tail())
		}
		time.Sleep(200 * time.Millisecond)
	}
}
