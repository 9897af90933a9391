// Package sandbox is the built-in Sandbox accounting platform (integration
// key mqjo): a real, persistent ledger served by ledgersync itself, with
// its own OAuth2 authorization server and an API in Xero's dialect (same
// paths, collections, fields, error bodies, xero-tenant-id header and
// Idempotency-Key), so one connector serves Xero and the sandbox and every
// path Xero takes can be exercised locally. Everything lives under
// /sandbox on ledgersync's own server and in its database.
package sandbox

import (
	"database/sql"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// ClientID is the only OAuth client the sandbox knows: ledgersync itself.
const ClientID = "ledgersync"

// Default lifetimes, as Xero's.
const (
	defaultAccessTTL = 30 * time.Minute
	refreshTTL       = 60 * 24 * time.Hour
	codeTTL          = 10 * time.Minute
	consentTTL       = 10 * time.Minute
	ledgerTTL        = 15 * time.Minute
)

// Options configures a Sandbox.
type Options struct {
	// BaseURL is ledgersync's public base, such as http://127.0.0.1:8080;
	// the sandbox lives under BaseURL+"/sandbox", and only redirect URIs
	// under BaseURL+"/flow/" are registered for the client.
	BaseURL string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives unexpected errors; nil discards them.
	Log *slog.Logger
	// ClientSecret is the secret ledgersync's OAuth client presents at the
	// token endpoint. Empty refuses every client.
	ClientSecret string
	// AccessTokenTTL is an access token's lifetime; zero means 30 minutes.
	AccessTokenTTL time.Duration
	// RatePerMinute limits API calls per organisation and minute, as
	// Xero's minute limit does; zero means no limit.
	RatePerMinute int
}

// Sandbox is the platform: its pages, its OAuth2 server and its API.
type Sandbox struct {
	write, read *sql.DB
	sql         dialect
	opts        Options
	pages       *pages
	logins      *loginLimiter
	limiter     *minuteLimiter
}

// New returns a Sandbox over ledgersync's database: write is the write pool
// (one connection on SQLite), read the read pool, dialect "sqlite" or
// "postgres". The schema comes from the store's migrations.
func New(write, read *sql.DB, dialect string, o Options) *Sandbox {
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.AccessTokenTTL <= 0 {
		o.AccessTokenTTL = defaultAccessTTL
	}
	return &Sandbox{
		write:   write,
		read:    read,
		sql:     dialectFor(dialect),
		opts:    o,
		pages:   newPages(o.BaseURL),
		logins:  newLoginLimiter(),
		limiter: newMinuteLimiter(o.RatePerMinute),
	}
}

// Register mounts every route of the sandbox on mux, all under /sandbox/.
func (s *Sandbox) Register(mux *http.ServeMux) {
	forms := http.NewCrossOriginProtection()
	mux.Handle("GET /sandbox/static/sandbox.css", staticCSS())
	mux.HandleFunc("GET /sandbox/identity/connect/authorize", s.authorizePage)
	mux.Handle("POST /sandbox/identity/connect/authorize", forms.Handler(http.HandlerFunc(s.login)))
	mux.Handle("POST /sandbox/identity/connect/consent", forms.Handler(http.HandlerFunc(s.consent)))
	mux.HandleFunc("POST /sandbox/identity/connect/token", s.token)
	mux.HandleFunc("POST /sandbox/identity/connect/revocation", s.revocation)
	mux.HandleFunc("GET /sandbox/connections", s.connections)
	mux.HandleFunc("DELETE /sandbox/connections/{id}", s.disconnect)
	mux.HandleFunc("GET /sandbox/ledger/{tenantId}", s.ledgerPage)
	mux.Handle("POST /sandbox/ledger/{tenantId}", forms.Handler(http.HandlerFunc(s.ledgerLogin)))
	s.apiRoutes(func(pattern string, h apiHandler) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.Handle(method+" "+apiPrefix+path, s.api(h))
	})
	mux.Handle(apiPrefix+"/", s.api(notFoundRoute))
}

// now is the clock in UTC at the databases' common precision, so a value
// read back equals the value written.
func (s *Sandbox) now() time.Time { return s.opts.Now().UTC().Truncate(time.Microsecond) }
