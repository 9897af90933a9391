package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/store"
)

// withStore runs fn with an open, migrated store.
func withStore(ctx context.Context, e env, fn func(*store.Store) error) error {
	cfg, log, err := setup(e)
	if err != nil {
		return err
	}
	s, err := app.OpenStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}

func newFlags(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

func clients(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		return errors.New("clients: want 'create' or 'update'")
	}
	switch args[0] {
	case "create":
		return clientsCreate(ctx, args[1:], e)
	case "update":
		return clientsUpdate(ctx, args[1:], e)
	}
	return fmt.Errorf("clients: unknown subcommand %q", args[0])
}

func clientsCreate(ctx context.Context, args []string, e env) error {
	fs := newFlags("clients create", e)
	name := fs.String("name", "", "the client's name (required)")
	limit := fs.Int("company-limit", 0, "maximum number of companies; 0 means no limit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*name) == "" {
		return errors.New("clients create: --name is required")
	}
	return withStore(ctx, e, func(s *store.Store) error {
		c, err := s.CreateClient(ctx, *name, *limit)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created client %q\n%s\n", c.Name, c.ID)
		return nil
	})
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func clientsUpdate(ctx context.Context, args []string, e env) error {
	fs := newFlags("clients update", e)
	id := fs.String("client", "", "the client id (required)")
	limit := fs.Int("company-limit", -1, "maximum number of companies; 0 means no limit")
	disable := fs.Bool("disable", false, "disable the client: its keys get 403")
	enable := fs.Bool("enable", false, "enable the client again")
	var off, on listFlag
	fs.Var(&off, "disable-integration", "integration key to disable (repeatable)")
	fs.Var(&on, "enable-integration", "integration key to enable (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *id == "" {
		return errors.New("clients update: --client is required")
	}
	return withStore(ctx, e, func(s *store.Store) error {
		c, err := s.FindClientByID(ctx, *id)
		if err != nil {
			return err
		}
		u, err := clientUpdate(c, *limit, *disable, *enable, off, on)
		if err != nil {
			return err
		}
		if c, err = s.UpdateClient(ctx, c.ID, u); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "client %s: disabled=%t company_limit=%d disabled_integrations=%v\n",
			c.ID, c.Disabled, c.CompanyLimit, c.DisabledIntegrations)
		return nil
	})
}

func clientUpdate(c *ledgersync.Client, limit int, disable, enable bool, off, on []string) (ledgersync.ClientUpdate, error) {
	var u ledgersync.ClientUpdate
	if limit >= 0 {
		u.CompanyLimit = &limit
	}
	if disable || enable {
		u.Disabled = &disable
	}
	disabled := slices.Clone(c.DisabledIntegrations)
	for _, k := range append(slices.Clone(off), on...) {
		if ledgersync.FindIntegration(k) == nil {
			return u, fmt.Errorf("clients update: unknown integration %q", k)
		}
	}
	for _, k := range off {
		if !slices.Contains(disabled, k) {
			disabled = append(disabled, k)
		}
	}
	disabled = slices.DeleteFunc(disabled, func(k string) bool { return slices.Contains(on, k) })
	u.DisabledIntegrations = &disabled
	return u, nil
}

func keys(ctx context.Context, args []string, e env) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("keys: want 'create --client ID'")
	}
	fs := newFlags("keys create", e)
	id := fs.String("client", "", "the client id (required)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *id == "" {
		return errors.New("keys create: --client is required")
	}
	return withStore(ctx, e, func(s *store.Store) error {
		if _, err := s.FindClientByID(ctx, *id); err != nil {
			return err
		}
		key, err := s.CreateAPIKey(ctx, *id)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "API key for client %s (shown once; only its hash is stored):\n%s\n", *id, key)
		return nil
	})
}

func secrets(ctx context.Context, args []string, e env) error {
	if len(args) != 1 || args[0] != "reseal" {
		return errors.New("secrets: want 'reseal'")
	}
	return withStore(ctx, e, func(s *store.Store) error {
		n, err := s.Reseal(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "resealed %d secrets under the current key\n", n)
		return nil
	})
}
