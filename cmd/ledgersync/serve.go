package main

import (
	"context"
	"fmt"
	"net"
	"strings"

	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/store"
)

// serve migrates, then serves until SIGINT or SIGTERM.
func serve(ctx context.Context, e env) error {
	return serveWith(ctx, e, func(a *app.App) error {
		a.Log.Info("listening", "base_url", a.Config.BaseURL, "database", a.Store.Dialect(), "worker_id", a.River.ID())
		return nil
	})
}

// serveWith opens the socket, wires the app, lets ready prepare it, and
// serves until ctx is done. The socket is opened first so that with port 0
// the default base URL names the port actually chosen.
func serveWith(ctx context.Context, e env, ready func(*app.App) error) error {
	cfg, log, err := setup(e)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("listen on LEDGERSYNC_LISTEN_ADDR %s: %w", cfg.ListenAddr, err)
	}
	defer ln.Close()
	if cfg.BaseURLDefaulted() {
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		host, _, _ := net.SplitHostPort(strings.TrimPrefix(cfg.BaseURL, "http://"))
		cfg.BaseURL = "http://" + net.JoinHostPort(host, port)
	}
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := ready(a); err != nil {
		return err
	}
	if err := a.StartWorkers(ctx); err != nil {
		return err
	}
	return a.Server.Serve(ctx, ln)
}

// migrate applies every migration and exits.
func migrate(ctx context.Context, e env) error {
	return withStore(ctx, e, func(s *store.Store) error {
		fmt.Fprintf(e.stdout, "database (%s) is up to date\n", s.Dialect())
		return nil
	})
}
