package mapping

import (
	"fmt"
	"time"

	"github.com/ledgersync/ledgersync/internal/schedule"
)

// Date is a calendar date, such as a business day: the schedule's date,
// written as 2006-01-02 in JSON.
type Date schedule.Date

// ParseDate reads a date written as 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("mapping: date %q: %w", s, err)
	}
	return Date(schedule.DateOf(t)), nil
}

// String writes the date as 2006-01-02, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return schedule.Date(d).String()
}

// compact writes the date as 20060102, for references.
func (d Date) compact() string { return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day) }

// IsZero reports whether d is the zero date.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return schedule.Date(d).Compare(schedule.Date(e)) < 0 }

// MarshalText writes the date as 2006-01-02.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written as 2006-01-02; "" is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}

// businessDay is the business day of t (SPEC §7.1) as the schedule
// computes it; a nil loc is UTC.
func businessDay(t time.Time, loc *time.Location, hour int) Date {
	if loc == nil {
		loc = time.UTC
	}
	return Date(schedule.BusinessDay(t, hour, loc))
}
