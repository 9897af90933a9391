package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
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
		org, err := a.Sandbox.EnsureDemoOrg(ctx)
		if err != nil {
			return err
		}
		link, err := demoLink(ctx, a.Store, state, demoMerchant)
		if err != nil {
			return err
		}
		if err := seedDemoSales(ctx, a.Store, a.Log, link); err != nil {
			return err
		}
		printDemo(e, a.Config.BaseURL, state, link.URL(a.Config.BaseURL), org)
		return nil
	})
}

// demoMerchant is the merchant the demo's start URLs open the flow for.
const demoMerchant = "Corner Café"

// demoLink issues a start URL for a merchant of the demo client.
func demoLink(ctx context.Context, s *store.Store, st *demoState, merchant string) (*ledgersync.FlowLink, error) {
	c, err := s.FindClientByID(ctx, st.ClientID)
	if err != nil {
		return nil, err
	}
	return s.StartFlow(ctx, c, ledgersync.FlowStart{CommerceKey: ledgersync.KeyPartnerCommerce,
		AccountingKey: ledgersync.KeySandbox, MerchantIdentifier: merchant})
}

// demoURL prints a fresh start URL for the demo merchant, alone on its
// last line: `ledgersync demo url [--merchant M]`.
func demoURL(ctx context.Context, args []string, e env) error {
	fs := newFlags("demo url", e)
	merchant := fs.String("merchant", demoMerchant, "the merchant identifier")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withStore(ctx, e, func(s *store.Store) error {
		cfg, err := config.FromEnv(e.getenv)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(filepath.Join(cfg.DataDir, "demo.json"))
		if err != nil {
			return fmt.Errorf("demo url: run 'ledgersync demo' first: %w", err)
		}
		var st demoState
		if err := json.Unmarshal(b, &st); err != nil {
			return fmt.Errorf("demo url: %w", err)
		}
		link, err := demoLink(ctx, s, &st, *merchant)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Start URL for %s (valid 30 seconds, once):\n%s\n", *merchant, link.URL(cfg.BaseURL))
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

// printDemo prints everything at once, so a reader of stdout never sees
// half of it.
func printDemo(e env, baseURL string, st *demoState, startURL string, org *sandbox.OrgCredentials) {
	fmt.Fprintf(e.stdout, `
ledgersync demo is running.

  Base URL:  %[1]s
  Client id: %[2]s
  API key:   %[3]s

Try it:

  curl -s -X POST -H 'Authorization: Bearer %[3]s' -H 'Content-Type: application/json' \
    -d '{"name":"Demo Bakery"}' %[1]s/companies

  curl -s -H 'Authorization: Bearer %[3]s' %[1]s/companies

The API is described at %[1]s/openapi.yaml.

Walk the merchant's flow in a browser. Open this start URL within 30 seconds
(it works once; 'ledgersync demo url' prints a fresh one):

  %[4]s

When the Sandbox asks, sign in as %[5]s with the password %[6]s.
Press Ctrl-C to stop.
`, baseURL, st.ClientID, st.APIKey, startURL, org.Username, org.Password)
}
