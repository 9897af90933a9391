package schedule

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no zone. Values made by
// DateOf and AddDays are normalised, so two Dates for the same day compare
// equal with == and can be used as map keys.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t as t reads in its own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats d as 2006-01-02.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// Compare returns -1 if d is before e, +1 if after, and 0 if they are the
// same date.
func (d Date) Compare(e Date) int {
	return d.midnight().Compare(e.midnight())
}

// firstOfNextMonth returns the 1st of the month after d's.
func (d Date) firstOfNextMonth() Date {
	return DateOf(time.Date(d.Year, d.Month+1, 1, 0, 0, 0, 0, time.UTC))
}

// midnight returns d at 00:00 UTC.
func (d Date) midnight() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}
