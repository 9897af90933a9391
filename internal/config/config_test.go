package config_test

import (
	"bytes"
	"encoding/base64"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync/internal/config"
)

// envOf is a map-backed config.Env.
func envOf(m map[string]string) config.Env {
	return func(name string) (string, bool) {
		v, ok := m[name]
		return v, ok
	}
}

// testKey returns a distinct 32-byte key and its base64.
func testKey(fill byte) ([]byte, string) {
	k := bytes.Repeat([]byte{fill}, 32)
	k[0] = 0xff // not all one byte value, so order mistakes show
	return k, base64.StdEncoding.EncodeToString(k)
}

// writeFile writes content into a fresh file in a temporary directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefaults(t *testing.T) {
	t.Parallel()
	for name, env := range map[string]map[string]string{
		"unset": {},
		"blank": {
			"LEDGERSYNC_DATABASE_URL":   "",
			"LEDGERSYNC_DATA_DIR":       "  ",
			"LEDGERSYNC_LISTEN_ADDR":    "",
			"LEDGERSYNC_BASE_URL":       " ",
			"LEDGERSYNC_LOG_LEVEL":      "",
			"LEDGERSYNC_LOG_FORMAT":     "",
			"LEDGERSYNC_ENCRYPTION_KEY": "",
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := config.FromEnv(envOf(env))
			if err != nil {
				t.Fatalf("FromEnv: %v", err)
			}
			checks := []struct {
				what      string
				got, want any
			}{
				{"DatabaseURL", c.DatabaseURL, ""},
				{"DataDir", c.DataDir, "./data"},
				{"ListenAddr", c.ListenAddr, "127.0.0.1:8080"},
				{"BaseURL", c.BaseURL, "http://127.0.0.1:8080"},
				{"BaseURLDefaulted", c.BaseURLDefaulted(), true},
				{"LogLevel", c.LogLevel, slog.LevelInfo},
				{"LogFormat", c.LogFormat, "text"},
				{"EncryptionKey is nil", c.EncryptionKey == nil, true},
				{"PreviousEncryptionKeys", len(c.PreviousEncryptionKeys), 0},
				{"MaxBodyBytes", c.MaxBodyBytes, int64(1 << 20)},
				{"WebhookAllowLoopback", c.WebhookAllowLoopback, false},
				{"SyncJitter", c.SyncJitter, 10 * time.Minute},
				{"SQLitePath", c.SQLitePath(), filepath.Join("./data", "ledgersync.db")},
				{"KeyFile", c.KeyFile(), filepath.Join("./data", "encryption.key")},
			}
			for _, ch := range checks {
				if ch.got != ch.want {
					t.Errorf("%s = %v, want %v", ch.what, ch.got, ch.want)
				}
			}
			for what, d := range map[string]time.Duration{
				"ReadHeaderTimeout": c.ReadHeaderTimeout,
				"ReadTimeout":       c.ReadTimeout,
				"WriteTimeout":      c.WriteTimeout,
				"IdleTimeout":       c.IdleTimeout,
				"ShutdownTimeout":   c.ShutdownTimeout,
			} {
				if d <= 0 {
					t.Errorf("%s = %v, want a positive default", what, d)
				}
			}
		})
	}
}

func TestVariables(t *testing.T) {
	t.Parallel()
	key, keyB64 := testKey(1)
	prev1, prev1B64 := testKey(2)
	prev2, prev2B64 := testKey(3)
	prev3, prev3B64 := testKey(4)

	tests := []struct {
		name  string
		env   map[string]string
		check func(t *testing.T, c *config.Config)
	}{
		{
			name: "database URL postgres",
			env:  map[string]string{"LEDGERSYNC_DATABASE_URL": "postgres://u:p@db:5432/ledgersync?sslmode=disable"},
			check: func(t *testing.T, c *config.Config) {
				if c.DatabaseURL != "postgres://u:p@db:5432/ledgersync?sslmode=disable" {
					t.Errorf("DatabaseURL = %q", c.DatabaseURL)
				}
			},
		},
		{
			name: "database URL postgresql, trimmed",
			env:  map[string]string{"LEDGERSYNC_DATABASE_URL": "  postgresql://db/ls \n"},
			check: func(t *testing.T, c *config.Config) {
				if c.DatabaseURL != "postgresql://db/ls" {
					t.Errorf("DatabaseURL = %q", c.DatabaseURL)
				}
			},
		},
		{
			name: "data dir",
			env:  map[string]string{"LEDGERSYNC_DATA_DIR": "/var/lib/ledgersync"},
			check: func(t *testing.T, c *config.Config) {
				if c.DataDir != "/var/lib/ledgersync" {
					t.Errorf("DataDir = %q", c.DataDir)
				}
				if want := filepath.Join("/var/lib/ledgersync", "ledgersync.db"); c.SQLitePath() != want {
					t.Errorf("SQLitePath = %q, want %q", c.SQLitePath(), want)
				}
				if want := filepath.Join("/var/lib/ledgersync", "encryption.key"); c.KeyFile() != want {
					t.Errorf("KeyFile = %q, want %q", c.KeyFile(), want)
				}
			},
		},
		{
			name: "listen addr sets the default base URL",
			env:  map[string]string{"LEDGERSYNC_LISTEN_ADDR": "0.0.0.0:9090"},
			check: func(t *testing.T, c *config.Config) {
				if c.ListenAddr != "0.0.0.0:9090" {
					t.Errorf("ListenAddr = %q", c.ListenAddr)
				}
				if c.BaseURL != "http://localhost:9090" || !c.BaseURLDefaulted() {
					t.Errorf("BaseURL = %q defaulted=%t, want http://localhost:9090 defaulted", c.BaseURL, c.BaseURLDefaulted())
				}
			},
		},
		{
			name: "base URL with trailing slash",
			env:  map[string]string{"LEDGERSYNC_BASE_URL": "https://sync.example.com/"},
			check: func(t *testing.T, c *config.Config) {
				if c.BaseURL != "https://sync.example.com" {
					t.Errorf("BaseURL = %q, want https://sync.example.com", c.BaseURL)
				}
				if c.BaseURLDefaulted() {
					t.Error("BaseURLDefaulted = true for a set base URL")
				}
			},
		},
		{
			name: "base URL with a path",
			env:  map[string]string{"LEDGERSYNC_BASE_URL": "http://proxy.internal:8000/ledgersync/"},
			check: func(t *testing.T, c *config.Config) {
				if c.BaseURL != "http://proxy.internal:8000/ledgersync" {
					t.Errorf("BaseURL = %q", c.BaseURL)
				}
			},
		},
		{
			name: "encryption key",
			env:  map[string]string{"LEDGERSYNC_ENCRYPTION_KEY": keyB64},
			check: func(t *testing.T, c *config.Config) {
				if !bytes.Equal(c.EncryptionKey, key) {
					t.Errorf("EncryptionKey = %x, want %x", c.EncryptionKey, key)
				}
			},
		},
		{
			name: "previous keys, comma and space separated",
			env: map[string]string{
				"LEDGERSYNC_ENCRYPTION_KEY":          keyB64,
				"LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS": " " + prev1B64 + "," + prev2B64 + " ,  " + prev3B64 + ",",
			},
			check: func(t *testing.T, c *config.Config) {
				want := [][]byte{prev1, prev2, prev3}
				if len(c.PreviousEncryptionKeys) != len(want) {
					t.Fatalf("got %d previous keys, want %d", len(c.PreviousEncryptionKeys), len(want))
				}
				for i := range want {
					if !bytes.Equal(c.PreviousEncryptionKeys[i], want[i]) {
						t.Errorf("previous key %d = %x, want %x", i, c.PreviousEncryptionKeys[i], want[i])
					}
				}
			},
		},
		{
			name: "one previous key",
			env:  map[string]string{"LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS": prev2B64},
			check: func(t *testing.T, c *config.Config) {
				if len(c.PreviousEncryptionKeys) != 1 || !bytes.Equal(c.PreviousEncryptionKeys[0], prev2) {
					t.Errorf("PreviousEncryptionKeys = %x", c.PreviousEncryptionKeys)
				}
			},
		},
		{
			name: "log level debug, any case",
			env:  map[string]string{"LEDGERSYNC_LOG_LEVEL": "DEBUG"},
			check: func(t *testing.T, c *config.Config) {
				if c.LogLevel != slog.LevelDebug {
					t.Errorf("LogLevel = %v", c.LogLevel)
				}
			},
		},
		{
			name: "log level warn",
			env:  map[string]string{"LEDGERSYNC_LOG_LEVEL": "warn"},
			check: func(t *testing.T, c *config.Config) {
				if c.LogLevel != slog.LevelWarn {
					t.Errorf("LogLevel = %v", c.LogLevel)
				}
			},
		},
		{
			name: "log level error",
			env:  map[string]string{"LEDGERSYNC_LOG_LEVEL": " error "},
			check: func(t *testing.T, c *config.Config) {
				if c.LogLevel != slog.LevelError {
					t.Errorf("LogLevel = %v", c.LogLevel)
				}
			},
		},
		{
			name: "log level info",
			env:  map[string]string{"LEDGERSYNC_LOG_LEVEL": "info"},
			check: func(t *testing.T, c *config.Config) {
				if c.LogLevel != slog.LevelInfo {
					t.Errorf("LogLevel = %v", c.LogLevel)
				}
			},
		},
		{
			name: "log format json",
			env:  map[string]string{"LEDGERSYNC_LOG_FORMAT": "JSON"},
			check: func(t *testing.T, c *config.Config) {
				if c.LogFormat != "json" {
					t.Errorf("LogFormat = %q", c.LogFormat)
				}
			},
		},
		{
			name: "webhooks to loopback allowed",
			env:  map[string]string{"LEDGERSYNC_WEBHOOK_ALLOW_LOOPBACK": "TRUE"},
			check: func(t *testing.T, c *config.Config) {
				if !c.WebhookAllowLoopback {
					t.Error("WebhookAllowLoopback = false")
				}
			},
		},
		{
			name: "sync jitter off",
			env:  map[string]string{"LEDGERSYNC_SYNC_JITTER": "0"},
			check: func(t *testing.T, c *config.Config) {
				if c.SyncJitter != 0 {
					t.Errorf("SyncJitter = %v, want 0", c.SyncJitter)
				}
			},
		},
		{
			name: "webhooks to loopback refused",
			env:  map[string]string{"LEDGERSYNC_WEBHOOK_ALLOW_LOOPBACK": "0"},
			check: func(t *testing.T, c *config.Config) {
				if c.WebhookAllowLoopback {
					t.Error("WebhookAllowLoopback = true")
				}
			},
		},
		{
			name: "sync jitter",
			env:  map[string]string{"LEDGERSYNC_SYNC_JITTER": "90s"},
			check: func(t *testing.T, c *config.Config) {
				if c.SyncJitter != 90*time.Second {
					t.Errorf("SyncJitter = %v, want 1m30s", c.SyncJitter)
				}
			},
		},
		{
			name: "log format text",
			env:  map[string]string{"LEDGERSYNC_LOG_FORMAT": "text"},
			check: func(t *testing.T, c *config.Config) {
				if c.LogFormat != "text" {
					t.Errorf("LogFormat = %q", c.LogFormat)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := config.FromEnv(envOf(tt.env))
			if err != nil {
				t.Fatalf("FromEnv: %v", err)
			}
			tt.check(t, c)
		})
	}
}

func TestFileVariants(t *testing.T) {
	t.Parallel()
	key, keyB64 := testKey(7)
	dbURL := "postgres://ledgersync:s3cret@db:5432/ledgersync"

	tests := []struct {
		name  string
		env   func(t *testing.T) map[string]string
		check func(t *testing.T, c *config.Config)
	}{
		{
			name: "database URL from file",
			env: func(t *testing.T) map[string]string {
				return map[string]string{"LEDGERSYNC_DATABASE_URL_FILE": writeFile(t, "db", dbURL+"\n")}
			},
			check: func(t *testing.T, c *config.Config) {
				if c.DatabaseURL != dbURL {
					t.Errorf("DatabaseURL = %q, want %q", c.DatabaseURL, dbURL)
				}
			},
		},
		{
			name: "encryption key from file",
			env: func(t *testing.T) map[string]string {
				return map[string]string{"LEDGERSYNC_ENCRYPTION_KEY_FILE": writeFile(t, "key", keyB64+"\n")}
			},
			check: func(t *testing.T, c *config.Config) {
				if !bytes.Equal(c.EncryptionKey, key) {
					t.Errorf("EncryptionKey = %x, want %x", c.EncryptionKey, key)
				}
			},
		},
		{
			name: "empty NAME does not conflict with NAME_FILE",
			env: func(t *testing.T) map[string]string {
				return map[string]string{
					"LEDGERSYNC_DATABASE_URL":      "",
					"LEDGERSYNC_DATABASE_URL_FILE": writeFile(t, "db", dbURL),
				}
			},
			check: func(t *testing.T, c *config.Config) {
				if c.DatabaseURL != dbURL {
					t.Errorf("DatabaseURL = %q, want %q", c.DatabaseURL, dbURL)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := config.FromEnv(envOf(tt.env(t)))
			if err != nil {
				t.Fatalf("FromEnv: %v", err)
			}
			tt.check(t, c)
		})
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	t.Parallel()
	_, goodKey := testKey(9)
	shortKey := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{5}, 16))
	missing := filepath.Join(t.TempDir(), "does-not-exist")

	tests := []struct {
		name string
		env  map[string]string
		// want is the variable the error must name.
		want string
		// secret, when set, must not be echoed in the error.
		secret string
	}{
		{"mysql database URL", map[string]string{"LEDGERSYNC_DATABASE_URL": "mysql://root:hunter2@db/ls"}, "LEDGERSYNC_DATABASE_URL", "hunter2"},
		{"database URL without scheme", map[string]string{"LEDGERSYNC_DATABASE_URL": "db.example.com:5432"}, "LEDGERSYNC_DATABASE_URL", ""},
		{"key of 16 bytes", map[string]string{"LEDGERSYNC_ENCRYPTION_KEY": shortKey}, "LEDGERSYNC_ENCRYPTION_KEY", shortKey},
		{"key not base64", map[string]string{"LEDGERSYNC_ENCRYPTION_KEY": "not*base64*at*all!"}, "LEDGERSYNC_ENCRYPTION_KEY", "not*base64*at*all!"},
		{"bad previous key", map[string]string{"LEDGERSYNC_ENCRYPTION_KEY": goodKey, "LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS": goodKey + "," + shortKey}, "LEDGERSYNC_ENCRYPTION_KEY_PREVIOUS", shortKey},
		{"log level loud", map[string]string{"LEDGERSYNC_LOG_LEVEL": "loud"}, "LEDGERSYNC_LOG_LEVEL", ""},
		{"log format xml", map[string]string{"LEDGERSYNC_LOG_FORMAT": "xml"}, "LEDGERSYNC_LOG_FORMAT", ""},
		{"loopback webhooks yes", map[string]string{"LEDGERSYNC_WEBHOOK_ALLOW_LOOPBACK": "yes"}, "LEDGERSYNC_WEBHOOK_ALLOW_LOOPBACK", ""},
		{"sync jitter without unit", map[string]string{"LEDGERSYNC_SYNC_JITTER": "10"}, "LEDGERSYNC_SYNC_JITTER", ""},
		{"negative sync jitter", map[string]string{"LEDGERSYNC_SYNC_JITTER": "-1m"}, "LEDGERSYNC_SYNC_JITTER", ""},
		{"listen addr without port", map[string]string{"LEDGERSYNC_LISTEN_ADDR": "localhost"}, "LEDGERSYNC_LISTEN_ADDR", ""},
		{"listen addr IPv6 without port", map[string]string{"LEDGERSYNC_LISTEN_ADDR": "[::1]"}, "LEDGERSYNC_LISTEN_ADDR", ""},
		{"listen addr with two ports", map[string]string{"LEDGERSYNC_LISTEN_ADDR": "host:1:2"}, "LEDGERSYNC_LISTEN_ADDR", ""},
		{"base URL with fragment", map[string]string{"LEDGERSYNC_BASE_URL": "https://sync.example.com/#f"}, "LEDGERSYNC_BASE_URL", ""},
		{"base URL ftp", map[string]string{"LEDGERSYNC_BASE_URL": "ftp://x"}, "LEDGERSYNC_BASE_URL", ""},
		{"base URL without scheme", map[string]string{"LEDGERSYNC_BASE_URL": "sync.example.com"}, "LEDGERSYNC_BASE_URL", ""},
		{"base URL with query", map[string]string{"LEDGERSYNC_BASE_URL": "https://sync.example.com/?a=b"}, "LEDGERSYNC_BASE_URL", ""},
		{"database URL file missing", map[string]string{"LEDGERSYNC_DATABASE_URL_FILE": missing}, "LEDGERSYNC_DATABASE_URL_FILE", ""},
		{"encryption key file missing", map[string]string{"LEDGERSYNC_ENCRYPTION_KEY_FILE": missing}, "LEDGERSYNC_ENCRYPTION_KEY_FILE", ""},
		{"database URL and its file", map[string]string{
			"LEDGERSYNC_DATABASE_URL":      "postgres://db/ls",
			"LEDGERSYNC_DATABASE_URL_FILE": missing,
		}, "LEDGERSYNC_DATABASE_URL_FILE", ""},
		{"encryption key and its file", map[string]string{
			"LEDGERSYNC_ENCRYPTION_KEY":      goodKey,
			"LEDGERSYNC_ENCRYPTION_KEY_FILE": missing,
		}, "LEDGERSYNC_ENCRYPTION_KEY_FILE", goodKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := config.FromEnv(envOf(tt.env))
			if err == nil {
				t.Fatalf("FromEnv(%v) succeeded, want an error naming %s", tt.env, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not name %s", err, tt.want)
			}
			if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error %q echoes the secret value", err)
			}
		})
	}
}

func TestBothValueAndFileIsAnErrorEvenIfTheFileExists(t *testing.T) {
	t.Parallel()
	_, keyB64 := testKey(3)
	for _, name := range []string{"LEDGERSYNC_DATABASE_URL", "LEDGERSYNC_ENCRYPTION_KEY"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			value := "postgres://db/ls"
			if name == "LEDGERSYNC_ENCRYPTION_KEY" {
				value = keyB64
			}
			env := map[string]string{name: value, name + "_FILE": writeFile(t, "v", value)}
			_, err := config.FromEnv(envOf(env))
			if err == nil {
				t.Fatal("FromEnv succeeded with both NAME and NAME_FILE set")
			}
			if !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), name+"_FILE") {
				t.Errorf("error %q does not name both %s and %s_FILE", err, name, name)
			}
		})
	}
}

func TestEnsureEncryptionKeyGenerates(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "nested", "data")
	newConfig := func() *config.Config {
		c, err := config.FromEnv(envOf(map[string]string{"LEDGERSYNC_DATA_DIR": dir}))
		if err != nil {
			t.Fatalf("FromEnv: %v", err)
		}
		return c
	}

	c := newConfig()
	generated, err := c.EnsureEncryptionKey()
	if err != nil {
		t.Fatalf("EnsureEncryptionKey: %v", err)
	}
	if !generated {
		t.Error("generated = false on first call")
	}
	if len(c.EncryptionKey) != 32 {
		t.Fatalf("EncryptionKey has %d bytes, want 32", len(c.EncryptionKey))
	}
	if bytes.Equal(c.EncryptionKey, make([]byte, 32)) {
		t.Error("EncryptionKey is all zeros")
	}
	if c.KeyFile() != filepath.Join(dir, "encryption.key") {
		t.Errorf("KeyFile = %q", c.KeyFile())
	}
	fi, err := os.Stat(c.KeyFile())
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("key file mode = %o, want 600", perm)
		}
		di, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if perm := di.Mode().Perm(); perm&0o077 != 0 {
			t.Errorf("data dir mode = %o, want no group or other access", perm)
		}
	}
	b, err := os.ReadFile(c.KeyFile())
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || !bytes.Equal(onDisk, c.EncryptionKey) {
		t.Errorf("key file holds %q, want the base64 of the key in use", b)
	}

	// Calling again on the same Config keeps the key.
	again, err := c.EnsureEncryptionKey()
	if err != nil || again {
		t.Errorf("second call on the same Config: generated=%t err=%v, want false, nil", again, err)
	}

	// A fresh Config over the same directory reads the same key back.
	c2 := newConfig()
	generated, err = c2.EnsureEncryptionKey()
	if err != nil {
		t.Fatalf("EnsureEncryptionKey on a fresh Config: %v", err)
	}
	if generated {
		t.Error("generated = true when the key file exists")
	}
	if !bytes.Equal(c2.EncryptionKey, c.EncryptionKey) {
		t.Errorf("read back %x, want %x", c2.EncryptionKey, c.EncryptionKey)
	}

	// Another directory gets another key.
	other, err := config.FromEnv(envOf(map[string]string{"LEDGERSYNC_DATA_DIR": t.TempDir()}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.EnsureEncryptionKey(); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other.EncryptionKey, c.EncryptionKey) {
		t.Error("two data directories were given the same generated key")
	}
}

func TestEnsureEncryptionKeyCorruptFile(t *testing.T) {
	t.Parallel()
	for name, content := range map[string]string{
		"not base64": "this is not base64!\n",
		"16 bytes":   base64.StdEncoding.EncodeToString(make([]byte, 16)) + "\n",
		"empty":      "",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "encryption.key"), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := config.FromEnv(envOf(map[string]string{"LEDGERSYNC_DATA_DIR": dir}))
			if err != nil {
				t.Fatal(err)
			}
			generated, err := c.EnsureEncryptionKey()
			if err == nil {
				t.Fatalf("EnsureEncryptionKey succeeded over a corrupt key file (generated=%t)", generated)
			}
			if !strings.Contains(err.Error(), c.KeyFile()) {
				t.Errorf("error %q does not name the key file", err)
			}
			if c.EncryptionKey != nil {
				t.Errorf("EncryptionKey = %x after an error, want nil", c.EncryptionKey)
			}
			// The corrupt file is left for the operator, not overwritten.
			b, err := os.ReadFile(c.KeyFile())
			if err != nil || string(b) != content {
				t.Errorf("key file now holds %q (err %v), want it untouched", b, err)
			}
		})
	}
}

func TestEnsureEncryptionKeyAlreadySet(t *testing.T) {
	t.Parallel()
	key, keyB64 := testKey(8)
	dir := filepath.Join(t.TempDir(), "data")
	c, err := config.FromEnv(envOf(map[string]string{
		"LEDGERSYNC_DATA_DIR":       dir,
		"LEDGERSYNC_ENCRYPTION_KEY": keyB64,
	}))
	if err != nil {
		t.Fatal(err)
	}
	generated, err := c.EnsureEncryptionKey()
	if err != nil || generated {
		t.Fatalf("EnsureEncryptionKey = %t, %v; want false, nil", generated, err)
	}
	if !bytes.Equal(c.EncryptionKey, key) {
		t.Errorf("EncryptionKey changed to %x", c.EncryptionKey)
	}
	if _, err := os.Stat(c.KeyFile()); !os.IsNotExist(err) {
		t.Errorf("key file exists (stat err %v); a set key must not be written", err)
	}
}

func TestEnsureEncryptionKeyConcurrentStarts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	keys := make(chan []byte, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &config.Config{DataDir: dir}
			if _, err := c.EnsureEncryptionKey(); err != nil {
				t.Error(err)
			}
			keys <- c.EncryptionKey
		}()
	}
	wg.Wait()
	close(keys)
	first := <-keys
	for k := range keys {
		if !bytes.Equal(k, first) || len(k) != 32 {
			t.Fatalf("concurrent starts disagree on the key")
		}
	}
}
