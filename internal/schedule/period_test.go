package schedule

import (
	"slices"
	"testing"

	"github.com/ledgersync/ledgersync"
)

func TestPeriods(t *testing.T) {
	t.Parallel()
	const (
		s0    = "2024-03-01T00:00:00Z"
		later = "2024-03-04T00:00:00Z"
		due   = "2024-03-06T00:00:00Z"
		after = "2024-03-08T00:00:00Z"
	)
	tests := []struct {
		name                  string
		anchor, floor, finish string
		wantStart, wantFinish string
		wantEmpty             bool
	}{
		{"first period", s0, s0, due, s0, due, false},
		{"anchor after floor", later, s0, due, later, due, false},
		{"floor moved past anchor", s0, later, due, later, due, false},
		{"floor after finish", s0, after, due, due, due, true},
		{"finish before anchor", after, s0, due, due, due, true},
		{"finish at anchor", due, s0, due, due, due, true},
	}
	for _, tt := range tests {
		for name, f := range map[string]func(a, b, c string) Period{
			"ScheduledPeriod": func(a, b, c string) Period { return ScheduledPeriod(at(a), at(b), at(c)) },
			"LatestPeriod":    func(a, b, c string) Period { return LatestPeriod(at(a), at(b), at(c)) },
		} {
			p := f(tt.anchor, tt.floor, tt.finish)
			if !p.Start.Equal(at(tt.wantStart)) || !p.Finish.Equal(at(tt.wantFinish)) || p.Empty() != tt.wantEmpty {
				t.Errorf("%s: %s = [%s, %s) empty=%v, want [%s, %s) empty=%v", tt.name, name,
					p.Start, p.Finish, p.Empty(), tt.wantStart, tt.wantFinish, tt.wantEmpty)
			}
		}
	}
}

func TestValidateHistoric(t *testing.T) {
	t.Parallel()
	const (
		s0  = "2024-03-01T00:00:00Z"
		now = "2024-03-10T12:00:00Z"
	)
	tests := []struct {
		name          string
		start, finish string
		want          string
	}{
		{"whole range", s0, now, ""},
		{"one day", "2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z", ""},
		{"finish equals start", "2024-03-05T00:00:00Z", "2024-03-05T00:00:00Z", MsgFinishNotAfterStart},
		{"finish before start", "2024-03-05T00:00:00Z", "2024-03-04T00:00:00Z", MsgFinishNotAfterStart},
		{"finish in the future", "2024-03-05T00:00:00Z", "2024-03-10T12:00:00.000000001Z", MsgFinishInFuture},
		{"start before s0", "2024-02-29T23:59:59Z", "2024-03-05T00:00:00Z", MsgStartBeforeS0},
		{"future and before s0", "2024-02-01T00:00:00Z", "2024-04-01T00:00:00Z", MsgFinishInFuture},
		{"inverted and in the future", "2024-05-01T00:00:00Z", "2024-04-01T00:00:00Z", MsgFinishNotAfterStart},
	}
	for _, tt := range tests {
		err := ValidateHistoric(at(tt.start), at(tt.finish), at(s0), at(now))
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: unexpected %v", tt.name, err)
			}
			continue
		}
		if ledgersync.ErrorCode(err) != ledgersync.EInvalid || ledgersync.ErrorMessage(err) != tt.want {
			t.Errorf("%s: got %v, want EInvalid %q", tt.name, err, tt.want)
		}
	}
}

func TestDays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		zone          string
		hour          int
		start, finish string
		want          []string
	}{
		{"one london day (SPEC 9.4)", "Europe/London", 0, "2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z",
			[]string{"2024-03-05"}},
		{"empty", "Etc/UTC", 0, "2024-03-05T00:00:00Z", "2024-03-05T00:00:00Z", nil},
		{"partial day", "Europe/London", 4, "2024-03-05T04:00:00Z", "2024-03-05T05:00:00Z",
			[]string{"2024-03-05"}},
		{"straddles a boundary", "Europe/London", 4, "2024-03-05T02:00:00Z", "2024-03-05T05:00:00Z",
			[]string{"2024-03-04", "2024-03-05"}},
		{"across spring forward", "Europe/London", 1, "2024-03-30T01:00:00Z", "2024-04-01T00:00:00Z",
			[]string{"2024-03-30", "2024-03-31"}},
		{"across fall back", "America/New_York", 1, "2024-11-02T05:00:00Z", "2024-11-04T06:00:00Z",
			[]string{"2024-11-02", "2024-11-03"}},
		{"leap month in sydney", "Australia/Sydney", 0, "2024-01-31T13:00:00Z", "2024-02-29T13:00:00Z",
			dayRange("2024-02-01", "2024-02-29")},
		{"kolkata H23", "Asia/Kolkata", 23, "2024-03-04T17:30:00Z", "2024-03-06T17:30:00Z",
			[]string{"2024-03-04", "2024-03-05"}},
	}
	for _, tt := range tests {
		p := Period{Start: at(tt.start), Finish: at(tt.finish)}
		var got []string
		for _, d := range Days(p, tt.hour, zone(t, tt.zone)) {
			got = append(got, d.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Days = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// dayRange lists the dates from first to last inclusive.
func dayRange(first, last string) []string {
	var out []string
	for d := date(first); d.Compare(date(last)) <= 0; d = d.AddDays(1) {
		out = append(out, d.String())
	}
	return out
}
