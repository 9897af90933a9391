// Package config reads ledgersync's configuration from LEDGERSYNC_*
// environment variables, once, in main. Secrets may also come from a file
// named by the same variable with a _FILE suffix.
package config

import (
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of a ledgersync process.
type Config struct {
	// DatabaseURL is a postgres:// URL; empty means SQLite in DataDir.
	DatabaseURL string
	DataDir     string
	ListenAddr  string
	// BaseURL is the public URL used in links; it defaults to
	// http://ListenAddr.
	BaseURL string
	// EncryptionKey seals secrets at rest; PreviousEncryptionKeys still
	// open what they sealed. Empty means generate one into DataDir.
	EncryptionKey          []byte
	PreviousEncryptionKeys [][]byte
	LogLevel               slog.Level
	LogFormat              string

	// Timeouts of the HTTP server.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration
	// MaxBodyBytes caps request bodies.
	MaxBodyBytes int64
	// RatePerMinute caps partner API requests per key; 0 turns it off.
	RatePerMinute int
	// WebhookAllowLoopback lets rules send webhooks to loopback hosts
	// (localhost, 127.0.0.0/8, ::1), over http or https, for development
	// and tests; off, a webhook must be https to a public host.
	WebhookAllowLoopback bool
	// RequireIdempotencyKey makes Idempotency-Key mandatory on the push
	// endpoints (SPEC W7).
	RequireIdempotencyKey bool
	// SMTP sends the e-mail notifiers of rules; with no host, e-mails are
	// not sent (SPEC open point 10).
	SMTP SMTP
	// SyncJitter is the most a scheduled sync waits after its due date,
	// so companies due at the same moment do not all start at once; 0
	// starts them at the due date.
	SyncJitter time.Duration

	baseURLDefaulted bool
}

// SMTP is the mail server that sends rules' e-mails.
type SMTP struct {
	Host     string
	Port     int
	Username string
	// Password is a secret: it may come from LEDGERSYNC_SMTP_PASSWORD_FILE.
	Password string
	From     string
}

// BaseURLDefaulted reports whether BaseURL was derived from ListenAddr
// rather than set, so it may follow the port actually bound.
func (c *Config) BaseURLDefaulted() bool { return c.baseURLDefaulted }

// Defaults of the settings that have one.
const (
	DefaultDataDir    = "./data"
	DefaultListenAddr = "127.0.0.1:8080"
	DefaultMaxBody    = 1 << 20
	// DefaultRatePerMinute is the contract's 600 requests a minute per key.
	DefaultRatePerMinute = 600
	// DefaultSyncJitter is the contract's "up to 10 min jitter".
	DefaultSyncJitter = 10 * time.Minute
)

// Env looks up an environment variable; os.LookupEnv in main, a map in tests.
type Env func(name string) (string, bool)

// FromEnv reads the configuration and validates it. Every error names the
// variable at fault.
func FromEnv(env Env) (*Config, error) {
	c := &Config{
		DataDir:           DefaultDataDir,
		ListenAddr:        DefaultListenAddr,
		LogLevel:          slog.LevelInfo,
		LogFormat:         "text",
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ShutdownTimeout:   20 * time.Second,
		MaxBodyBytes:      DefaultMaxBody,
		RatePerMinute:     DefaultRatePerMinute,
		SyncJitter:        DefaultSyncJitter,
	}
	r := reader{env: env}
	c.DatabaseURL = r.secret("LEDGERSYNC_DATABASE_URL")
	c.DataDir = r.plain("LEDGERSYNC_DATA_DIR", c.DataDir)
	c.ListenAddr = r.plain("LEDGERSYNC_LISTEN_ADDR", c.ListenAddr)
	c.BaseURL = r.plain("LEDGERSYNC_BASE_URL", "")
	c.EncryptionKey = r.key("LEDGERSYNC_ENCRYPTION_KEY", r.secret("LEDGERSYNC_ENCRYPTION_KEY"))
	for _, k := range strings.Fields(strings.ReplaceAll(r.secret("LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS"), ",", " ")) {
		c.PreviousEncryptionKeys = append(c.PreviousEncryptionKeys, r.key("LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS", k))
	}
	c.RatePerMinute = r.count("LEDGERSYNC_API_RATE_LIMIT", c.RatePerMinute)
	c.WebhookAllowLoopback = r.flag("LEDGERSYNC_WEBHOOK_ALLOW_LOOPBACK")
	c.RequireIdempotencyKey = r.flag("LEDGERSYNC_REQUIRE_IDEMPOTENCY_KEY")
	c.SMTP = SMTP{Host: r.plain("LEDGERSYNC_SMTP_HOST", ""), Port: r.count("LEDGERSYNC_SMTP_PORT", 587),
		Username: r.plain("LEDGERSYNC_SMTP_USERNAME", ""), Password: r.secret("LEDGERSYNC_SMTP_PASSWORD"),
		From: r.plain("LEDGERSYNC_SMTP_FROM", "")}
	c.SyncJitter = r.duration("LEDGERSYNC_SYNC_JITTER", c.SyncJitter)
	c.LogLevel = r.level("LEDGERSYNC_LOG_LEVEL")
	c.LogFormat = r.oneOf("LEDGERSYNC_LOG_FORMAT", c.LogFormat, "text", "json")
	if r.err != nil {
		return nil, r.err
	}
	return c, c.Validate()
}

// Validate checks settings that depend on each other and fills BaseURL.
func (c *Config) Validate() error {
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return errors.New("config: LEDGERSYNC_DATABASE_URL must be a postgres:// URL, or unset for SQLite")
		}
	}
	if c.SMTP.Host != "" && c.SMTP.From == "" {
		return errors.New("config: LEDGERSYNC_SMTP_FROM must be set when LEDGERSYNC_SMTP_HOST is")
	}
	if c.DataDir == "" {
		return errors.New("config: LEDGERSYNC_DATA_DIR must not be empty")
	}
	host, port, err := net.SplitHostPort(c.ListenAddr)
	if err != nil || port == "" {
		return fmt.Errorf("config: LEDGERSYNC_LISTEN_ADDR %q must be host:port", c.ListenAddr)
	}
	if c.BaseURL == "" {
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		c.BaseURL = "http://" + net.JoinHostPort(host, port)
		c.baseURLDefaulted = true
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return fmt.Errorf("config: LEDGERSYNC_BASE_URL %q must be an absolute http(s) URL", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return nil
}

// SQLitePath is the database file used when no DatabaseURL is set.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "ledgersync.db") }

// KeyFile is where a generated encryption key is kept.
func (c *Config) KeyFile() string { return filepath.Join(c.DataDir, "encryption.key") }

// reader collects the first error met while reading variables.
type reader struct {
	env Env
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("config: "+format, args...)
	}
}

func (r *reader) plain(name, def string) string {
	if v, ok := r.env(name); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	return def
}

// secret reads NAME, or the file named by NAME_FILE; setting both is an error.
func (r *reader) secret(name string) string {
	v, hasValue := r.env(name)
	file, hasFile := r.env(name + "_FILE")
	switch {
	case hasValue && hasFile && v != "" && file != "":
		r.fail("set %s or %s_FILE, not both", name, name)
	case hasFile && file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			r.fail("%s_FILE: %v", name, err)
			return ""
		}
		return strings.TrimSpace(string(b))
	}
	return strings.TrimSpace(v)
}

func (r *reader) key(name, v string) []byte {
	if v == "" {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(b) != 32 {
		r.fail("%s must be the base64 of 32 bytes (try: openssl rand -base64 32)", name)
		return nil
	}
	return b
}

// count reads a whole number of at least zero.
func (r *reader) count(name string, def int) int {
	v := r.plain(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		r.fail("%s must be a whole number of at least 0, not %q", name, v)
		return def
	}
	return n
}

// flag reads true or false (also 1 or 0, any case); unset is false.
func (r *reader) flag(name string) bool {
	v := r.plain(name, "")
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(strings.ToLower(v))
	if err != nil {
		r.fail("%s must be true or false, not %q", name, v)
	}
	return b
}

// duration reads a Go duration of at least zero, such as 90s or 10m.
func (r *reader) duration(name string, def time.Duration) time.Duration {
	v := r.plain(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		r.fail("%s must be a duration of at least 0, such as 30s or 10m, not %q", name, v)
		return def
	}
	return d
}

func (r *reader) level(name string) slog.Level {
	var l slog.Level
	v := r.oneOf(name, "info", "debug", "info", "warn", "error")
	_ = l.UnmarshalText([]byte(v))
	return l
}

func (r *reader) oneOf(name, def string, allowed ...string) string {
	v := strings.ToLower(r.plain(name, def))
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	r.fail("%s must be one of %s, not %q", name, strings.Join(allowed, "|"), v)
	return def
}
