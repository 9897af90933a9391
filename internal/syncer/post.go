package syncer

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/platform/xero"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// snooze asks the job engine to run the job again after a platform's
// Retry-After.
func snooze(d time.Duration) error {
	if d <= 0 {
		d = time.Minute
	}
	return river.JobSnooze(d)
}

// post writes a day's documents through the postings ledger: each is
// planned first; one already posted is skipped; one sent without a
// recorded answer is looked up by reference before it is sent again.
func (r *Runner) post(ctx context.Context, run *ledgersync.SyncRun, l *configuration.Loaded, docs []mapping.Document) outcome {
	entries, err := r.plan(ctx, run, docs)
	if err != nil {
		return internalError(err)
	}
	var poster xero.Poster
	if len(entries) > 0 {
		c, ok := r.platforms.Connector(l.Accounting.IntegrationKey, l.Accounting.ID)
		if ok {
			poster, ok = xero.AsPoster(c)
		}
		if !ok {
			return internalError(errors.New("the platform cannot post documents"))
		}
	}
	res := outcome{code: ledgersync.CodeComplete}
	for i, e := range entries {
		o := r.postOne(ctx, poster, e, &docs[i])
		switch {
		case o.retry != nil || o.code == ledgersync.CodeDeauthorizedRun || o.code == ledgersync.CodeInternalError:
			if o.code == ledgersync.CodeDeauthorizedRun {
				_, _ = r.store.DeauthorizeConnection(ctx, l.Accounting.ID, "401", o.message)
			}
			o.pushed = o.pushed || res.pushed
			return o
		case o.code == ledgersync.CodePushError && res.code != ledgersync.CodePushError:
			res.code, res.message, res.exception = o.code, o.message, o.exception
		}
		res.pushed = res.pushed || o.pushed
	}
	return res
}

// plan records the documents in the postings ledger.
func (r *Runner) plan(ctx context.Context, run *ledgersync.SyncRun, docs []mapping.Document) ([]*ledgersync.Posting, error) {
	planned := make([]*ledgersync.Posting, len(docs))
	for i := range docs {
		d := &docs[i]
		b, err := json.Marshal(d)
		if err != nil {
			return nil, err
		}
		planned[i] = &ledgersync.Posting{CompanyID: run.CompanyID, SyncID: run.ID, Reference: d.Reference, Kind: string(d.Kind),
			IdempotencyKey: d.IdempotencyKey, BusinessDay: d.Day.String(), Currency: d.Currency, Document: b}
	}
	return r.store.PlanPostings(ctx, planned)
}

// postOne writes one document unless the ledger shows it written.
func (r *Runner) postOne(ctx context.Context, poster xero.Poster, e *ledgersync.Posting, doc *mapping.Document) outcome {
	done := outcome{code: ledgersync.CodeComplete}
	switch {
	case e.Status == ledgersync.PostingPosted:
		return done
	case e.Status == ledgersync.PostingFailed:
		b, _ := json.Marshal(doc)
		if err := r.store.RetryPosting(ctx, e.ID, b, doc.IdempotencyKey); err != nil {
			return internalError(err)
		}
	case e.OutcomeUnknown():
		found, ok, err := poster.Find(ctx, doc)
		if err != nil {
			return r.platformOutcome(err)
		}
		if ok {
			return r.recordPosted(ctx, e, found.PlatformID, false)
		}
	}
	if err := r.store.MarkAttempt(ctx, e.ID); err != nil {
		return internalError(err)
	}
	failpoint(FailBeforeSend) // crash test: attempt recorded, nothing sent
	posted, err := poster.Post(ctx, doc)
	if err != nil {
		o := r.platformOutcome(err)
		if o.code == ledgersync.CodePushError {
			if ferr := r.store.MarkFailed(ctx, e.ID, o.message); ferr != nil {
				return internalError(ferr)
			}
		}
		return o
	}
	failpoint(FailAfterSend) // crash test: written at the platform, not in the ledger
	return r.recordPosted(ctx, e, posted.PlatformID, true)
}

func (r *Runner) recordPosted(ctx context.Context, e *ledgersync.Posting, platformID string, pushed bool) outcome {
	if err := r.store.MarkPosted(ctx, e.ID, platformID); err != nil {
		return internalError(err)
	}
	failpoint(FailAfterRecord) // crash test: the ledger shows it posted
	return outcome{code: ledgersync.CodeComplete, pushed: pushed}
}

// closeDay records, in one transaction, what now stands posted for the
// day, what is left open, and that the day's records are posted.
func (r *Runner) closeDay(ctx context.Context, d *dayOutput) error {
	totals, err := json.Marshal(d.out.Totals)
	if err != nil {
		return err
	}
	open, err := json.Marshal(d.out.Open)
	if err != nil {
		return err
	}
	d.close.Totals, d.close.Open = totals, open
	return r.store.CloseDay(ctx, &d.close)
}
