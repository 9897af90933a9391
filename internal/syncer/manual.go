package syncer

import (
	"context"
	"database/sql"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/schedule"
	"github.com/ledgersync/ledgersync/internal/store"
)

// Service starts syncs: it checks that a company may sync, works out the
// period from its schedule, and records the run with its job.
type Service struct {
	store  *store.Store
	config *configuration.Service
	river  *river.Client[*sql.Tx]
	now    func() time.Time
}

// NewService returns the service. now nil means time.Now.
func NewService(s *store.Store, c *configuration.Service, r *river.Client[*sql.Tx], now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: s, config: c, river: r, now: now}
}

// Request is a manual sync: Latest up to Finish (nil: now), or Historic
// over [Start, Finish).
type Request struct {
	Type          string
	Start, Finish *time.Time
}

// Start checks the contract's refusals (not configured, not ready, a sync
// already in progress, a bad historic range) and queues the sync.
func (s *Service) Start(ctx context.Context, clientID, companyID string, req Request) (*ledgersync.SyncRun, error) {
	l, err := s.config.Load(ctx, clientID, companyID, platform.SnapshotMaxAge)
	if err != nil {
		return nil, err
	}
	if !l.Config.Configured {
		return nil, ledgersync.Errorf(ledgersync.EInvalid, ledgersync.MessageNotConfigured)
	}
	if !l.Ready {
		return nil, ledgersync.Errorf(ledgersync.EInvalid, ledgersync.MessageNotReady)
	}
	period, err := s.period(ctx, l, req)
	if err != nil {
		return nil, err
	}
	run := &ledgersync.SyncRun{CompanyID: companyID, Type: req.Type, Start: period.Start, Finish: period.Finish}
	err = s.store.CreateSyncRun(ctx, run, func(tx *sql.Tx, r *ledgersync.SyncRun) error {
		_, err := s.river.InsertTx(ctx, tx, SyncArgs{SyncID: r.ID, CompanyID: r.CompanyID}, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return run, nil
}

// period works out a manual sync's period (SPEC §7.2).
func (s *Service) period(ctx context.Context, l *configuration.Loaded, req Request) (schedule.Period, error) {
	loc, err := l.Config.Schedule.Location()
	if err != nil {
		return schedule.Period{}, err
	}
	day, _ := l.Config.Schedule.StartDay()
	s0 := schedule.S0(schedule.DateOf(day), l.Config.Schedule.SyncHour, loc)
	now := s.now().UTC()
	if req.Type == ledgersync.SyncHistoric {
		if err := schedule.ValidateHistoric(*req.Start, *req.Finish, s0, now); err != nil {
			return schedule.Period{}, err
		}
		return schedule.Period{Start: req.Start.UTC(), Finish: req.Finish.UTC()}, nil
	}
	st, err := s.store.FindScheduleState(ctx, l.Company.ID)
	if err != nil {
		return schedule.Period{}, err
	}
	// A syncTo in the future syncs up to now: the anchor never moves
	// past the present.
	finish := now
	if req.Finish != nil && req.Finish.Before(now) {
		finish = req.Finish.UTC()
	}
	return schedule.LatestPeriod(orTime(st.Anchor, s0), orTime(st.Floor, s0), finish), nil
}

func orTime(t *time.Time, def time.Time) time.Time {
	if t == nil {
		return def
	}
	return *t
}
