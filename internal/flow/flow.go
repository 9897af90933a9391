// Package flow serves the hosted merchant flow: the one-time start link,
// the session it opens, the authorization with the accounting platform,
// the configuration wizard and the settings page. Pages are rendered on
// the server from embedded templates, in English and French.
package flow

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/store"
)

// Options configures the flow.
type Options struct {
	// BaseURL is ledgersync's public URL; the flow lives at BaseURL/flow.
	BaseURL string
	// Platforms are the accounting platforms a merchant can authorize,
	// by integration key.
	Platforms map[string]ledgersync.Platform
	// Registry reaches linked platforms, to create accounts.
	Registry *platform.Registry
	// Config loads and saves configurations with their live options.
	Config *configuration.Service
	// LinkAttemptsPerIP and LinkAttemptsPerClient cap start-link
	// openings a minute; zero means the defaults.
	LinkAttemptsPerIP     int
	LinkAttemptsPerClient int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Default limits on start-link openings a minute.
const (
	DefaultLinkAttemptsPerIP     = 30
	DefaultLinkAttemptsPerClient = 600
)

// Flow holds what the flow's handlers need.
type Flow struct {
	store *store.Store
	log   *slog.Logger
	opts  Options
	pages *pages
	csrf  *http.CrossOriginProtection
}

// New returns the flow. It parses every template at once, so a broken
// template stops the process at start.
func New(s *store.Store, log *slog.Logger, o Options) (*Flow, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.LinkAttemptsPerIP == 0 {
		o.LinkAttemptsPerIP = DefaultLinkAttemptsPerIP
	}
	if o.LinkAttemptsPerClient == 0 {
		o.LinkAttemptsPerClient = DefaultLinkAttemptsPerClient
	}
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	return &Flow{store: s, log: log, opts: o, pages: p, csrf: http.NewCrossOriginProtection()}, nil
}
