package schedule

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zone files
)

// zone loads an IANA zone or fails the test.
func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at parses an RFC 3339 instant or panics.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// date parses 2006-01-02 or panics.
func date(s string) Date {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return DateOf(t)
}

func TestDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from string
		days int
		want string
	}{
		{"2024-03-05", 0, "2024-03-05"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2023-02-28", 1, "2023-03-01"},
		{"2024-12-31", 1, "2025-01-01"},
		{"2024-03-01", -1, "2024-02-29"},
		{"2024-05-01", 74, "2024-07-14"},
		{"0999-01-01", -1, "0998-12-31"},
	}
	for _, tt := range tests {
		if got := date(tt.from).AddDays(tt.days).String(); got != tt.want {
			t.Errorf("%s + %d days = %s, want %s", tt.from, tt.days, got, tt.want)
		}
	}
}

func TestDateCompare(t *testing.T) {
	t.Parallel()
	a, b := date("2024-02-29"), date("2024-03-01")
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("Compare(%s, %s) is not ordered", a, b)
	}
	if a.AddDays(1) != b {
		t.Errorf("%s + 1 day != %s with ==", a, b)
	}
}

func TestDateOfReadsItsOwnLocation(t *testing.T) {
	t.Parallel()
	i := at("2024-03-04T20:00:00Z")
	if got := DateOf(i.In(zone(t, "Australia/Sydney"))); got != date("2024-03-05") {
		t.Errorf("DateOf in Sydney = %s, want 2024-03-05", got)
	}
	if got := DateOf(i); got != date("2024-03-04") {
		t.Errorf("DateOf in UTC = %s, want 2024-03-04", got)
	}
}
