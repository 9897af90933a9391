package store

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// timeLayout stores instants as fixed-width UTC text, which sorts and
// compares correctly as text in SQLite and parses as timestamptz in
// PostgreSQL. Microseconds match PostgreSQL's precision.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// dbTime formats t as a query parameter.
func dbTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// dbTimePtr formats an optional instant; nil stays NULL.
func dbTimePtr(t *time.Time) driver.Value {
	if t == nil {
		return nil
	}
	return dbTime(*t)
}

// timeScan scans a timestamp column from either database into a
// time.Time, or into a *time.Time that stays nil for NULL.
type timeScan struct {
	dst      *time.Time
	nullable **time.Time
}

func scanTime(dst *time.Time) *timeScan      { return &timeScan{dst: dst} }
func scanNullTime(dst **time.Time) *timeScan { return &timeScan{nullable: dst} }

func (s *timeScan) set(t *time.Time) {
	if s.nullable != nil {
		*s.nullable = t
	} else if t != nil {
		*s.dst = *t
	}
}

// Scan implements sql.Scanner.
func (s *timeScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		if s.nullable == nil {
			return fmt.Errorf("store: NULL in a NOT NULL time")
		}
		s.set(nil)
		return nil
	case time.Time:
		t := v.UTC()
		s.set(&t)
		return nil
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	}
	return fmt.Errorf("store: cannot scan %T into a time", v)
}

func (s *timeScan) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("store: bad stored time %q: %w", v, err)
	}
	t = t.UTC()
	s.set(&t)
	return nil
}
