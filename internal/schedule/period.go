package schedule

import (
	"time"

	"github.com/ledgersync/ledgersync"
)

// The refusals of a Historic sync request, exactly as the contract words
// them (SPEC §3.4).
const (
	MsgFinishNotAfterStart = "Sync range finish must be after start"
	MsgFinishInFuture      = "Sync range must not end in the future"
	MsgStartBeforeS0       = "Sync range starts before the configured start date"
)

// Period is the half-open range of instants [Start, Finish) that a sync
// reports as its syncDateRangeUtc.
type Period struct {
	Start  time.Time
	Finish time.Time
}

// Empty reports whether p holds no instant.
func (p Period) Empty() bool { return !p.Start.Before(p.Finish) }

// ScheduledPeriod returns the period of a Scheduled sync due at due:
// [max(anchor, floor), due) (SPEC §7.2). When the floor or anchor lies
// after due, the period is empty and starts at due, so it is never
// inverted.
func ScheduledPeriod(anchor, floor, due time.Time) Period {
	return clamped(latest(anchor, floor), due)
}

// LatestPeriod returns the period of a Latest sync: [max(anchor, floor),
// finish), where finish is the request's syncTo, or now when syncTo is
// null. An empty period is not refused (SPEC §3.4); it starts at finish.
func LatestPeriod(anchor, floor, finish time.Time) Period {
	return clamped(latest(anchor, floor), finish)
}

// clamped returns [start, finish), or the empty period at finish when start
// is after it.
func clamped(start, finish time.Time) Period {
	if start.After(finish) {
		start = finish
	}
	return Period{Start: start, Finish: finish}
}

// ValidateHistoric checks a Historic sync request for [start, finish) and
// returns nil or an EInvalid *ledgersync.Error carrying the contract's
// refusal message. The checks run in the order the contract lists them.
// finish equal to now is not in the future.
func ValidateHistoric(start, finish, s0, now time.Time) error {
	switch {
	case !finish.After(start):
		return ledgersync.Errorf(ledgersync.EInvalid, MsgFinishNotAfterStart)
	case finish.After(now):
		return ledgersync.Errorf(ledgersync.EInvalid, MsgFinishInFuture)
	case start.Before(s0):
		return ledgersync.Errorf(ledgersync.EInvalid, MsgStartBeforeS0)
	}
	return nil
}

// Days returns, oldest first, the business days whose instants p covers:
// from the business day of p.Start to that of the last instant before
// p.Finish. An empty period covers none.
func Days(p Period, hour int, loc *time.Location) []Date {
	if p.Empty() {
		return nil
	}
	first := BusinessDay(p.Start, hour, loc)
	last := BusinessDay(p.Finish.Add(-time.Nanosecond), hour, loc)
	var days []Date
	for d := first; d.Compare(last) <= 0; d = d.AddDays(1) {
		days = append(days, d)
	}
	return days
}
