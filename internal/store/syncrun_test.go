package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// TestDueDateIsRecordedOnce checks that a company's due date gets one
// successful Scheduled run, even when a second scheduler pass, working
// from a stale due date, tries again after the first run ended; a failed
// due date may run again, and other syncs are not affected.
func TestDueDateIsRecordedOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClient(t, s, 0)
		co := newCompany(t, s, c)
		due := time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)
		run := func(typ string, due *time.Time, code ...int) error {
			r := &ledgersync.SyncRun{CompanyID: co.ID, Type: typ, Start: due.Add(-24 * time.Hour), Finish: *due, DueAt: due}
			if typ != ledgersync.SyncScheduled {
				r.DueAt = nil
			}
			if err := s.CreateSyncRun(ctx, r, nil); err != nil {
				return err
			}
			r.StatusCode = ledgersync.CodeComplete
			if len(code) > 0 {
				r.StatusCode = code[0]
			}
			return s.FinishSyncRun(ctx, r)
		}
		for _, code := range []int{ledgersync.CodeDeauthorized, ledgersync.CodeInternalError, ledgersync.CodeComplete} {
			if err := run(ledgersync.SyncScheduled, &due, code); err != nil {
				t.Fatalf("a Scheduled run after failed ones, ending %d: %v", code, err)
			}
		}
		if err := run(ledgersync.SyncScheduled, &due); !errors.Is(err, store.ErrDueRecorded) {
			t.Fatalf("second Scheduled run for the due date: %v, want ErrDueRecorded", err)
		}
		next := due.Add(24 * time.Hour)
		for _, err := range []error{run(ledgersync.SyncScheduled, &next), run(ledgersync.SyncLatest, &due), run(ledgersync.SyncLatest, &due)} {
			if err != nil {
				t.Fatalf("another due date or a manual sync was refused: %v", err)
			}
		}
	})
}

// TestScheduleWritersKeepToTheirFields checks that a scheduler pass and a
// finishing sync, each working from the state it read before the other
// wrote, do not undo each other: the pass writes the due date and floor,
// the sync the anchor and the first failed due date.
func TestScheduleWritersKeepToTheirFields(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		co := newCompany(t, s, newClient(t, s, 0))
		at := func(day int) *time.Time { v := time.Date(2024, 3, day, 0, 0, 0, 0, time.UTC); return &v }
		if err := s.SaveScheduleState(ctx, &ledgersync.ScheduleState{CompanyID: co.ID, NextDueAt: at(6), Anchor: at(5), Floor: at(1)}); err != nil {
			t.Fatal(err)
		}
		pass, _ := s.FindScheduleState(ctx, co.ID)
		sync, _ := s.FindScheduleState(ctx, co.ID)
		sync.Anchor, sync.FirstFailedDue = at(6), nil
		if err := s.SaveSyncOutcome(ctx, sync); err != nil {
			t.Fatal(err)
		}
		pass.NextDueAt, pass.Floor = at(7), at(2)
		if err := s.SaveNextDue(ctx, pass); err != nil {
			t.Fatal(err)
		}
		got, _ := s.FindScheduleState(ctx, co.ID)
		if !got.Anchor.Equal(*at(6)) || !got.NextDueAt.Equal(*at(7)) || !got.Floor.Equal(*at(2)) || got.FirstFailedDue != nil {
			t.Fatalf("schedule %+v: want anchor 6th, next due 7th, floor 2nd", got)
		}
	})
}
