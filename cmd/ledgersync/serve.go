package main

import (
	"context"

	"github.com/ledgersync/ledgersync/internal/app"
)

// serve migrates, then serves until SIGINT or SIGTERM.
func serve(ctx context.Context, e env) error {
	cfg, log, err := setup(e)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx)
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
