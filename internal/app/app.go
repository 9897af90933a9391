// Package app is the composition root: Open wires the configuration, the
// store, the API and the server together, and nothing else does.
package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/api"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/flow"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
	"github.com/ledgersync/ledgersync/internal/platform/xero"
	"github.com/ledgersync/ledgersync/internal/secret"
	"github.com/ledgersync/ledgersync/internal/server"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/syncer"
	"github.com/ledgersync/ledgersync/internal/webhook"
)

// App is a wired ledgersync process.
type App struct {
	Config  *config.Config
	Store   *store.Store
	Server  *server.Server
	Metrics *server.Metrics
	Log     *slog.Logger
	// Sandbox is the built-in accounting platform.
	Sandbox *sandbox.Sandbox
	// Platforms are the accounting platforms merchants can connect.
	Platforms *platform.Registry
	// Webhooks delivers events to the rules' notifiers.
	Webhooks *webhook.Worker
	// River queues the background jobs and, once started, runs them.
	River *river.Client[*sql.Tx]
	// Runner carries out sync runs, and Scheduler starts those due.
	Runner    *syncer.Runner
	Scheduler *syncer.Scheduler
}

// StartWorkers starts running background jobs; they stop when ctx ends or
// at Close.
func (a *App) StartWorkers(ctx context.Context) error { return a.River.Start(ctx) }

// OpenStore opens and migrates the database named by the configuration,
// generating the encryption key into the data directory on first start.
func OpenStore(ctx context.Context, cfg *config.Config, log *slog.Logger) (*store.Store, error) {
	generated, err := cfg.EnsureEncryptionKey()
	if err != nil {
		return nil, err
	}
	if generated {
		log.Warn("LEDGERSYNC_ENCRYPTION_KEY is not set: generated one; back it up, without it sealed secrets are lost",
			"file", cfg.KeyFile())
	}
	sealer, err := secret.New(cfg.EncryptionKey, cfg.PreviousEncryptionKeys...)
	if err != nil {
		return nil, fmt.Errorf("app: LEDGERSYNC_ENCRYPTION_KEY: %w", err)
	}
	s, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath(), Sealer: sealer})
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx, log); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.CheckKey(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Open opens the store and builds the server.
func Open(ctx context.Context, cfg *config.Config, log *slog.Logger) (*App, error) {
	s, err := OpenStore(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	a, err := New(cfg, s, log)
	if err != nil {
		s.Close()
		return nil, err
	}
	return a, nil
}

// New builds the server over an open, migrated store.
func New(cfg *config.Config, s *store.Store, log *slog.Logger) (*App, error) {
	a := &App{Config: cfg, Store: s, Metrics: server.NewMetrics(), Log: log}
	mux, err := a.routes()
	if err != nil {
		return nil, err
	}
	a.Server = server.New(server.Config{
		Addr:              cfg.ListenAddr,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		ShutdownTimeout:   cfg.ShutdownTimeout,
		MaxBodyBytes:      cfg.MaxBodyBytes,
		BodyLimit: func(r *http.Request) int64 {
			if api.IsPush(r) {
				return max(cfg.MaxBodyBytes, api.PushBodyLimit)
			}
			return cfg.MaxBodyBytes
		},
	}, mux, log, a.Metrics)
	return a, nil
}

// routes is the root mux: operations, static assets, the API, the
// merchant flow and the built-in sandbox platform.
func (a *App) routes() (*http.ServeMux, error) {
	var err error
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", a.ready)
	mux.Handle("GET /metrics", a.Metrics.Handler())
	mux.Handle("GET /openapi.yaml", api.OpenAPI())
	mux.Handle("GET /static/branding/{file}", api.Static())
	secret := a.sandboxClientSecret()
	a.Sandbox = sandbox.New(a.Store.DB(), a.Store.ReadDB(), a.Store.Dialect(),
		sandbox.Options{BaseURL: a.Config.BaseURL, Log: a.Log, ClientSecret: secret})
	a.Sandbox.Register(mux)
	a.Platforms = platform.NewRegistry(a.Store, nil, xero.New(xero.Options{Key: ledgersync.KeySandbox,
		ClientID: sandbox.ClientID, ClientSecret: secret, Endpoints: xero.SandboxEndpoints(a.Config.BaseURL)}))
	configs := configuration.New(a.Store, a.Platforms)
	a.Runner = syncer.NewRunner(a.Store, configs, a.Platforms, a.Log)
	a.Scheduler = syncer.NewScheduler(a.Store, configs, nil)
	a.Scheduler.Jitter = a.Config.SyncJitter
	workers := river.NewWorkers()
	river.AddWorker(workers, &syncer.SyncWorker{Runner: a.Runner})
	river.AddWorker(workers, &syncer.EnqueueDueWorker{Scheduler: a.Scheduler, Now: time.Now})
	river.AddWorker(workers, &syncer.PruneWorker{Store: a.Store})
	if a.Webhooks, err = a.webhookWorker(); err != nil {
		return nil, err
	}
	river.AddWorker(workers, a.Webhooks)
	if a.River, err = syncer.NewRiverClient(a.Store, a.Log, workers); err != nil {
		return nil, err
	}
	a.Scheduler.UseRiver(a.River)
	a.Store.SetDeliveryEnqueuer(a.EnqueueDeliveries)
	api.New(a.Store, a.Log, api.Options{BaseURL: a.Config.BaseURL, RatePerMinute: a.Config.RatePerMinute,
		Platforms: a.Platforms, Sandbox: a.Sandbox, Syncs: syncer.NewService(a.Store, configs, a.River, nil),
		CheckWebhookURL: a.checkWebhookURL, EnqueueDelivery: a.EnqueueDeliveries, RequireIdempotencyKey: a.Config.RequireIdempotencyKey,
	}).Register(mux)
	f, err := flow.New(a.Store, a.Log, flow.Options{BaseURL: a.Config.BaseURL, Platforms: a.Platforms.Platforms(),
		Registry: a.Platforms, Config: configs})
	if err != nil {
		return nil, err
	}
	f.Register(mux)
	return mux, nil
}

// sandboxClientSecret is the secret ledgersync presents to its own
// sandbox: derived from the encryption key, so every replica agrees, or
// random for a process without one (tests).
func (a *App) sandboxClientSecret() string {
	key := a.Config.EncryptionKey
	if key == nil {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("ledgersync sandbox client secret"))
	return hex.EncodeToString(mac.Sum(nil))
}

func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := a.Store.Ping(r.Context()); err != nil {
		a.Log.Warn("not ready", "error", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

// Close stops the workers, letting running jobs finish, and releases the
// database.
func (a *App) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	_ = a.River.Stop(ctx)
	return a.Store.Close()
}
