package webhook

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func TestScheduleDelay(t *testing.T) {
	t.Parallel()
	s := DefaultSchedule
	tests := []struct {
		n          int
		retryAfter time.Duration
		want       time.Duration
		ok         bool
	}{
		{0, 0, 0, false},
		{1, 0, 0, true},
		{2, 0, 5 * time.Second, true},
		{3, 0, 5 * time.Minute, true},
		{4, 0, 30 * time.Minute, true},
		{5, 0, 2 * time.Hour, true},
		{6, 0, 5 * time.Hour, true},
		{7, 0, 10 * time.Hour, true},
		{8, 0, 10 * time.Hour, true},
		{9, 0, 0, false},
		{9, time.Minute, 0, false},
		{1, time.Minute, 0, true}, // the first attempt follows no response
		{2, 90 * time.Second, 90 * time.Second, true},
		{6, time.Second, time.Second, true},
		{3, 48 * time.Hour, 10 * time.Hour, true}, // capped at the longest step
		{4, -time.Second, 30 * time.Minute, true},
	}
	for _, tt := range tests {
		got, ok := s.Delay(tt.n, tt.retryAfter)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Delay(%d, %s) = %s, %v; want %s, %v", tt.n, tt.retryAfter, got, ok, tt.want, tt.ok)
		}
	}
	var total time.Duration
	for _, d := range s {
		total += d
	}
	if len(s) != 8 || total != 27*time.Hour+35*time.Minute+5*time.Second {
		t.Errorf("%d attempts over %s", len(s), total)
	}
}

func TestScheduleNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n     int
		r     Result
		want  time.Duration
		retry bool
	}{
		{1, Result{Outcome: Delivered}, 0, false},
		{1, Result{Outcome: Gone}, 0, false},
		{1, Result{Outcome: Failed}, 5 * time.Second, true},
		{2, Result{Outcome: Throttled, RetryAfter: time.Minute}, time.Minute, true},
		{2, Result{Outcome: Throttled}, 5 * time.Minute, true},
		{7, Result{Outcome: Failed}, 10 * time.Hour, true},
		{8, Result{Outcome: Failed}, 0, false},
		{8, Result{Outcome: Throttled, RetryAfter: time.Second}, 0, false},
	}
	for _, tt := range tests {
		if got, retry := DefaultSchedule.Next(tt.n, tt.r); got != tt.want || retry != tt.retry {
			t.Errorf("Next(%d, %v) = %s, %v; want %s, %v", tt.n, tt.r.Outcome, got, retry, tt.want, tt.retry)
		}
	}
}

// TestRetryLoop drives the sender with the schedule, as the job will, on
// a fake clock: a receiver answering 500 three times then 200 sees four
// attempts at offsets 0, 5 s, 5 min 5 s and 35 min 5 s, with one
// webhook-id and a timestamp per attempt, each signature valid.
func TestRetryLoop(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	rc := newReceiver(t, func(w http.ResponseWriter, _ *http.Request) {
		if calls.Add(1) <= 3 {
			w.WriteHeader(500)
		}
	})
	base := time.Unix(1_700_000_000, 0)
	clock := base
	s := NewSender(Options{Guard: Guard{AllowLoopback: true}, Now: func() time.Time { return clock }})
	d, secret := delivery(t, rc.URL)
	var last Result
	for n := 1; ; n++ {
		last = s.Send(context.Background(), d)
		delay, retry := DefaultSchedule.Next(n, last)
		if !retry {
			break
		}
		clock = clock.Add(delay)
	}
	if last.Outcome != Delivered || rc.count() != 4 {
		t.Fatalf("%d attempts ending %v, want 4 ending delivered", rc.count(), last.Outcome)
	}
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	offsets := []time.Duration{0, 5 * time.Second, 5*time.Minute + 5*time.Second, 35*time.Minute + 5*time.Second}
	for i, req := range rc.reqs {
		want := strconv.FormatInt(base.Add(offsets[i]).Unix(), 10)
		if got := req.Header.Get(HeaderTimestamp); got != want {
			t.Errorf("attempt %d: webhook-timestamp %s, want %s", i+1, got, want)
		}
		if req.Header.Get(HeaderID) != d.ID {
			t.Errorf("attempt %d: webhook-id %q, want %q", i+1, req.Header.Get(HeaderID), d.ID)
		}
		if err := wh.VerifyIgnoringTimestamp(rc.body[i], req.Header); err != nil {
			t.Errorf("attempt %d: %v", i+1, err)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"": 0, "0": 0, "1": time.Second, " 30 ": 30 * time.Second, "-5": 0, "1.5": 0, "soon": 0,
		"99999999999999999999": maxRetryAfter, "999999999": maxRetryAfter,
		"Tue, 05 Mar 2024 12:02:00 GMT": 2 * time.Minute, "Tue, 05 Mar 2024 11:00:00 GMT": 0,
		"Tuesday, 05-Mar-24 12:00:30 GMT": 30 * time.Second, "Tue Mar  5 12:00:10 2024": 10 * time.Second,
		"Tue, 05 Mar 2034 12:00:00 GMT": maxRetryAfter,
	}
	for v, want := range tests {
		if got := parseRetryAfter(v, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", v, got, want)
		}
	}
}
