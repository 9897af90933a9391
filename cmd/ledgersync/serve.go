package main

import (
	"context"
	"fmt"
	"net"

	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
)

// serve migrates, then serves until SIGINT or SIGTERM.
func serve(ctx context.Context, e env) error {
	cfg, log, err := setup(e)
	if err != nil {
		return err
	}
	ln, err := listen(cfg)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer a.Close()
	log.Info("listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "database", a.Store.Dialect())
	return a.Server.Serve(ctx, ln)
}

// listen opens the listening socket first, so that with port 0 the
// default base URL names the port actually chosen.
func listen(cfg *config.Config) (net.Listener, error) {
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on LEDGERSYNC_LISTEN_ADDR %s: %w", cfg.ListenAddr, err)
	}
	if cfg.BaseURLDefaulted() {
		cfg.BaseURL = "http://" + ln.Addr().String()
	}
	return ln, nil
}

// migrate applies every migration and exits.
func migrate(ctx context.Context, e env) error {
	cfg, log, err := setup(e)
	if err != nil {
		return err
	}
	s, err := app.OpenStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	log.Info("database is up to date", "database", s.Dialect())
	return s.Close()
}
