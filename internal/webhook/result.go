package webhook

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Outcome classifies one attempt.
type Outcome int

// The outcomes of an attempt. The zero value is Failed.
const (
	// Failed: any other status, a redirect (never followed), a refused
	// address, a timeout or a network error. Retry on the schedule.
	Failed Outcome = iota
	// Delivered: a 2xx response. Done.
	Delivered
	// Gone: 410. Do not retry; the caller disables the rule's webhook.
	Gone
	// Throttled: 429 or 503. Retry after Result.RetryAfter when it is
	// set, else on the schedule.
	Throttled
)

// String returns the outcome's lower-case name.
func (o Outcome) String() string {
	switch o {
	case Delivered:
		return "delivered"
	case Gone:
		return "gone"
	case Throttled:
		return "throttled"
	}
	return "failed"
}

// Result is what one attempt gave. Error holds no secret, URL or body.
type Result struct {
	Outcome Outcome
	// StatusCode is the response's status, 0 when there was none.
	StatusCode int
	// RetryAfter is a Throttled response's Retry-After as a delay from
	// the attempt, 0 when absent, unreadable or already past.
	RetryAfter time.Duration
	// Error says why the attempt was not delivered; "" when it was.
	Error string
}

// classify maps a response received at now to a Result.
func classify(resp *http.Response, now time.Time) Result {
	code := resp.StatusCode
	r := Result{StatusCode: code}
	switch {
	case code >= 200 && code < 300:
		r.Outcome = Delivered
	case code == http.StatusGone:
		r.Outcome, r.Error = Gone, "HTTP 410 Gone"
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		r.Outcome, r.Error = Throttled, fmt.Sprintf("HTTP %d", code)
		r.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), now)
	case code >= 300 && code < 400:
		r.Outcome, r.Error = Failed, fmt.Sprintf("HTTP %d: redirect not followed", code)
	default:
		r.Outcome, r.Error = Failed, fmt.Sprintf("HTTP %d", code)
	}
	return r
}

// maxRetryAfter caps what parseRetryAfter returns, well past any
// schedule, so that huge values cannot overflow.
const maxRetryAfter = 7 * 24 * time.Hour

// parseRetryAfter reads a Retry-After value, delay-seconds or an
// HTTP-date, as a delay from now; 0 when absent, unreadable or past.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if strings.Trim(v, "0123456789") == "" {
		d = maxRetryAfter
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs < int64(maxRetryAfter/time.Second) {
			d = time.Duration(secs) * time.Second
		}
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return max(0, min(d, maxRetryAfter))
}
