package syncer

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/schedule"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// Runner carries out sync runs: it reads the period's commerce data, maps
// it, and writes each document through the connector, recording every
// posting so a retry or a crash neither loses nor duplicates one.
type Runner struct {
	store     *store.Store
	config    *configuration.Service
	platforms *platform.Registry
	log       *slog.Logger
}

// NewRunner returns a runner.
func NewRunner(s *store.Store, c *configuration.Service, p *platform.Registry, log *slog.Logger) *Runner {
	return &Runner{store: s, config: c, platforms: p, log: log}
}

// outcome is how a run ended; retry, when set, is an error the job engine
// must retry (network, 5xx, rate limits) rather than a final status.
type outcome struct {
	code      int
	message   string
	exception string
	pushed    bool
	retry     error
}

func finished(code int, message string) outcome { return outcome{code: code, message: message} }

// Run carries out one sync run. A run already finished is left alone, so
// a job that is delivered twice does no harm.
func (r *Runner) Run(ctx context.Context, syncID string) error {
	run, err := r.store.FindSyncRunByID(ctx, syncID)
	if err != nil {
		return err
	}
	if !run.Active() {
		return nil
	}
	retried := run.StartedAt != nil
	if !retried {
		if err := r.store.StartSyncRun(ctx, run); err != nil {
			return err
		}
	}
	out := r.execute(ctx, run)
	if out.retry != nil {
		return out.retry
	}
	if retried && !out.pushed && (out.code == ledgersync.CodeComplete || out.code == ledgersync.CodeNothingToSync) {
		out = r.earlierAttempt(ctx, run, out)
	}
	return r.finish(ctx, run, out)
}

// earlierAttempt accounts for what an interrupted attempt of the same run
// wrote: if it posted documents, the run wrote data (SPEC §7.5).
func (r *Runner) earlierAttempt(ctx context.Context, run *ledgersync.SyncRun, out outcome) outcome {
	postings, err := r.store.Postings(ctx, run.CompanyID, run.ID)
	if err != nil {
		return out
	}
	for _, p := range postings {
		if p.Status == ledgersync.PostingPosted {
			return outcome{code: ledgersync.CodeComplete, pushed: true}
		}
	}
	return out
}

// finish records the outcome and moves the schedule: a successful
// Scheduled or Latest sync moves the anchor to its finish (SPEC §7.2).
func (r *Runner) finish(ctx context.Context, run *ledgersync.SyncRun, out outcome) error {
	run.StatusCode, run.DataPushed = out.code, out.pushed
	run.ErrorMessage, run.ExceptionMessage = optional(out.message), optional(out.exception)
	if err := r.store.FinishSyncRun(ctx, run); err != nil {
		return err
	}
	if run.Type == ledgersync.SyncHistoric {
		return nil
	}
	st, err := r.store.FindScheduleState(ctx, run.CompanyID)
	if err != nil {
		return err
	}
	switch {
	case run.Succeeded():
		finish := run.Finish
		if st.Anchor == nil || finish.After(*st.Anchor) {
			st.Anchor = &finish
		}
		st.FirstFailedDue = nil
	case run.Type == ledgersync.SyncScheduled && st.FirstFailedDue == nil && run.DueAt != nil:
		st.FirstFailedDue = run.DueAt
	}
	return r.store.SaveSyncOutcome(ctx, st)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// execute runs the steps of a sync and says how it ended.
func (r *Runner) execute(ctx context.Context, run *ledgersync.SyncRun) outcome {
	clientID, err := r.store.CompanyClient(ctx, run.CompanyID)
	if err != nil {
		return internalError(err)
	}
	l, err := r.config.Load(ctx, clientID, run.CompanyID, 0)
	if err != nil {
		return r.platformOutcome(err)
	}
	if l.Accounting == nil || l.Accounting.Status != ledgersync.StatusLinked {
		return finished(ledgersync.CodeDeauthorized, "The connection to your accounting software is not active. Reconnect it in the sync settings.")
	}
	percentages, err := r.store.CommerceTaxPercentages(ctx, run.CompanyID)
	if err != nil {
		return internalError(err)
	}
	check := ledgersync.CheckSyncStart(l.Config, ledgersync.ValidationContext{Ready: l.Ready, TaxPercentages: percentages}, l.Sources)
	if len(check.Errors) > 0 {
		return finished(ledgersync.CodeValidateError, check.Message())
	}
	loc, err := l.Config.Schedule.Location()
	if err != nil {
		return internalError(err)
	}
	days, err := r.dirtyDays(ctx, run, l, loc)
	if err != nil {
		return internalError(err)
	}
	if len(days) == 0 {
		return finished(ledgersync.CodeNothingToSync, "")
	}
	return r.syncDays(ctx, run, l, loc, days)
}

// syncDays maps and writes the days one at a time, oldest first, closing
// each once its documents are all written. A day whose documents the
// platform refused stays open for a retry; the later days still sync.
func (r *Runner) syncDays(ctx context.Context, run *ledgersync.SyncRun, l *configuration.Loaded, loc *time.Location, days []schedule.Date) outcome {
	base, err := r.baseInput(ctx, run, l, loc)
	if err != nil {
		return internalError(err)
	}
	open, err := r.openDocuments(ctx, run.CompanyID)
	if err != nil {
		return internalError(err)
	}
	res := outcome{code: ledgersync.CodeNothingToSync}
	for _, day := range days {
		d, err := r.mapDay(ctx, run, base, day, open)
		if err != nil {
			o := mappingOutcome(err)
			o.pushed = res.pushed
			return o
		}
		o := r.post(ctx, run, l, d.out.Documents)
		o.pushed = o.pushed || res.pushed
		switch {
		case o.code == ledgersync.CodePushError:
			if res.code != ledgersync.CodePushError {
				res = o // the run ends with the first refusal
			}
			res.pushed = o.pushed
			continue
		case o.code != ledgersync.CodeComplete:
			return o
		}
		if err := r.closeDay(ctx, d); err != nil {
			return internalError(err)
		}
		failpoint(FailPeriodClose) // crash test: a day closed, the run not finished
		open = d.out.Open
		res.pushed = o.pushed
		if res.code == ledgersync.CodeNothingToSync && len(d.out.Documents) > 0 {
			res.code = ledgersync.CodeComplete
		}
	}
	return res
}

// mappingOutcome is how a run ends when a day cannot be mapped.
func mappingOutcome(err error) outcome {
	var me *mapping.Error
	if errors.As(err, &me) {
		return finished(me.Code, me.Message)
	}
	return internalError(err)
}

// internalError is a 5000 with the error as technical detail.
func internalError(err error) outcome {
	return outcome{code: ledgersync.CodeInternalError, message: "Something went wrong on our side; the sync will be tried again.",
		exception: err.Error()}
}

// platformOutcome classifies a platform's refusal (SPEC DESIGN "Background
// work"): re-authorization ends the run, rate limits and outages retry.
func (r *Runner) platformOutcome(err error) outcome {
	var pe *ledgersync.PlatformError
	if !errors.As(err, &pe) {
		return internalError(err)
	}
	switch pe.Kind {
	case ledgersync.PlatformReauthorize:
		return finished(ledgersync.CodeDeauthorizedRun, "Your accounting software refused ledgersync's access. Reconnect it in the sync settings.")
	case ledgersync.PlatformRateLimited:
		return outcome{retry: snooze(pe.RetryAfter)}
	case ledgersync.PlatformUnavailable:
		return outcome{retry: err}
	case ledgersync.PlatformBilling:
		return finished(ledgersync.CodeBillingError, "Your accounting software subscription has lapsed. Renew it, then sync again.")
	case ledgersync.PlatformAmbiguous:
		return outcome{code: ledgersync.CodeDuplication, exception: err.Error(),
			message: "ledgersync could not tell whether a document was written: more than one matching document is in your accounting software. Check them, then sync again."}
	}
	return outcome{code: ledgersync.CodePushError, message: pe.Message, exception: err.Error()}
}
