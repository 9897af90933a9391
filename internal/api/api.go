// Package api serves the partner-facing REST API: the contract's paths,
// JSON shapes and error body, authenticated by API key. routes.go lists
// every route; each noun has its own file.
package api

import (
	"log/slog"
	"net/http"

	"github.com/ledgersync/ledgersync/internal/store"
)

// API holds what the handlers need.
type API struct {
	store   *store.Store
	log     *slog.Logger
	baseURL string
}

// New returns the API over a store. baseURL is the public URL used in
// absolute links such as integration logos.
func New(s *store.Store, log *slog.Logger, baseURL string) *API {
	return &API{store: s, log: log, baseURL: baseURL}
}

// Register adds the API's routes to the root mux, each behind API-key
// authentication, so the mux records the route pattern for metrics.
func (a *API) Register(mux *http.ServeMux) {
	a.routes(func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, a.authenticate(h))
	})
}
