package configuration

import (
	"context"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/schedule"
)

// reschedule keeps the company's durable schedule in step with its
// configuration: enabling a complete configuration sets the first due
// date (SPEC §7.1), disabling clears it, and re-enabling recomputes it
// while keeping the anchor. A start date later than the anchor moves the
// floor forward (§7.3).
func (s *Service) reschedule(ctx context.Context, cfg *ledgersync.Configuration, now time.Time) error {
	st, err := s.store.FindScheduleState(ctx, cfg.CompanyID)
	if err != nil {
		return err
	}
	loc, err := cfg.Schedule.Location()
	if err != nil {
		return err
	}
	day, ok := cfg.Schedule.StartDay()
	if !cfg.Enable || !cfg.Configured || !ok {
		st.NextDueAt = nil
		return s.store.SaveScheduleState(ctx, st)
	}
	s0 := schedule.S0(schedule.DateOf(day), cfg.Schedule.SyncHour, loc)
	// Before any success the floor is S0; afterwards only a later start
	// date moves it.
	if st.Anchor == nil || st.Floor == nil || s0.After(*st.Floor) {
		st.Floor = &s0
	}
	if st.NextDueAt == nil {
		due := schedule.FirstDue(s0, now, cfg.Schedule.SelectedFrequency, cfg.Schedule.SyncHour, loc)
		st.NextDueAt = &due
		st.AutoDisabled = false
	}
	return s.store.SaveScheduleState(ctx, st)
}

// Resume schedules a company again once its accounting connection is
// linked anew: syncing resumes from the anchor at the next boundary,
// since the configuration and enable were kept (SPEC §5.2, §7.4).
func (s *Service) Resume(ctx context.Context, companyID string) error {
	cfg, _, err := s.store.FindConfiguration(ctx, companyID)
	if err != nil || !cfg.Enable || !cfg.Configured {
		return err
	}
	st, err := s.store.FindScheduleState(ctx, companyID)
	if err != nil || st.NextDueAt != nil {
		return err
	}
	loc, err := cfg.Schedule.Location()
	if err != nil {
		return err
	}
	next := schedule.NextDue(s.store.Clock(), cfg.Schedule.SelectedFrequency, cfg.Schedule.SyncHour, loc)
	st.NextDueAt, st.AutoDisabled = &next, false
	return s.store.SaveScheduleState(ctx, st)
}
