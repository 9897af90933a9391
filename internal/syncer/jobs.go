// Package syncer runs the syncs: it turns a company's request or its
// schedule into a sync run and a River job, and (with the mapping engine
// and the connectors) writes the period's documents exactly once.
package syncer

import (
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"

	"github.com/ledgersync/ledgersync/internal/store"
)

// SyncArgs asks for one sync run to be carried out.
type SyncArgs struct {
	SyncID    string `json:"syncId"`
	CompanyID string `json:"companyId"`
}

// Kind is the job's stable name.
func (SyncArgs) Kind() string { return "sync_company" }

// InsertOpts keeps one job per sync run, whatever retries insert.
func (SyncArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// NewRiverClient returns a River client on the store's database. With no
// workers it only inserts jobs; the workers that run them register here.
func NewRiverClient(s *store.Store, log *slog.Logger, workers *river.Workers) (*river.Client[*sql.Tx], error) {
	// A sync may take minutes; a job whose worker died is rescued (run
	// again) after RescueStuckJobsAfter, and the postings ledger makes
	// that safe.
	cfg := &river.Config{Logger: log, JobTimeout: 15 * time.Minute, RescueStuckJobsAfter: 20 * time.Minute}
	if workers != nil {
		cfg.Workers = workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}}
		// The leader starts the due syncs every minute.
		cfg.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(time.Minute),
				func() (river.JobArgs, *river.InsertOpts) { return EnqueueDueArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return PruneArgs{}, nil }, nil),
		}
	}
	var (
		c   *river.Client[*sql.Tx]
		err error
	)
	if s.Dialect() == "sqlite" {
		c, err = river.NewClient(riversqlite.New(s.DB()), cfg)
	} else {
		c, err = river.NewClient(riverdatabasesql.New(s.DB()), cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("syncer: river: %w", err)
	}
	return c, nil
}
