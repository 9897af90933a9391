package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ledgersync/ledgersync"
)

// ErrConfigurationChanged means the configuration was saved by someone
// else since it was read.
var ErrConfigurationChanged = ledgersync.Errorf(ledgersync.EConflict, "Configuration was modified; GET it again.")

// FindConfiguration returns a company's stored configuration and its
// version, or a new one at version 0 when none was saved yet.
func (s *Store) FindConfiguration(ctx context.Context, companyID string) (*ledgersync.Configuration, int, error) {
	var doc string
	var version int
	err := s.read.QueryRowContext(ctx, `SELECT document, version FROM sync_configurations WHERE company_id = $1`,
		companyID).Scan(&doc, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return ledgersync.NewConfiguration(companyID), 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: find configuration: %w", err)
	}
	var cfg ledgersync.Configuration
	if err := json.Unmarshal([]byte(doc), &cfg); err != nil {
		return nil, 0, fmt.Errorf("store: decode configuration: %w", err)
	}
	cfg.CompanyID = companyID
	return &cfg, version, nil
}

// SaveConfiguration stores a configuration if its version is still the
// one read (0 for a first save), and returns the new version; otherwise
// ErrConfigurationChanged.
func (s *Store) SaveConfiguration(ctx context.Context, cfg *ledgersync.Configuration, version int) (int, error) {
	b, err := json.Marshal(cfg)
	if err != nil {
		return 0, fmt.Errorf("store: encode configuration: %w", err)
	}
	var res sql.Result
	if version == 0 {
		res, err = s.db.ExecContext(ctx, `INSERT INTO sync_configurations (company_id, document, version, updated_at)
			VALUES ($1, $2, 1, $3) ON CONFLICT (company_id) DO NOTHING`, cfg.CompanyID, string(b), dbTime(s.clock()))
	} else {
		res, err = s.db.ExecContext(ctx, `UPDATE sync_configurations SET document = $2, version = version + 1, updated_at = $3
			WHERE company_id = $1 AND version = $4`, cfg.CompanyID, string(b), dbTime(s.clock()), version)
	}
	if err != nil {
		return 0, fmt.Errorf("store: save configuration: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, ErrConfigurationChanged
	}
	return version + 1, nil
}

// CheckConfigurationVersion returns ErrConfigurationChanged unless the
// stored version is still the one given (0: none saved).
func (s *Store) CheckConfigurationVersion(ctx context.Context, companyID string, version int) error {
	var current int
	err := s.db.QueryRowContext(ctx, `SELECT version FROM sync_configurations WHERE company_id = $1`, companyID).Scan(&current)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: configuration version: %w", err)
	}
	if current != version {
		return ErrConfigurationChanged
	}
	return nil
}

// SaveSnapshot keeps a connection's platform data, as JSON.
func (s *Store) SaveSnapshot(ctx context.Context, connectionID string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("store: encode snapshot: %w", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO platform_snapshots (connection_id, document, fetched_at) VALUES ($1, $2, $3)
		ON CONFLICT (connection_id) DO UPDATE SET document = excluded.document, fetched_at = excluded.fetched_at`,
		connectionID, string(b), dbTime(s.clock()))
	if err != nil {
		return fmt.Errorf("store: save snapshot: %w", err)
	}
	return nil
}

// FindSnapshot decodes a connection's platform data into dst and returns
// when it was read; ok is false when there is none.
func (s *Store) FindSnapshot(ctx context.Context, connectionID string, dst any) (fetched time.Time, ok bool, err error) {
	var doc string
	err = s.read.QueryRowContext(ctx, `SELECT document, fetched_at FROM platform_snapshots WHERE connection_id = $1`,
		connectionID).Scan(&doc, scanTime(&fetched))
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: find snapshot: %w", err)
	}
	if err := json.Unmarshal([]byte(doc), dst); err != nil {
		return time.Time{}, false, fmt.Errorf("store: decode snapshot: %w", err)
	}
	return fetched, true, nil
}

// Clock returns the store's current time.
func (s *Store) Clock() time.Time { return s.clock() }
