// Package schedule computes when scheduled syncs are due and which period
// each sync covers (SPEC §7): boundaries and business days in the company's
// time zone, due dates for each frequency, periods per sync type, catch-up
// after downtime, auto-disable and run-time jitter.
//
// Every function is pure: nothing reads a clock or does I/O, so the caller
// passes the current instant as now. Instants are time.Time values; their
// location does not matter, because every result is computed in the loc
// argument. Calendar dates are Date values, never time.Time, so an instant
// cannot be mistaken for a day. A date read from a time.Time, such as the
// midnight UTC that ledgersync.SyncSchedule.StartDay returns, is taken with
// DateOf.
//
// The hour H is the schedule's syncHour, expected in 0–23; the location is
// the one ledgersync.SyncSchedule.Location returns (Etc/UTC when the time
// zone is null).
package schedule
