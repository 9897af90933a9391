package schedule

import (
	"fmt"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

func TestS0IgnoresTheTimePart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		startDate string
		zone      string
		hour      int
		want      string
	}{
		{"2024-05-01", "Etc/UTC", 0, "2024-05-01T00:00:00Z"},
		{"2024-05-01T15:30:00+02:00", "Europe/London", 0, "2024-04-30T23:00:00Z"},
		{"2024-05-01T23:59:59", "Asia/Kolkata", 4, "2024-04-30T22:30:00Z"},
		{"2024-03-31", "Europe/London", 1, "2024-03-31T01:00:00Z"},
	}
	for _, tt := range tests {
		start, ok := ledgersync.SyncSchedule{StartDate: tt.startDate}.StartDay()
		if !ok {
			t.Fatalf("StartDay(%q) not ok", tt.startDate)
		}
		if got := S0(DateOf(start), tt.hour, zone(t, tt.zone)); !got.Equal(at(tt.want)) {
			t.Errorf("S0(%s, %d, %s) = %s, want %s", tt.startDate, tt.hour, tt.zone, got.UTC(), tt.want)
		}
	}
}

func TestFirstDue(t *testing.T) {
	t.Parallel()
	const daily, monthly = ledgersync.FrequencyDaily, ledgersync.FrequencyMonthly
	tests := []struct {
		name    string
		freq    ledgersync.SyncFrequency
		zone    string
		start   string
		enabled string
		want    string
	}{
		{"contract example", daily, "Etc/UTC", "2024-05-01", "2024-07-13T16:00:00Z", "2024-07-14T00:00:00Z"},
		{"contract example in london", daily, "Europe/London", "2024-05-01", "2024-07-13T15:00:00Z", "2024-07-13T23:00:00Z"},
		{"enabled exactly at a boundary", daily, "Etc/UTC", "2024-05-01", "2024-07-14T00:00:00Z", "2024-07-15T00:00:00Z"},
		{"start in the future", daily, "Etc/UTC", "2024-08-01", "2024-07-13T16:00:00Z", "2024-08-02T00:00:00Z"},
		{"monthly past start", monthly, "Etc/UTC", "2024-05-01", "2024-07-13T16:00:00Z", "2024-08-01T00:00:00Z"},
		{"monthly start on a future 1st", monthly, "Etc/UTC", "2024-08-01", "2024-07-13T16:00:00Z", "2024-09-01T00:00:00Z"},
		{"monthly start mid-month", monthly, "Asia/Kolkata", "2024-08-15", "2024-07-13T16:00:00Z", "2024-08-31T18:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc := zone(t, tt.zone)
			s0 := S0(date(tt.start), 0, loc)
			if got := FirstDue(s0, at(tt.enabled), tt.freq, 0, loc); !got.Equal(at(tt.want)) {
				t.Errorf("FirstDue = %s, want %s", got.UTC(), tt.want)
			}
		})
	}
}

// The contract's example (SPEC §7.1): configured and enabled on 13 July at
// 16:00 with a start date of 1 May and H=0, the first sync is due at
// 14 July 00:00 and covers 1 May 00:00 to 14 July 00:00.
func ExampleFirstDue() {
	loc := time.UTC
	s0 := S0(Date{2024, time.May, 1}, 0, loc)
	enabledAt := time.Date(2024, time.July, 13, 16, 0, 0, 0, loc)
	due := FirstDue(s0, enabledAt, ledgersync.FrequencyDaily, 0, loc)
	p := ScheduledPeriod(s0, s0, due)
	days := Days(p, 0, loc)
	fmt.Println(p.Start.Format(time.RFC3339), "to", p.Finish.Format(time.RFC3339))
	fmt.Println(len(days), "business days,", days[0], "to", days[len(days)-1])
	// Output:
	// 2024-05-01T00:00:00Z to 2024-07-14T00:00:00Z
	// 74 business days, 2024-05-01 to 2024-07-13
}
