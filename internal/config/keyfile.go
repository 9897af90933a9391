package config

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// EnsureEncryptionKey fills EncryptionKey from the key file in DataDir,
// generating that file on first start. It reports whether a key was
// generated, so the caller can warn that it must be backed up.
func (c *Config) EnsureEncryptionKey() (generated bool, err error) {
	if c.EncryptionKey != nil {
		return false, nil
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return false, fmt.Errorf("config: create LEDGERSYNC_DATA_DIR: %w", err)
	}
	b, err := os.ReadFile(c.KeyFile())
	if err == nil {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(key) != 32 {
			return false, fmt.Errorf("config: %s does not hold the base64 of 32 bytes", c.KeyFile())
		}
		c.EncryptionKey = key
		return false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("config: read encryption key: %w", err)
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	f, err := os.OpenFile(c.KeyFile(), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return false, fmt.Errorf("config: write encryption key: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		return false, fmt.Errorf("config: write encryption key: %w", err)
	}
	c.EncryptionKey = key
	return true, f.Sync()
}
