// Package api serves the partner-facing REST API: the contract's paths,
// JSON shapes and error body, authenticated by API key. routes.go lists
// every route; each noun has its own file.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/syncer"
	"github.com/ledgersync/ledgersync/internal/webhook"
)

// API holds what the handlers need.
type API struct {
	store     *store.Store
	log       *slog.Logger
	baseURL   string
	limiter   *keyLimiter
	now       func() time.Time
	platforms *platform.Registry
	sandbox   SandboxAuthorizer
	config    *configuration.Service
	syncs     *syncer.Service
	// checkWebhookURL judges a rule's webhook when the rule is created.
	checkWebhookURL func(string) error
	// enqueueDelivery schedules a redelivery; nil only resets it.
	enqueueDelivery store.DeliveryEnqueuer
	// requireKey makes Idempotency-Key mandatory on the push endpoints.
	requireKey bool
}

// Options configures the API.
type Options struct {
	// BaseURL is the public URL used in absolute links such as logos.
	BaseURL string
	// RatePerMinute caps requests per API key; zero turns the cap off.
	RatePerMinute int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Platforms reach the companies' accounting platforms.
	Platforms *platform.Registry
	// Sandbox links sandbox connections from credentials, without a browser.
	Sandbox SandboxAuthorizer
	// Syncs starts manual syncs.
	Syncs *syncer.Service
	// CheckWebhookURL judges a rule's webhook URL when the rule is
	// created; nil means ledgersync.CheckWebhookURL with the webhook guard,
	// without loopback hosts.
	CheckWebhookURL func(rawURL string) error
	// EnqueueDelivery schedules the sending of a redelivered delivery, in
	// the transaction that makes it pending again; nil only makes it
	// pending.
	EnqueueDelivery store.DeliveryEnqueuer
	// RequireIdempotencyKey makes Idempotency-Key mandatory on the push
	// endpoints (LEDGERSYNC_REQUIRE_IDEMPOTENCY_KEY).
	RequireIdempotencyKey bool
}

// SandboxAuthorizer checks a sandbox organisation's credentials and
// grants ledgersync a token for it.
type SandboxAuthorizer interface {
	Authenticate(ctx context.Context, username, password string) (tenantID string, err error)
	Grant(ctx context.Context, tenantID, clientID string) (*ledgersync.Token, error)
}

// New returns the API over a store.
func New(s *store.Store, log *slog.Logger, o Options) *API {
	a := &API{store: s, log: log, baseURL: o.BaseURL, limiter: newKeyLimiter(o.RatePerMinute), now: o.Now,
		platforms: o.Platforms, sandbox: o.Sandbox, config: configuration.New(s, o.Platforms), syncs: o.Syncs,
		checkWebhookURL: o.CheckWebhookURL, enqueueDelivery: o.EnqueueDelivery,
		requireKey: o.RequireIdempotencyKey}
	if a.now == nil {
		a.now = time.Now
	}
	if a.checkWebhookURL == nil {
		a.checkWebhookURL = func(u string) error { return ledgersync.CheckWebhookURL(u, false, webhook.Guard{}.Check) }
	}
	return a
}

// Register adds the API's routes to the root mux, each behind API-key
// authentication, so the mux records the route pattern for metrics.
func (a *API) Register(mux *http.ServeMux) {
	a.routes(func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, a.authenticate(a.idempotent(h)))
	})
}
