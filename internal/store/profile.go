package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/ledgersync/ledgersync"
)

// newWebhookSecret returns whsec_ and the standard base64 of 32 random bytes.
func newWebhookSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

func aad(table, id, column string) string { return table + ":" + id + ":" + column }

func (s *Store) insertProfile(ctx context.Context, tx *sql.Tx, p *ledgersync.Profile) error {
	p.WebhookSecret = newWebhookSecret()
	_, err := tx.ExecContext(ctx, `INSERT INTO profiles (client_id, name, primary_color, webhook_secret_sealed, updated_at)
		VALUES ($1, $2, $3, $4, $5)`, p.ClientID, p.Name, p.PrimaryColor,
		s.sealer.Seal([]byte(p.WebhookSecret), aad("profiles", p.ClientID, "webhook_secret")), dbTime(s.clock()))
	if err != nil {
		return fmt.Errorf("store: create profile: %w", err)
	}
	return nil
}

// FindProfile returns a client's profile with its secrets opened.
func (s *Store) FindProfile(ctx context.Context, clientID string) (*ledgersync.Profile, error) {
	p := ledgersync.Profile{ClientID: clientID}
	var alertAuth, secret, previous []byte
	err := s.read.QueryRowContext(ctx, `SELECT name, logo_url, icon_url, primary_color, redirect_url, white_list_urls,
		alert_auth_header_sealed, frame_ancestors, interstitial_start, webhook_secret_sealed,
		previous_webhook_secret_sealed, previous_secret_until FROM profiles WHERE client_id = $1`, clientID).Scan(
		&p.Name, &p.LogoURL, &p.IconURL, &p.PrimaryColor, &p.RedirectURL, jsonScan{&p.WhiteListURLs},
		&alertAuth, jsonScan{&p.FrameAncestors}, &p.InterstitialStart, &secret, &previous, scanNullTime(&p.PreviousSecretUntil))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Profile not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("store: find profile: %w", err)
	}
	if p.AlertAuthHeader, err = s.openString(alertAuth, aad("profiles", clientID, "alert_auth_header")); err != nil {
		return nil, err
	}
	if p.WebhookSecret, err = s.openString(secret, aad("profiles", clientID, "webhook_secret")); err != nil {
		return nil, err
	}
	if p.PreviousSecretUntil != nil && p.PreviousSecretUntil.After(s.now()) {
		if p.PreviousWebhookSecret, err = s.openString(previous, aad("profiles", clientID, "previous_webhook_secret")); err != nil {
			return nil, err
		}
	} else {
		p.PreviousSecretUntil = nil
	}
	return &p, nil
}

func (s *Store) openString(sealed []byte, aad string) (string, error) {
	if sealed == nil {
		return "", nil
	}
	b, err := s.sealer.Open(sealed, aad)
	if err != nil {
		return "", fmt.Errorf("store: open %s: %w", aad, err)
	}
	return string(b), nil
}

// UpdateProfile replaces every writable field of a client's profile. With
// rotate, a new webhook secret replaces the current one, which keeps
// signing for ledgersync.WebhookSecretGrace.
func (s *Store) UpdateProfile(ctx context.Context, p *ledgersync.Profile, rotate bool) (*ledgersync.Profile, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	var alertAuth []byte
	if p.AlertAuthHeader != "" {
		alertAuth = s.sealer.Seal([]byte(p.AlertAuthHeader), aad("profiles", p.ClientID, "alert_auth_header"))
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE profiles SET name = $2, logo_url = $3, icon_url = $4, primary_color = $5,
			redirect_url = $6, white_list_urls = $7, alert_auth_header_sealed = $8, frame_ancestors = $9,
			interstitial_start = $10, updated_at = $11 WHERE client_id = $1`,
			p.ClientID, p.Name, p.LogoURL, p.IconURL, p.PrimaryColor, p.RedirectURL, jsonText(nonNil(p.WhiteListURLs)),
			alertAuth, jsonText(nonNil(p.FrameAncestors)), p.InterstitialStart, dbTime(s.clock()))
		if err != nil {
			return fmt.Errorf("store: update profile: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ledgersync.Errorf(ledgersync.ENotFound, "Profile not found.")
		}
		if rotate {
			return s.rotateWebhookSecret(ctx, tx, p.ClientID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.FindProfile(ctx, p.ClientID)
}

func (s *Store) rotateWebhookSecret(ctx context.Context, tx *sql.Tx, clientID string) error {
	var current []byte
	if err := tx.QueryRowContext(ctx, `SELECT webhook_secret_sealed FROM profiles WHERE client_id = $1`, clientID).Scan(&current); err != nil {
		return fmt.Errorf("store: rotate webhook secret: %w", err)
	}
	old, err := s.sealer.Open(current, aad("profiles", clientID, "webhook_secret"))
	if err != nil {
		return fmt.Errorf("store: rotate webhook secret: %w", err)
	}
	until := s.clock().Add(ledgersync.WebhookSecretGrace)
	_, err = tx.ExecContext(ctx, `UPDATE profiles SET webhook_secret_sealed = $2, previous_webhook_secret_sealed = $3,
		previous_secret_until = $4 WHERE client_id = $1`, clientID,
		s.sealer.Seal([]byte(newWebhookSecret()), aad("profiles", clientID, "webhook_secret")),
		s.sealer.Seal(old, aad("profiles", clientID, "previous_webhook_secret")), dbTimePtr(&until))
	if err != nil {
		return fmt.Errorf("store: rotate webhook secret: %w", err)
	}
	return nil
}
