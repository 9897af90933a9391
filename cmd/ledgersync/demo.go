package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/store"
)

// demoState is kept in the data directory so the demo prints the same key
// on every start. It is a development convenience: production keys are
// created with `keys create` and never written anywhere.
type demoState struct {
	ClientID string `json:"clientId"`
	APIKey   string `json:"apiKey"`
}

const demoClientName = "Demo Partner"

// demo starts a ready server on the configured database (SQLite in ./data
// by default), with a demo client and API key created when absent.
func demo(ctx context.Context, e env) error {
	return serveWith(ctx, e, func(a *app.App) error {
		state, err := ensureDemoClient(ctx, a.Config, a.Store)
		if err != nil {
			return err
		}
		printDemo(e, a.Config.BaseURL, state)
		return nil
	})
}

func ensureDemoClient(ctx context.Context, cfg *config.Config, s *store.Store) (*demoState, error) {
	path := filepath.Join(cfg.DataDir, "demo.json")
	var st demoState
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &st); err != nil {
			return nil, fmt.Errorf("demo: %s: %w", path, err)
		}
		if _, err := s.Authenticate(ctx, st.APIKey); err == nil {
			return &st, nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("demo: %w", err)
	}
	c, err := s.CreateClient(ctx, demoClientName, 0)
	if err != nil {
		return nil, err
	}
	key, err := s.CreateAPIKey(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	st = demoState{ClientID: c.ID, APIKey: key}
	b, _ = json.MarshalIndent(st, "", "  ")
	if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	return &st, nil
}

func printDemo(e env, baseURL string, st *demoState) {
	fmt.Fprintf(e.stdout, `
ledgersync demo is running.

  Base URL:  %[1]s
  Client id: %[2]s
  API key:   %[3]s

Try it:

  curl -s -X POST -H 'Authorization: Bearer %[3]s' -H 'Content-Type: application/json' \
    -d '{"name":"Demo Bakery"}' %[1]s/companies

  curl -s -H 'Authorization: Bearer %[3]s' %[1]s/companies

The API is described at %[1]s/openapi.yaml. Press Ctrl-C to stop.
`, baseURL, st.ClientID, st.APIKey)
}
