package schedule

import (
	"fmt"
	"testing"
	"time"
)

func TestRunAtWithoutJitter(t *testing.T) {
	t.Parallel()
	due := at("2024-03-05T00:00:00Z")
	for _, limit := range []time.Duration{0, -time.Minute} {
		if got := RunAt(due, limit, "company-1"); !got.Equal(due) {
			t.Errorf("RunAt(%s, %s) = %s, want the due date", due, limit, got)
		}
	}
}

func TestRunAtIsStableAndInRange(t *testing.T) {
	t.Parallel()
	due := at("2024-03-05T00:00:00Z")
	const limit = 10 * time.Minute
	for _, key := range []string{"", "company-1", "0f2b6c1e-8d1a-4c8e-9a57-3c1f8b2d9e10"} {
		a, b := RunAt(due, limit, key), RunAt(due, limit, key)
		if !a.Equal(b) {
			t.Errorf("key %q: %s then %s", key, a, b)
		}
		if a.Before(due) || !a.Before(due.Add(limit)) {
			t.Errorf("key %q: %s is outside [due, due+%s)", key, a, limit)
		}
		next := due.Add(24 * time.Hour)
		if got := RunAt(next, limit, key).Sub(next); got != a.Sub(due) {
			t.Errorf("key %q: offset %s on the next day, want %s", key, got, a.Sub(due))
		}
	}
	if got := RunAt(due, time.Nanosecond, "company-1"); !got.Equal(due) {
		t.Errorf("a 1 ns range gave %s", got)
	}
}

// TestRunAtSpread is RELIABILITY 22: 10,000 companies due at 00:00 with up
// to 10 minutes of jitter fill ten one-minute buckets with none above twice
// the mean.
func TestRunAtSpread(t *testing.T) {
	t.Parallel()
	const n, buckets = 10000, 10
	due := at("2024-03-05T00:00:00Z")
	for _, format := range []string{"company-%d", "%08x-0000-4000-8000-000000000000"} {
		var count [buckets]int
		offsets := map[time.Duration]bool{}
		for i := range n {
			off := RunAt(due, buckets*time.Minute, fmt.Sprintf(format, i)).Sub(due)
			count[off/time.Minute]++
			offsets[off] = true
		}
		for b, c := range count {
			if c > 2*n/buckets || c == 0 {
				t.Errorf("%s: bucket %d holds %d of %d", format, b, c, n)
			}
		}
		if len(offsets) < n*99/100 {
			t.Errorf("%s: only %d distinct offsets for %d keys", format, len(offsets), n)
		}
	}
}
