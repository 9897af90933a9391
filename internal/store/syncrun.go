package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

const syncRunColumns = `id, company_id, sync_type, period_start, period_finish, due_at, status_code, status,
	error_message, exception_message, data_pushed, queued_at, started_at, finished_at`

func scanSyncRun(row interface{ Scan(...any) error }) (*ledgersync.SyncRun, error) {
	var r ledgersync.SyncRun
	err := row.Scan(&r.ID, &r.CompanyID, &r.Type, scanTime(&r.Start), scanTime(&r.Finish), scanNullTime(&r.DueAt),
		&r.StatusCode, &r.Status, &r.ErrorMessage, &r.ExceptionMessage, &r.DataPushed, scanTime(&r.QueuedAt),
		scanNullTime(&r.StartedAt), scanNullTime(&r.FinishedAt))
	return &r, err
}

// ErrSyncInProgress is the refusal of a second sync for a company.
var ErrSyncInProgress = ledgersync.Errorf(ledgersync.EInvalid, ledgersync.MessageSyncInProgress)

// ErrDueRecorded refuses a second Scheduled run for a company's due date.
var ErrDueRecorded = ledgersync.Errorf(ledgersync.EConflict, "A sync for this due date is already recorded.")

// CreateSyncRun records a Pending sync and, in the same transaction, lets
// enqueue schedule its job, so a run exists exactly when its job does.
// A company with a sync waiting or running gets ErrSyncInProgress.
func (s *Store) CreateSyncRun(ctx context.Context, r *ledgersync.SyncRun, enqueue func(tx *sql.Tx, r *ledgersync.SyncRun) error) error {
	r.ID, r.QueuedAt = uuid.NewString(), s.clock()
	r.StatusCode, r.Status = ledgersync.CodePending, ledgersync.SyncStatusNames[ledgersync.CodePending]
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_runs (id, company_id, sync_type, period_start, period_finish, due_at,
			status_code, status, queued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, r.ID, r.CompanyID, r.Type,
			dbTime(r.Start), dbTime(r.Finish), dbTimePtr(r.DueAt), r.StatusCode, r.Status, dbTime(r.QueuedAt))
		if isUniqueViolation(err, "sync_runs_scheduled_due") {
			return ErrDueRecorded
		}
		if isUniqueViolation(err, "sync_runs_one_active") || isUniqueViolation(err, "sync_runs.company_id") {
			return ErrSyncInProgress
		}
		if err != nil {
			return fmt.Errorf("store: create sync: %w", err)
		}
		if enqueue == nil {
			return nil
		}
		return enqueue(tx, r)
	})
}

// FindSyncRun returns one sync of one of the client's companies.
func (s *Store) FindSyncRun(ctx context.Context, clientID, companyID, id string) (*ledgersync.SyncRun, error) {
	if err := s.companyOwned(ctx, s.read, clientID, companyID); err != nil {
		return nil, err
	}
	r, err := scanSyncRun(s.read.QueryRowContext(ctx, `SELECT `+syncRunColumns+` FROM sync_runs WHERE id = $1 AND company_id = $2`, id, companyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Sync %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find sync %s: %w", id, err)
	}
	return r, nil
}

// ListSyncRuns returns a company's syncs, newest first, at most limit;
// with successfulOnly, only those that ended well.
func (s *Store) ListSyncRuns(ctx context.Context, clientID, companyID string, limit int, successfulOnly bool) ([]*ledgersync.SyncRun, error) {
	if err := s.companyOwned(ctx, s.read, clientID, companyID); err != nil {
		return nil, err
	}
	q := `SELECT ` + syncRunColumns + ` FROM sync_runs WHERE company_id = $1`
	if successfulOnly {
		q += fmt.Sprintf(` AND status_code IN (%d, %d)`, ledgersync.CodeComplete, ledgersync.CodeNothingToSync)
	}
	rows, err := s.read.QueryContext(ctx, q+` ORDER BY queued_at DESC, id DESC LIMIT $2`, companyID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: list syncs: %w", err)
	}
	defer rows.Close()
	out := []*ledgersync.SyncRun{}
	for rows.Next() {
		r, err := scanSyncRun(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list syncs: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FinishSyncRun records a sync's outcome and, in the same transaction,
// its Sync Completed or Sync Failed event.
func (s *Store) FinishSyncRun(ctx context.Context, r *ledgersync.SyncRun) error {
	now := s.clock()
	r.FinishedAt, r.Status = &now, ledgersync.SyncStatusNames[r.StatusCode]
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sync_runs SET status_code = $2, status = $3, error_message = $4,
			exception_message = $5, data_pushed = $6, started_at = $7, finished_at = $8 WHERE id = $1`, r.ID, r.StatusCode,
			r.Status, r.ErrorMessage, r.ExceptionMessage, r.DataPushed, dbTimePtr(r.StartedAt), dbTime(now))
		if err != nil {
			return fmt.Errorf("store: finish sync %s: %w", r.ID, err)
		}
		clientID, err := clientOfCompany(ctx, tx, r.CompanyID)
		if err != nil {
			return err
		}
		return s.insertEvents(ctx, tx, []ledgersync.Event{ledgersync.SyncRunEvent(clientID, r)})
	})
}

// FindScheduleState returns a company's schedule state; a company never
// scheduled has an empty one.
func (s *Store) FindScheduleState(ctx context.Context, companyID string) (*ledgersync.ScheduleState, error) {
	st := &ledgersync.ScheduleState{CompanyID: companyID}
	err := s.read.QueryRowContext(ctx, `SELECT next_due_at, anchor_at, floor_at, first_failed_due_at, auto_disabled
		FROM sync_schedules WHERE company_id = $1`, companyID).Scan(scanNullTime(&st.NextDueAt), scanNullTime(&st.Anchor),
		scanNullTime(&st.Floor), scanNullTime(&st.FirstFailedDue), &st.AutoDisabled)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: find schedule of %s: %w", companyID, err)
	}
	return st, nil
}

// SaveScheduleState stores a company's schedule state.
func (s *Store) SaveScheduleState(ctx context.Context, st *ledgersync.ScheduleState) error {
	return s.saveSchedule(ctx, st.CompanyID, "schedule", map[string]any{"next_due_at": dbTimePtr(st.NextDueAt),
		"anchor_at": dbTimePtr(st.Anchor), "floor_at": dbTimePtr(st.Floor), "first_failed_due_at": dbTimePtr(st.FirstFailedDue),
		"auto_disabled": st.AutoDisabled})
}

// SaveSyncOutcome records what a finished sync changes in its company's
// schedule, the anchor and the first failed due date, and nothing else:
// a scheduler pass may be moving the due date at the same moment.
func (s *Store) SaveSyncOutcome(ctx context.Context, st *ledgersync.ScheduleState) error {
	return s.saveSchedule(ctx, st.CompanyID, "sync outcome", map[string]any{"anchor_at": dbTimePtr(st.Anchor),
		"first_failed_due_at": dbTimePtr(st.FirstFailedDue)})
}

// SaveNextDue records a scheduler pass's move of a company's due date
// and floor, and nothing else: a sync finishing at the same moment may be
// moving the anchor.
func (s *Store) SaveNextDue(ctx context.Context, st *ledgersync.ScheduleState) error {
	return s.saveSchedule(ctx, st.CompanyID, "next due date", map[string]any{"next_due_at": dbTimePtr(st.NextDueAt),
		"floor_at": dbTimePtr(st.Floor)})
}

// saveSchedule upserts the given columns of a company's schedule and
// leaves the others as they are.
func (s *Store) saveSchedule(ctx context.Context, companyID, what string, values map[string]any) error {
	cols := slices.Sorted(maps.Keys(values))
	marks, sets, args := make([]string, len(cols)), make([]string, len(cols)), []any{companyID}
	for i, c := range cols {
		marks[i], sets[i] = fmt.Sprintf("$%d", i+2), c+" = excluded."+c
		args = append(args, values[c])
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO sync_schedules (company_id, `+strings.Join(cols, ", ")+`) VALUES ($1, `+
		strings.Join(marks, ", ")+`) ON CONFLICT (company_id) DO UPDATE SET `+strings.Join(sets, ", "), args...)
	if err != nil {
		return fmt.Errorf("store: save %s of %s: %w", what, companyID, err)
	}
	return nil
}

// FindSyncRunByID returns a sync by id alone, for the worker that runs it.
func (s *Store) FindSyncRunByID(ctx context.Context, id string) (*ledgersync.SyncRun, error) {
	r, err := scanSyncRun(s.db.QueryRowContext(ctx, `SELECT `+syncRunColumns+` FROM sync_runs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Sync %s not found.", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: find sync %s: %w", id, err)
	}
	return r, nil
}

// StartSyncRun records when a sync began to run.
func (s *Store) StartSyncRun(ctx context.Context, r *ledgersync.SyncRun) error {
	now := s.clock()
	r.StartedAt, r.Status = &now, "Started"
	if _, err := s.db.ExecContext(ctx, `UPDATE sync_runs SET started_at = $2, status = $3 WHERE id = $1`, r.ID, dbTime(now), r.Status); err != nil {
		return fmt.Errorf("store: start sync %s: %w", r.ID, err)
	}
	return nil
}

// CompanyClient returns the client that owns a company.
func (s *Store) CompanyClient(ctx context.Context, companyID string) (string, error) {
	return clientOfCompany(ctx, s.read, companyID)
}

// PostedTotals returns what was posted for a business day of a company,
// as stored JSON; nil when the day was never posted.
func (s *Store) PostedTotals(ctx context.Context, companyID, day string) ([]byte, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, `SELECT totals FROM posted_totals WHERE company_id = $1 AND business_day = $2`,
		companyID, day).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: posted totals: %w", err)
	}
	return []byte(doc), nil
}
