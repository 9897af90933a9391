package syncer

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync/internal/store"
)

// PruneArgs is the periodic job that deletes expired bookkeeping: rate
// counters of windows long past and idempotency keys over a day old.
type PruneArgs struct{}

// Kind is the job's stable name.
func (PruneArgs) Kind() string { return "prune" }

// PruneWorker runs the prune job.
type PruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	Store *store.Store
}

// Work deletes rate-counter windows older than an hour.
func (w *PruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	if err := w.Store.PruneRateCounters(ctx); err != nil {
		return err
	}
	return w.Store.PruneIdempotencyKeys(ctx)
}
