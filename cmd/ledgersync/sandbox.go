package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
	"github.com/ledgersync/ledgersync/internal/store"
)

// sandboxCmd runs the built-in Sandbox platform's operator commands:
// create-org prints the new organisation's credentials as one line of
// JSON, export prints an organisation's ledger as one JSON object.
func sandboxCmd(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return errors.New("sandbox: want 'create-org --name N' or 'export [--tenant ID]'")
	}
	switch args[0] {
	case "create-org":
		return sandboxCreateOrg(ctx, args[1:], e)
	case "export":
		return sandboxExport(ctx, args[1:], e)
	}
	return fmt.Errorf("sandbox: unknown subcommand %q", args[0])
}

func sandboxCreateOrg(ctx context.Context, args []string, e env) error {
	fs := newFlags("sandbox create-org", e)
	name := fs.String("name", sandbox.DemoOrgName, "the organisation's name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withSandbox(ctx, e, func(sb *sandbox.Sandbox, log *slog.Logger) error {
		c, err := sb.CreateOrg(ctx, *name)
		if err != nil {
			return err
		}
		log.Info("created sandbox organisation", "tenant_id", c.TenantID, "username", c.Username)
		return json.NewEncoder(e.stdout).Encode(c)
	})
}

func sandboxExport(ctx context.Context, args []string, e env) error {
	fs := newFlags("sandbox export", e)
	tenant := fs.String("tenant", "", "the organisation (tenant) id; default: the demo organisation, else the only one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withSandbox(ctx, e, func(sb *sandbox.Sandbox, _ *slog.Logger) error {
		id := *tenant
		if id == "" {
			var err error
			if id, err = sb.DefaultTenant(ctx); err != nil {
				return err
			}
		}
		ledger, err := sb.Export(ctx, id)
		if err != nil {
			return err
		}
		out := json.NewEncoder(e.stdout)
		out.SetIndent("", "  ")
		return out.Encode(ledger)
	})
}

// withSandbox runs fn with the sandbox over the open, migrated store.
func withSandbox(ctx context.Context, e env, fn func(*sandbox.Sandbox, *slog.Logger) error) error {
	_, log, err := setup(e)
	if err != nil {
		return err
	}
	return withStore(ctx, e, func(s *store.Store) error {
		return fn(sandbox.New(s.DB(), s.ReadDB(), s.Dialect(), sandbox.Options{Log: log}), log)
	})
}
