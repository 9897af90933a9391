// Command ledgersync runs the ledgersync server and its operator commands.
// Results go to stdout; logs and warnings go to stderr.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/config"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `usage: ledgersync <command> [flags]

commands:
  serve                              run the server
  migrate                            apply database migrations and exit
  demo                               run a ready server on the embedded default, with a demo client and key
  demo url [--merchant M]            print a fresh start URL for a demo merchant (valid 30 seconds)
  clients create --name N [--company-limit N]
                                     create a client; prints its id on the last line
  clients update --client ID [--disable-integration KEY] [--enable-integration KEY]
                 [--company-limit N] [--disable|--enable]
                                     change a client's operator settings
  keys create --client ID            create an API key; prints it once on the last line
  sandbox create-org [--name N]      create a sandbox organisation; prints {"tenantId","username","password"} as one JSON line
  sandbox export [--tenant ID]       print a sandbox organisation's ledger as one JSON object (default: the demo
                                     organisation, else the only one)
  secrets reseal                     seal every stored secret again under LEDGERSYNC_ENCRYPTION_KEY,
                                     so LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS can be dropped
  version                            print the version

Configuration comes from LEDGERSYNC_* environment variables (see README.md).
`

// env bundles what a command may touch, so tests can run commands in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         config.Env
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.LookupEnv}
	if err := run(ctx, os.Args[1:], e); err != nil {
		var domain *ledgersync.Error
		switch {
		case errors.Is(err, errUsage):
		case errors.As(err, &domain):
			fmt.Fprintln(os.Stderr, "ledgersync:", domain.Message)
		default:
			fmt.Fprintln(os.Stderr, "ledgersync:", err)
		}
		os.Exit(2)
	}
}

var errUsage = errors.New("usage")

// run dispatches a command line.
func run(ctx context.Context, args []string, e env) error {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return serve(ctx, e)
	case "migrate":
		return migrate(ctx, e)
	case "demo":
		if len(args) > 1 && args[1] == "url" {
			return demoURL(ctx, args[2:], e)
		}
		return demo(ctx, e)
	case "clients":
		return clients(ctx, args[1:], e)
	case "keys":
		return keys(ctx, args[1:], e)
	case "sandbox":
		return sandboxCmd(ctx, args[1:], e)
	case "secrets":
		return secrets(ctx, args[1:], e)
	case "version", "--version", "-v":
		fmt.Fprintln(e.stdout, "ledgersync", version)
		return nil
	case "help", "--help", "-h":
		fmt.Fprint(e.stdout, usage)
		return nil
	}
	fmt.Fprintf(e.stderr, "ledgersync: unknown command %q\n\n%s", args[0], usage)
	return errUsage
}

// setup reads the configuration and builds the logger.
func setup(e env) (*config.Config, *slog.Logger, error) {
	cfg, err := config.FromEnv(e.getenv)
	if err != nil {
		return nil, nil, err
	}
	return cfg, newLogger(cfg, e.stderr), nil
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
