package schedule

import (
	"slices"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

func TestDuePeriods(t *testing.T) {
	t.Parallel()
	const daily, monthly = ledgersync.FrequencyDaily, ledgersync.FrequencyMonthly
	tests := []struct {
		name      string
		freq      ledgersync.SyncFrequency
		zone      string
		hour      int
		next, now string
		skip, run []string
		wantNext  string
	}{
		{"nothing due yet", daily, "Etc/UTC", 0, "2024-03-05T00:00:00Z", "2024-03-04T23:59:59Z",
			nil, nil, "2024-03-05T00:00:00Z"},
		{"due exactly now", daily, "Etc/UTC", 0, "2024-03-05T00:00:00Z", "2024-03-05T00:00:00Z",
			nil, []string{"2024-03-05T00:00:00Z"}, "2024-03-06T00:00:00Z"},
		{"three periods of downtime", daily, "Etc/UTC", 0, "2024-03-05T00:00:00Z", "2024-03-07T00:10:00Z",
			nil, []string{"2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z", "2024-03-07T00:00:00Z"},
			"2024-03-08T00:00:00Z"},
		{"forty days of downtime", daily, "Etc/UTC", 0, "2024-03-01T00:00:00Z", "2024-04-10T00:10:00Z",
			dueRange("2024-03-01", "2024-03-10"), dueRange("2024-03-11", "2024-04-10"), "2024-04-11T00:00:00Z"},
		{"exactly the window old runs", daily, "Etc/UTC", 0, "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z",
			nil, dueRange("2024-03-01", "2024-04-01"), "2024-04-02T00:00:00Z"},
		{"just over the window is skipped", daily, "Etc/UTC", 0, "2024-03-01T00:00:00Z", "2024-04-01T00:00:00.000000001Z",
			[]string{"2024-03-01T00:00:00Z"}, dueRange("2024-03-02", "2024-04-01"), "2024-04-02T00:00:00Z"},
		{"across spring forward", daily, "Europe/London", 1, "2024-03-30T01:00:00Z", "2024-04-01T12:00:00Z",
			nil, []string{"2024-03-30T01:00:00Z", "2024-03-31T01:00:00Z", "2024-04-01T00:00:00Z"},
			"2024-04-02T00:00:00Z"},
		{"sync hour moved later", daily, "Etc/UTC", 6, "2024-03-05T00:00:00Z", "2024-03-06T12:00:00Z",
			nil, []string{"2024-03-05T00:00:00Z", "2024-03-05T06:00:00Z", "2024-03-06T06:00:00Z"},
			"2024-03-07T06:00:00Z"},
		{"sync hour moved earlier", daily, "Etc/UTC", 0, "2024-03-05T06:00:00Z", "2024-03-07T12:00:00Z",
			nil, []string{"2024-03-05T06:00:00Z", "2024-03-06T00:00:00Z", "2024-03-07T00:00:00Z"},
			"2024-03-08T00:00:00Z"},
		{"time zone changed", daily, "Asia/Kolkata", 0, "2024-03-05T00:00:00Z", "2024-03-06T12:00:00Z",
			nil, []string{"2024-03-05T00:00:00Z", "2024-03-05T18:30:00Z"}, "2024-03-06T18:30:00Z"},
		{"monthly downtime", monthly, "Etc/UTC", 0, "2024-01-01T00:00:00Z", "2024-04-15T00:00:00Z",
			[]string{"2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"},
			[]string{"2024-04-01T00:00:00Z"}, "2024-05-01T00:00:00Z"},
		{"monthly three periods", monthly, "Etc/UTC", 0, "2024-02-01T00:00:00Z", "2024-04-01T00:00:00Z",
			[]string{"2024-02-01T00:00:00Z"}, []string{"2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"},
			"2024-05-01T00:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := DuePeriods(at(tt.next), at(tt.now), tt.freq, tt.hour, zone(t, tt.zone), CatchUpWindow)
			if got := formatAll(c.Skip); !slices.Equal(got, tt.skip) {
				t.Errorf("Skip = %v, want %v", got, tt.skip)
			}
			if got := formatAll(c.Run); !slices.Equal(got, tt.run) {
				t.Errorf("Run = %v, want %v", got, tt.run)
			}
			if !c.Next.Equal(at(tt.wantNext)) {
				t.Errorf("Next = %s, want %s", c.Next.UTC(), tt.wantNext)
			}
		})
	}
}

// dueRange lists the UTC midnights from first to last inclusive.
func dueRange(first, last string) []string {
	var out []string
	for _, d := range dayRange(first, last) {
		out = append(out, d+"T00:00:00Z")
	}
	return out
}

// formatAll formats instants as RFC 3339 in UTC.
func formatAll(ts []time.Time) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.UTC().Format(time.RFC3339Nano))
	}
	return out
}

func TestShouldAutoDisable(t *testing.T) {
	t.Parallel()
	f := at("2024-03-01T00:00:00Z")
	tests := []struct {
		name  string
		first time.Time
		due   time.Time
		want  bool
	}{
		{"no failure streak", time.Time{}, at("2024-06-01T00:00:00Z"), false},
		{"first failure itself", f, f, false},
		{"30 days 23 hours", f, f.Add(30*24*time.Hour + 23*time.Hour), false},
		{"one nanosecond short", f, f.Add(31*24*time.Hour - 1), false},
		{"31 days", f, f.Add(31 * 24 * time.Hour), true},
		{"32 days", f, f.Add(32 * 24 * time.Hour), true},
		{"due before the failure", f, f.Add(-40 * 24 * time.Hour), false},
	}
	for _, tt := range tests {
		if got := ShouldAutoDisable(tt.first, tt.due); got != tt.want {
			t.Errorf("%s: ShouldAutoDisable = %v, want %v", tt.name, got, tt.want)
		}
	}
}
