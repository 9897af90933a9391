package schedule

import (
	"time"

	"github.com/ledgersync/ledgersync"
)

// CatchUpWindow is how old a missed due date may be and still run
// (SPEC §7.3): 31 days of elapsed time.
const CatchUpWindow = 31 * 24 * time.Hour

// AutoDisableAfter is how long a streak of failed scheduled syncs may last
// before the schedule is disabled (SPEC §7.4): 31 days of elapsed time.
const AutoDisableAfter = 31 * 24 * time.Hour

// CatchUp is the work owed at a moment: every due date that has arrived,
// oldest first, split by age.
type CatchUp struct {
	// Skip holds the due dates more than the window old. The caller
	// records each as 4100 Skipped and moves the floor to the last one.
	Skip []time.Time
	// Run holds the due dates to sync, one sync per period, oldest first.
	Run []time.Time
	// Next is the first due date after now, to store as the next due date.
	Next time.Time
}

// DuePeriods returns the due dates from next up to and including now,
// oldest first, one sync per period. next is taken as it was stored; each
// later date is NextDue of the one before under freq, hour and loc. So a
// changed syncHour or time zone applies from the next boundary (SPEC §7.3):
// the stored due date keeps the old settings, and the one after it is the
// first boundary under the new settings strictly after it, which may fall
// on the same day (hour 0 changed to 6: due at 00:00, then 06:00).
//
// A due date d is skipped when now − d > window, so a due date exactly
// window old still runs. Pass CatchUpWindow as window.
func DuePeriods(next, now time.Time, freq ledgersync.SyncFrequency, hour int, loc *time.Location, window time.Duration) CatchUp {
	var c CatchUp
	d := next
	for ; !d.After(now); d = NextDue(d, freq, hour, loc) {
		if now.Sub(d) > window {
			c.Skip = append(c.Skip, d)
		} else {
			c.Run = append(c.Run, d)
		}
	}
	c.Next = d
	return c
}

// ShouldAutoDisable reports whether the schedule is disabled instead of
// running the sync due at due: when due − firstFailedDue ≥ 31 days, where
// firstFailedDue is the due date of the first failed scheduled sync since
// the last success (SPEC §7.4). A zero firstFailedDue means there is no
// failure streak.
func ShouldAutoDisable(firstFailedDue, due time.Time) bool {
	return !firstFailedDue.IsZero() && due.Sub(firstFailedDue) >= AutoDisableAfter
}
