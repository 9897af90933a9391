package schedule

import (
	"time"

	"github.com/ledgersync/ledgersync"
)

// Boundary returns the instant local day at hour:00 in loc (SPEC §7.1).
// When that wall time falls in a daylight-saving gap it returns the next
// valid instant, which is the transition itself; when it happens twice it
// returns the first occurrence.
//
// time.Date alone does not guarantee either rule: depending on the zone it
// may land before a gap (America/New_York) or on the second occurrence of a
// repeated hour (Europe/London, Australia/Sydney), so both are corrected
// here from the bounds of the zone in effect.
func Boundary(day Date, hour int, loc *time.Location) time.Time {
	wall := time.Date(day.Year, day.Month, day.Day, hour, 0, 0, 0, time.UTC)
	t := time.Date(day.Year, day.Month, day.Day, hour, 0, 0, 0, loc)
	start, end := t.ZoneBounds()
	if got := wallClock(t); got.Before(wall) {
		return end.In(loc) // t lies before the gap; the gap ends the zone
	} else if got.After(wall) {
		return start.In(loc) // t lies after the gap; the gap starts the zone
	}
	if start.IsZero() {
		return t
	}
	_, off := t.Zone()
	_, prevOff := start.Add(-time.Second).Zone()
	if prevOff > off {
		// The clocks went back at start: the same wall time may also
		// have been read earlier, in the previous zone.
		if first := t.Add(-time.Duration(prevOff-off) * time.Second); first.Before(start) {
			return first
		}
	}
	return t
}

// wallClock returns the date and time t reads in its own location, as the
// same reading in UTC.
func wallClock(t time.Time) time.Time {
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, h, mi, s, t.Nanosecond(), time.UTC)
}

// BusinessDay returns the business day of t: the date of the last boundary
// at or before t. With hour 4, 02:00 local belongs to the previous day.
func BusinessDay(t time.Time, hour int, loc *time.Location) Date {
	day := DateOf(t.In(loc))
	if Boundary(day, hour, loc).After(t) {
		return day.AddDays(-1)
	}
	return day
}

// S0 returns the start of scheduled syncing: the start date at hour:00 in
// loc. Any time part of the configured startDate has already been dropped
// by taking its Date.
func S0(startDate Date, hour int, loc *time.Location) time.Time {
	return Boundary(startDate, hour, loc)
}

// NextDue returns the first due date strictly after after. Daily schedules
// are due at every boundary; Monthly ones at the boundary on the 1st of
// each month. Any other frequency is treated as Daily: validation admits
// only the two (SPEC §6.1).
func NextDue(after time.Time, freq ledgersync.SyncFrequency, hour int, loc *time.Location) time.Time {
	day := BusinessDay(after, hour, loc)
	next := day.AddDays(1)
	if freq == ledgersync.FrequencyMonthly {
		next = day.firstOfNextMonth()
	}
	return Boundary(next, hour, loc)
}

// FirstDue returns the first due date of a schedule: the first due date for
// freq strictly after both s0 and enabledAt, the moment enable became true
// with a complete configuration (SPEC §7.1). Its period starts at S0.
func FirstDue(s0, enabledAt time.Time, freq ledgersync.SyncFrequency, hour int, loc *time.Location) time.Time {
	return NextDue(latest(s0, enabledAt), freq, hour, loc)
}

// latest returns the later of a and b.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
