package api

import (
	"crypto/sha256"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/ledgersync/ledgersync"
)

// keyLimiter admits at most perMinute requests a minute per API key: a
// token bucket refilling perMinute/60 a second that holds a minute's worth.
// The count is per process; each replica enforces it on its own share.
type keyLimiter struct {
	perMinute int
	mu        sync.Mutex
	buckets   map[[sha256.Size]byte]*rate.Limiter
}

func newKeyLimiter(perMinute int) *keyLimiter {
	return &keyLimiter{perMinute: perMinute, buckets: map[[sha256.Size]byte]*rate.Limiter{}}
}

// wait reports how long the caller must wait before its next request is
// admitted; zero means admitted now. Buckets are keyed by a hash so that
// no key is kept in memory.
func (l *keyLimiter) wait(key string, now time.Time) time.Duration {
	if l == nil || l.perMinute <= 0 {
		return 0
	}
	id := sha256.Sum256([]byte(key))
	l.mu.Lock()
	b, ok := l.buckets[id]
	if !ok {
		b = rate.NewLimiter(rate.Limit(float64(l.perMinute)/60), l.perMinute)
		l.buckets[id] = b
	}
	l.mu.Unlock()
	r := b.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d
	}
	return 0
}

// rateLimited answers 429 with Retry-After in whole seconds.
func (a *API) rateLimited(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	a.writeError(w, r, ledgersync.Errorf(ledgersync.ERateLimited, "Rate limit of %d requests a minute per API key exceeded.", a.limiter.perMinute))
}
