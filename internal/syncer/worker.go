package syncer

import (
	"context"

	"github.com/riverqueue/river"
)

// SyncWorker runs sync jobs.
type SyncWorker struct {
	river.WorkerDefaults[SyncArgs]
	Runner *Runner
}

// Work carries out the job's sync run.
func (w *SyncWorker) Work(ctx context.Context, job *river.Job[SyncArgs]) error {
	return w.Runner.Run(ctx, job.Args.SyncID)
}
