package webhook

import "time"

// Schedule lists the delay before each attempt, the first attempt first
// (it is the delay after the previous attempt, not an offset from the
// event). Its length is the number of attempts.
type Schedule []time.Duration

// DefaultSchedule is SPEC §10's: attempts at 0 s, 5 s, 5 min, 30 min,
// 2 h, 5 h, 10 h and 10 h, eight in all, the last about 27 h 35 min
// after the first when no Retry-After intervenes.
var DefaultSchedule = Schedule{
	0, 5 * time.Second, 5 * time.Minute, 30 * time.Minute,
	2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour,
}

// Delay returns how long to wait before attempt n (1-based, as River
// counts) and false when there is no attempt n: give up. A positive
// retryAfter, the previous attempt's Result.RetryAfter, replaces the
// scheduled delay but is capped at the schedule's longest delay (10 h
// by default), so a receiver can neither stall delivery for days nor add
// attempts: a throttled attempt counts like any other.
func (s Schedule) Delay(n int, retryAfter time.Duration) (time.Duration, bool) {
	if n < 1 || n > len(s) {
		return 0, false
	}
	if retryAfter > 0 && n > 1 {
		return min(retryAfter, s.longest()), true
	}
	return s[n-1], true
}

// Next decides what follows attempt n and its result: retry after the
// returned delay, or stop (delivered, gone, or attempts exhausted).
func (s Schedule) Next(n int, r Result) (time.Duration, bool) {
	if r.Outcome == Delivered || r.Outcome == Gone {
		return 0, false
	}
	return s.Delay(n+1, r.RetryAfter)
}

func (s Schedule) longest() time.Duration {
	var m time.Duration
	for _, d := range s {
		m = max(m, d)
	}
	return m
}
