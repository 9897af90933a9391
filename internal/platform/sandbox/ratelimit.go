package sandbox

import (
	"strings"
	"sync"
	"time"
)

// Login failures allowed per username within the window.
const (
	loginFailures = 10
	loginWindow   = 15 * time.Minute
)

// loginLimiter counts failed logins per username, so a password cannot be
// guessed at speed. The count is per process.
type loginLimiter struct {
	mu       sync.Mutex
	failures map[string][]time.Time
}

func newLoginLimiter() *loginLimiter { return &loginLimiter{failures: map[string][]time.Time{}} }

func loginKey(username string) string { return strings.ToLower(strings.TrimSpace(username)) }

// blocked reports whether the username has used up its failures.
func (l *loginLimiter) blocked(username string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(loginKey(username), now)) >= loginFailures
}

// fail records a failed login.
func (l *loginLimiter) fail(username string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := loginKey(username)
	l.failures[key] = append(l.recent(key, now), now)
}

// recent drops the failures older than the window; l.mu is held.
func (l *loginLimiter) recent(key string, now time.Time) []time.Time {
	kept := l.failures[key][:0]
	for _, t := range l.failures[key] {
		if now.Sub(t) < loginWindow {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = kept
	return kept
}

// minuteLimiter admits perMinute API calls per organisation in each clock
// minute, as Xero's minute limit does. Zero admits everything.
type minuteLimiter struct {
	perMinute int
	mu        sync.Mutex
	windows   map[string]minuteWindow
}

type minuteWindow struct {
	start time.Time
	count int
}

func newMinuteLimiter(perMinute int) *minuteLimiter {
	return &minuteLimiter{perMinute: perMinute, windows: map[string]minuteWindow{}}
}

// admit counts a call; when the minute's calls are used up it returns how
// long until the next minute starts.
func (l *minuteLimiter) admit(tenant string, now time.Time) (remaining int, wait time.Duration) {
	if l.perMinute <= 0 {
		return -1, 0
	}
	start := now.Truncate(time.Minute)
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[tenant]
	if !w.start.Equal(start) {
		w = minuteWindow{start: start}
	}
	if w.count >= l.perMinute {
		return 0, start.Add(time.Minute).Sub(now)
	}
	w.count++
	l.windows[tenant] = w
	return l.perMinute - w.count, 0
}
