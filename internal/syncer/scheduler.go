package syncer

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/schedule"
	"github.com/ledgersync/ledgersync/internal/store"
)

// EnqueueDueArgs is the periodic job that starts the syncs that are due.
type EnqueueDueArgs struct{}

// Kind is the job's stable name.
func (EnqueueDueArgs) Kind() string { return "enqueue_due_syncs" }

// Scheduler turns due dates into sync runs (SPEC §7): one run per due
// period, oldest first; periods more than 31 days late are recorded as
// skipped; a company whose accounting connection is not linked gets one
// failed run and no more until it is relinked; 31 days of failures
// disable it.
type Scheduler struct {
	store  *store.Store
	config *configuration.Service
	river  *river.Client[*sql.Tx]
	// Jitter spreads the runs of companies due at the same moment.
	Jitter time.Duration
	// Batch is how many due companies one tick handles.
	Batch int
}

// NewScheduler returns a scheduler with the contract's ten minutes of
// jitter.
func NewScheduler(s *store.Store, c *configuration.Service, r *river.Client[*sql.Tx]) *Scheduler {
	return &Scheduler{store: s, config: c, river: r, Jitter: 10 * time.Minute, Batch: 500}
}

// UseRiver sets the job client, which is built after the scheduler's
// worker.
func (s *Scheduler) UseRiver(r *river.Client[*sql.Tx]) { s.river = r }

// EnqueueDue starts the syncs due at now and returns how many it queued.
func (s *Scheduler) EnqueueDue(ctx context.Context, now time.Time) (int, error) {
	due, err := s.store.DueSchedules(ctx, now, s.Batch)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, st := range due {
		ok, err := s.tick(ctx, st, now)
		if err != nil {
			return queued, err
		}
		if ok {
			queued++
		}
	}
	return queued, nil
}

// tick handles one due company and reports whether it queued a sync.
func (s *Scheduler) tick(ctx context.Context, st *ledgersync.ScheduleState, now time.Time) (bool, error) {
	clientID, err := s.store.CompanyClient(ctx, st.CompanyID)
	if err != nil {
		return false, err
	}
	l, err := s.config.Load(ctx, clientID, st.CompanyID, time.Hour)
	if err != nil {
		return false, err
	}
	cfg := l.Config
	if !cfg.Enable {
		st.NextDueAt = nil
		return false, s.store.SaveNextDue(ctx, st)
	}
	loc, err := cfg.Schedule.Location()
	if err != nil {
		return false, err
	}
	catch := schedule.DuePeriods(*st.NextDueAt, now, cfg.Schedule.SelectedFrequency, cfg.Schedule.SyncHour, loc, schedule.CatchUpWindow)
	if err := s.skip(ctx, st, catch.Skip); err != nil {
		return false, err
	}
	if len(catch.Run) == 0 {
		st.NextDueAt = &catch.Next
		return false, s.store.SaveNextDue(ctx, st)
	}
	due := catch.Run[0]
	if st.FirstFailedDue != nil && schedule.ShouldAutoDisable(*st.FirstFailedDue, due) {
		return false, s.autoDisable(ctx, clientID, st, l)
	}
	if l.Accounting == nil || l.Accounting.Status != ledgersync.StatusLinked {
		return false, s.failUnlinked(ctx, st, due)
	}
	return s.queue(ctx, st, due, schedule.NextDue(due, cfg.Schedule.SelectedFrequency, cfg.Schedule.SyncHour, loc))
}

// period is a scheduled sync's period: [max(anchor, floor), due).
func period(st *ledgersync.ScheduleState, due time.Time) schedule.Period {
	anchor, floor := orTime(st.Anchor, time.Time{}), orTime(st.Floor, time.Time{})
	return schedule.ScheduledPeriod(anchor, floor, due)
}

// queue records a Scheduled run with its job, run at the due date plus
// the company's jitter. A sync still running leaves the due date for the
// next tick.
func (s *Scheduler) queue(ctx context.Context, st *ledgersync.ScheduleState, due, next time.Time) (bool, error) {
	p := period(st, due)
	run := &ledgersync.SyncRun{CompanyID: st.CompanyID, Type: ledgersync.SyncScheduled, Start: p.Start, Finish: p.Finish, DueAt: &due}
	runAt := schedule.RunAt(due, s.Jitter, st.CompanyID)
	err := s.store.CreateSyncRun(ctx, run, func(tx *sql.Tx, r *ledgersync.SyncRun) error {
		_, err := s.river.InsertTx(ctx, tx, SyncArgs{SyncID: r.ID, CompanyID: r.CompanyID}, &river.InsertOpts{ScheduledAt: runAt})
		return err
	})
	if errors.Is(err, store.ErrSyncInProgress) {
		return false, nil
	}
	queued := !errors.Is(err, store.ErrDueRecorded) // else another pass queued it and was cut short
	if err != nil && queued {
		return false, err
	}
	st.NextDueAt = &next
	return queued, s.store.SaveNextDue(ctx, st)
}

// skip records due dates too old to run as Skipped (4100) with a Sync
// Failed event, and moves the floor past them (SPEC §7.3).
func (s *Scheduler) skip(ctx context.Context, st *ledgersync.ScheduleState, dues []time.Time) error {
	for _, due := range dues {
		// The run is recorded with its Sync Failed event.
		if err := s.recordFinished(ctx, st, due, ledgersync.CodeSkipped, "This period was more than 31 days late and was not synced."); err != nil {
			return err
		}
		floor := due
		st.Floor = &floor
	}
	return nil
}

// failUnlinked records the one failed run of a company whose accounting
// connection is not linked, and stops scheduling it (SPEC §7.4).
func (s *Scheduler) failUnlinked(ctx context.Context, st *ledgersync.ScheduleState, due time.Time) error {
	if err := s.recordFinished(ctx, st, due, ledgersync.CodeDeauthorized,
		"The connection to your accounting software is not active. Reconnect it in the sync settings."); err != nil {
		return err
	}
	if st.FirstFailedDue == nil {
		st.FirstFailedDue = &due
	}
	st.NextDueAt = nil
	return s.store.SaveScheduleState(ctx, st)
}

// autoDisable turns sync off after 31 days of failures (SPEC §7.4).
func (s *Scheduler) autoDisable(ctx context.Context, clientID string, st *ledgersync.ScheduleState, l *configuration.Loaded) error {
	if _, _, err := s.config.Apply(ctx, l, []byte(`{"enable":false}`)); err != nil {
		return err
	}
	st, err := s.store.FindScheduleState(ctx, st.CompanyID)
	if err != nil {
		return err
	}
	st.AutoDisabled, st.NextDueAt = true, nil
	return s.store.SaveScheduleState(ctx, st)
}

// recordFinished records a Scheduled run that ends as soon as it starts.
func (s *Scheduler) recordFinished(ctx context.Context, st *ledgersync.ScheduleState, due time.Time, code int, message string) error {
	p := period(st, due)
	run := &ledgersync.SyncRun{CompanyID: st.CompanyID, Type: ledgersync.SyncScheduled, Start: p.Start, Finish: p.Finish, DueAt: &due}
	err := s.store.CreateSyncRun(ctx, run, nil)
	if errors.Is(err, store.ErrDueRecorded) {
		return nil // an earlier pass recorded it and was cut short
	}
	if err != nil {
		return err
	}
	run.StatusCode, run.ErrorMessage = code, &message
	return s.store.FinishSyncRun(ctx, run)
}

// EnqueueDueWorker runs the periodic job.
type EnqueueDueWorker struct {
	river.WorkerDefaults[EnqueueDueArgs]
	Scheduler *Scheduler
	Now       func() time.Time
}

// Work starts the syncs that are due.
func (w *EnqueueDueWorker) Work(ctx context.Context, _ *river.Job[EnqueueDueArgs]) error {
	_, err := w.Scheduler.EnqueueDue(ctx, w.Now())
	return err
}
