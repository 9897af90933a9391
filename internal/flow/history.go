package flow

import (
	"context"
	"time"

	"github.com/ledgersync/ledgersync"
)

// historySize is how many syncs the settings page lists (SPEC §5.2).
const historySize = 30

// fillHistory puts the company's syncs and next due date on the settings
// page, in the merchant's time zone. A failure to read them is logged and
// leaves the page saying "Not yet".
func (f *Flow) fillHistory(ctx context.Context, q *request, c *formContext, p *settingsPage) {
	loc, err := c.cfg.Schedule.Location()
	if err != nil {
		loc = time.UTC
	}
	runs, err := f.store.ListSyncRuns(ctx, q.session.ClientID, q.session.CompanyID, historySize, false)
	if err != nil {
		f.log.Warn("flow: sync history", "error", err)
		return
	}
	for _, r := range runs {
		p.History = append(p.History, describeRun(q.locale, r, loc))
	}
	if len(runs) > 0 {
		p.LastSync = &p.History[0]
	}
	st, err := f.store.FindScheduleState(ctx, q.session.CompanyID)
	if err == nil && st.NextDueAt != nil && c.cfg.Enable {
		p.NextSync = st.NextDueAt.In(loc).Format(timeLayout)
	}
}

// timeLayout shows a time to the merchant, in their zone.
const timeLayout = "2006-01-02 15:04 MST"

func describeRun(locale string, r *ledgersync.SyncRun, loc *time.Location) syncRun {
	s := syncRun{Time: r.QueuedAt.In(loc).Format(timeLayout), Type: translate(locale, "history.type"+r.Type),
		Period: r.Start.In(loc).Format("2006-01-02 15:04") + " – " + r.Finish.In(loc).Format("2006-01-02 15:04"),
		Status: translate(locale, "history."+runOutcome(r))}
	if r.ErrorMessage != nil && !r.Succeeded() {
		s.Message = *r.ErrorMessage
	}
	return s
}

// runOutcome names a sync's outcome as the settings page shows it:
// Success, Nothing to sync, Running, Skipped or Failed.
func runOutcome(r *ledgersync.SyncRun) string {
	switch {
	case r.Active():
		return "running"
	case r.StatusCode == ledgersync.CodeComplete:
		return "success"
	case r.StatusCode == ledgersync.CodeNothingToSync:
		return "nothing"
	case r.StatusCode == ledgersync.CodeSkipped:
		return "skipped"
	}
	return "failed"
}
