// Package api serves the partner-facing REST API: the contract's paths,
// JSON shapes and error body, authenticated by API key. routes.go lists
// every route; each noun has its own file.
package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/ledgersync/ledgersync/internal/store"
)

// API holds what the handlers need.
type API struct {
	store   *store.Store
	log     *slog.Logger
	baseURL string
	limiter *keyLimiter
	now     func() time.Time
}

// Options configures the API.
type Options struct {
	// BaseURL is the public URL used in absolute links such as logos.
	BaseURL string
	// RatePerMinute caps requests per API key; zero turns the cap off.
	RatePerMinute int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// New returns the API over a store.
func New(s *store.Store, log *slog.Logger, o Options) *API {
	a := &API{store: s, log: log, baseURL: o.BaseURL, limiter: newKeyLimiter(o.RatePerMinute), now: o.Now}
	if a.now == nil {
		a.now = time.Now
	}
	return a
}

// Register adds the API's routes to the root mux, each behind API-key
// authentication, so the mux records the route pattern for metrics.
func (a *API) Register(mux *http.ServeMux) {
	a.routes(func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, a.authenticate(h))
	})
}
