package schedule

import (
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

func TestBoundary(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		zone string
		day  string
		hour int
		want string
	}{
		{"utc midnight", "Etc/UTC", "2024-03-05", 0, "2024-03-05T00:00:00Z"},
		{"utc last hour", "Etc/UTC", "2024-03-05", 23, "2024-03-05T23:00:00Z"},
		{"utc leap day", "Etc/UTC", "2024-02-29", 4, "2024-02-29T04:00:00Z"},
		{"london winter", "Europe/London", "2024-03-05", 0, "2024-03-05T00:00:00Z"},
		{"london summer", "Europe/London", "2024-07-14", 0, "2024-07-13T23:00:00Z"},
		{"london spring before gap", "Europe/London", "2024-03-31", 0, "2024-03-31T00:00:00Z"},
		{"london spring gap", "Europe/London", "2024-03-31", 1, "2024-03-31T01:00:00Z"},
		{"london spring after gap", "Europe/London", "2024-03-31", 4, "2024-03-31T03:00:00Z"},
		{"london fall before overlap", "Europe/London", "2024-10-27", 0, "2024-10-26T23:00:00Z"},
		{"london fall overlap first", "Europe/London", "2024-10-27", 1, "2024-10-27T00:00:00Z"},
		{"london fall after overlap", "Europe/London", "2024-10-27", 2, "2024-10-27T02:00:00Z"},
		{"new york spring before gap", "America/New_York", "2024-03-10", 1, "2024-03-10T06:00:00Z"},
		{"new york spring gap", "America/New_York", "2024-03-10", 2, "2024-03-10T07:00:00Z"},
		{"new york spring after gap", "America/New_York", "2024-03-10", 3, "2024-03-10T07:00:00Z"},
		{"new york fall midnight", "America/New_York", "2024-11-03", 0, "2024-11-03T04:00:00Z"},
		{"new york fall overlap first", "America/New_York", "2024-11-03", 1, "2024-11-03T05:00:00Z"},
		{"new york fall last hour", "America/New_York", "2024-11-03", 23, "2024-11-04T04:00:00Z"},
		{"sydney summer midnight", "Australia/Sydney", "2024-01-01", 0, "2023-12-31T13:00:00Z"},
		{"sydney fall overlap first", "Australia/Sydney", "2024-04-07", 2, "2024-04-06T15:00:00Z"},
		{"sydney spring gap", "Australia/Sydney", "2024-10-06", 2, "2024-10-05T16:00:00Z"},
		{"kolkata midnight", "Asia/Kolkata", "2024-03-05", 0, "2024-03-04T18:30:00Z"},
		{"kolkata H4", "Asia/Kolkata", "2024-03-05", 4, "2024-03-04T22:30:00Z"},
		{"kolkata H23", "Asia/Kolkata", "2024-03-05", 23, "2024-03-05T17:30:00Z"},
		{"lord howe half-hour gap", "Australia/Lord_Howe", "2024-10-06", 2, "2024-10-05T15:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Boundary(date(tt.day), tt.hour, zone(t, tt.zone)); !got.Equal(at(tt.want)) {
				t.Errorf("Boundary(%s, %d, %s) = %s, want %s", tt.day, tt.hour, tt.zone, got.UTC(), tt.want)
			}
		})
	}
}

// TestBoundaryEveryHour checks the definition for every hour of 2024 in
// zones with and without daylight saving: a boundary reads D H:00 and is
// its first occurrence, or, in a gap, is the first instant after the gap;
// it starts its business day, and the instant before it ends the previous.
func TestBoundaryEveryHour(t *testing.T) {
	t.Parallel()
	zones := []string{"Etc/UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Australia/Lord_Howe"}
	for _, name := range zones {
		loc := zone(t, name)
		prev := time.Time{}
		for d := date("2024-01-01"); d.Year == 2024; d = d.AddDays(1) {
			for h := range 24 {
				wall := time.Date(d.Year, d.Month, d.Day, h, 0, 0, 0, time.UTC)
				b := Boundary(d, h, loc)
				reads := wallClock(b.In(loc))
				if reads.Equal(wall) {
					for _, back := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
						if wallClock(b.Add(-back).In(loc)).Equal(wall) {
							t.Errorf("%s %s H%d: %s is not the first occurrence", name, d, h, b.UTC())
						}
					}
				} else if reads.Before(wall) || !wallClock(b.Add(-time.Nanosecond).In(loc)).Before(wall) {
					t.Errorf("%s %s H%d: %s is neither D H:00 nor the end of a gap", name, d, h, b.UTC())
				}
				if got := BusinessDay(b, h, loc); got != d {
					t.Errorf("%s %s H%d: BusinessDay(boundary) = %s", name, d, h, got)
				}
				if got := BusinessDay(b.Add(-time.Nanosecond), h, loc); got != d.AddDays(-1) {
					t.Errorf("%s %s H%d: BusinessDay(boundary - 1ns) = %s", name, d, h, got)
				}
				if got := NextDue(b.Add(-time.Nanosecond), ledgersync.FrequencyDaily, h, loc); !got.Equal(b) {
					t.Errorf("%s %s H%d: NextDue(boundary - 1ns) = %s, want %s", name, d, h, got.UTC(), b.UTC())
				}
				if b.Before(prev) {
					t.Errorf("%s %s H%d: %s is before the previous boundary %s", name, d, h, b.UTC(), prev.UTC())
				}
				prev = b
			}
		}
	}
}

func TestBusinessDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		zone string
		hour int
		t    string
		want string
	}{
		{"utc at boundary", "Etc/UTC", 0, "2024-03-05T00:00:00Z", "2024-03-05"},
		{"utc just before", "Etc/UTC", 0, "2024-03-04T23:59:59.999999999Z", "2024-03-04"},
		{"utc H23", "Etc/UTC", 23, "2024-03-05T22:59:00Z", "2024-03-04"},
		{"london H4 at 02:00", "Europe/London", 4, "2024-03-05T02:00:00Z", "2024-03-04"},
		{"london H4 just before", "Europe/London", 4, "2024-03-05T03:59:59.999999999Z", "2024-03-04"},
		{"london H4 at boundary", "Europe/London", 4, "2024-03-05T04:00:00Z", "2024-03-05"},
		{"london H1 before gap", "Europe/London", 1, "2024-03-31T00:59:00Z", "2024-03-30"},
		{"london H1 gap end", "Europe/London", 1, "2024-03-31T01:00:00Z", "2024-03-31"},
		{"london H1 first 01:00", "Europe/London", 1, "2024-10-27T00:00:00Z", "2024-10-27"},
		{"london H1 second 01:30", "Europe/London", 1, "2024-10-27T01:30:00Z", "2024-10-27"},
		{"london H1 day before", "Europe/London", 1, "2024-10-26T23:59:00Z", "2024-10-26"},
		{"new york H2 before gap", "America/New_York", 2, "2024-03-10T06:59:00Z", "2024-03-09"},
		{"new york H2 gap end", "America/New_York", 2, "2024-03-10T07:00:00Z", "2024-03-10"},
		{"new york H1 second 01:30", "America/New_York", 1, "2024-11-03T06:30:00Z", "2024-11-03"},
		{"sydney H0", "Australia/Sydney", 0, "2024-03-04T13:00:00Z", "2024-03-05"},
		{"sydney H0 just before", "Australia/Sydney", 0, "2024-03-04T12:59:00Z", "2024-03-04"},
		{"kolkata H23", "Asia/Kolkata", 23, "2024-03-05T17:30:00Z", "2024-03-05"},
		{"kolkata H23 just before", "Asia/Kolkata", 23, "2024-03-05T17:29:00Z", "2024-03-04"},
		{"offset in the input is ignored", "Europe/London", 4, "2024-03-05T05:00:00+03:00", "2024-03-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := BusinessDay(at(tt.t), tt.hour, zone(t, tt.zone)); got != date(tt.want) {
				t.Errorf("BusinessDay(%s, %d, %s) = %s, want %s", tt.t, tt.hour, tt.zone, got, tt.want)
			}
		})
	}
}

func TestNextDue(t *testing.T) {
	t.Parallel()
	const daily, monthly = ledgersync.FrequencyDaily, ledgersync.FrequencyMonthly
	tests := []struct {
		name  string
		freq  ledgersync.SyncFrequency
		zone  string
		hour  int
		after string
		want  string
	}{
		{"daily at boundary is strict", daily, "Etc/UTC", 0, "2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z"},
		{"daily just before", daily, "Etc/UTC", 0, "2024-03-04T23:59:59Z", "2024-03-05T00:00:00Z"},
		{"daily H23", daily, "Etc/UTC", 23, "2024-03-05T23:00:00Z", "2024-03-06T23:00:00Z"},
		{"daily london gap", daily, "Europe/London", 1, "2024-03-30T12:00:00Z", "2024-03-31T01:00:00Z"},
		{"daily london after gap", daily, "Europe/London", 1, "2024-03-31T01:00:00Z", "2024-04-01T00:00:00Z"},
		{"daily london overlap", daily, "Europe/London", 1, "2024-10-26T12:00:00Z", "2024-10-27T00:00:00Z"},
		{"daily london second 01:00 is no boundary", daily, "Europe/London", 1, "2024-10-27T00:00:00Z", "2024-10-28T01:00:00Z"},
		{"daily new york gap", daily, "America/New_York", 2, "2024-03-09T12:00:00Z", "2024-03-10T07:00:00Z"},
		{"daily new york after gap", daily, "America/New_York", 2, "2024-03-10T07:00:00Z", "2024-03-11T06:00:00Z"},
		{"daily new york overlap", daily, "America/New_York", 1, "2024-11-02T12:00:00Z", "2024-11-03T05:00:00Z"},
		{"daily sydney H4", daily, "Australia/Sydney", 4, "2024-03-04T17:00:00Z", "2024-03-05T17:00:00Z"},
		{"daily kolkata H0", daily, "Asia/Kolkata", 0, "2024-02-28T18:30:00Z", "2024-02-29T18:30:00Z"},
		{"daily unknown frequency", "Weekly", "Etc/UTC", 0, "2024-03-05T12:00:00Z", "2024-03-06T00:00:00Z"},
		{"monthly mid-month", monthly, "Etc/UTC", 0, "2024-01-15T12:00:00Z", "2024-02-01T00:00:00Z"},
		{"monthly just before the 1st", monthly, "Etc/UTC", 0, "2024-01-31T23:59:00Z", "2024-02-01T00:00:00Z"},
		{"monthly at boundary is strict", monthly, "Etc/UTC", 0, "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"},
		{"monthly leap day", monthly, "Etc/UTC", 0, "2024-02-29T12:00:00Z", "2024-03-01T00:00:00Z"},
		{"monthly non-leap february", monthly, "Etc/UTC", 0, "2023-02-28T12:00:00Z", "2023-03-01T00:00:00Z"},
		{"monthly 30-day month end", monthly, "Etc/UTC", 0, "2024-04-30T23:00:00Z", "2024-05-01T00:00:00Z"},
		{"monthly year end", monthly, "Etc/UTC", 23, "2024-12-31T23:30:00Z", "2025-01-01T23:00:00Z"},
		{"monthly the 1st before H", monthly, "Etc/UTC", 23, "2024-12-01T22:00:00Z", "2024-12-01T23:00:00Z"},
		{"monthly london H4 on the 1st", monthly, "Europe/London", 4, "2024-03-01T03:00:00Z", "2024-03-01T04:00:00Z"},
		{"monthly london summer", monthly, "Europe/London", 1, "2024-10-15T12:00:00Z", "2024-11-01T01:00:00Z"},
		{"monthly new york", monthly, "America/New_York", 0, "2024-02-29T12:00:00Z", "2024-03-01T05:00:00Z"},
		{"monthly kolkata", monthly, "Asia/Kolkata", 0, "2024-03-31T18:29:00Z", "2024-03-31T18:30:00Z"},
		{"monthly sydney across dst end", monthly, "Australia/Sydney", 0, "2024-03-31T13:00:00Z", "2024-04-30T14:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := NextDue(at(tt.after), tt.freq, tt.hour, zone(t, tt.zone))
			if !got.Equal(at(tt.want)) {
				t.Errorf("NextDue(%s, %s, %d, %s) = %s, want %s", tt.after, tt.freq, tt.hour, tt.zone, got.UTC(), tt.want)
			}
		})
	}
}
