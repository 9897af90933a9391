package config

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	if err := publishKey(c.KeyFile(), key); errors.Is(err, fs.ErrExist) {
		// Another process started at the same time and won: use its key.
		return c.EnsureEncryptionKey()
	} else if err != nil {
		return false, err
	}
	c.EncryptionKey = key
	return true, nil
}

// publishKey writes the key to a temporary file and links it into place,
// so a concurrent reader sees either no file or the whole key.
func publishKey(path string, key []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".encryption.key.*")
	if err != nil {
		return fmt.Errorf("config: write encryption key: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("config: write encryption key: %w", err)
	}
	if err := os.Link(f.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		return fmt.Errorf("config: write encryption key: %w", err)
	}
	return nil
}
