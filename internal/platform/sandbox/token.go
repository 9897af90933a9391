package sandbox

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

// The kinds of secrets the sandbox hands out.
const (
	kindAccess  = "access"
	kindRefresh = "refresh"
	kindCode    = "code"
	kindConsent = "consent"
	kindLedger  = "ledger"
)

// defaultScope is what Grant gives: Xero's scopes for a sync.
const defaultScope = "offline_access accounting.transactions accounting.settings accounting.contacts"

// newSecret returns 32 random bytes, base64url-encoded, and their hash.
func newSecret() (string, []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret := base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret)
}

// hashSecret is how every secret is stored: its SHA-256.
func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// tokenRow is a stored secret.
type tokenRow struct {
	OrgID   string
	GrantID string
	Data    string
	Expires time.Time
	Revoked bool
}

// issue stores a new secret of the kind for the organisation, with data
// (JSON) kept beside it, and returns the secret.
func (s *Sandbox) issue(ctx context.Context, q querier, kind, orgID, grantID string, data any, ttl time.Duration) (string, error) {
	payload := []byte("{}")
	if data != nil {
		var err error
		if payload, err = json.Marshal(data); err != nil {
			return "", err
		}
	}
	secret, hash := newSecret()
	var grant any
	if grantID != "" {
		grant = grantID
	}
	_, err := q.ExecContext(ctx, `INSERT INTO sandbox_tokens (hash, kind, org_id, grant_id, data, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, hash, kind, orgID, grant, string(payload), dbTime(s.now().Add(ttl)))
	if err != nil {
		return "", fmt.Errorf("sandbox: issue %s token: %w", kind, err)
	}
	return secret, nil
}

// findToken returns the stored secret of the kind, spent or not, or nil.
func findToken(ctx context.Context, q querier, kind, secret string) (*tokenRow, error) {
	var t tokenRow
	var grant sql.NullString
	var expires, revoked instant
	err := q.QueryRowContext(ctx, `SELECT org_id, grant_id, data, expires_at, revoked_at
		FROM sandbox_tokens WHERE hash = $1 AND kind = $2`, hashSecret(secret), kind).
		Scan(&t.OrgID, &grant, &t.Data, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: find %s token: %w", kind, err)
	}
	t.GrantID, t.Expires, t.Revoked = grant.String, expires.Time, revoked.Valid
	return &t, nil
}

// spend marks a secret used, once: it reports false when it was spent
// already (or never existed), so two callers can never both use it.
func (s *Sandbox) spend(ctx context.Context, q querier, kind, secret string) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE sandbox_tokens SET revoked_at = $1
		WHERE hash = $2 AND kind = $3 AND revoked_at IS NULL`, dbTime(s.now()), hashSecret(secret), kind)
	if err != nil {
		return false, fmt.Errorf("sandbox: spend %s token: %w", kind, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// grant is one authorization of the client by an organisation.
type grant struct {
	ID, OrgID, ClientID, Scope string
	Created, Updated           time.Time
	Revoked                    bool
}

// newGrant starts an authorization and clears expired secrets, which
// nothing needs any more.
func (s *Sandbox) newGrant(ctx context.Context, q querier, orgID, clientID, scope string) (*grant, error) {
	now := s.now()
	g := &grant{ID: uuid.NewString(), OrgID: orgID, ClientID: clientID, Scope: scope, Created: now, Updated: now}
	if _, err := q.ExecContext(ctx, `DELETE FROM sandbox_tokens WHERE expires_at < $1`, dbTime(now)); err != nil {
		return nil, fmt.Errorf("sandbox: clear expired tokens: %w", err)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO sandbox_grants (id, org_id, client_id, scope, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5)`, g.ID, orgID, clientID, scope, dbTime(now))
	if err != nil {
		return nil, fmt.Errorf("sandbox: create grant: %w", err)
	}
	return g, nil
}

// findGrant returns the grant, or nil.
func findGrant(ctx context.Context, q querier, id string) (*grant, error) {
	g := grant{ID: id}
	var created, updated, revoked instant
	err := q.QueryRowContext(ctx, `SELECT org_id, client_id, scope, created_at, updated_at, revoked_at
		FROM sandbox_grants WHERE id = $1`, id).Scan(&g.OrgID, &g.ClientID, &g.Scope, &created, &updated, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: find grant: %w", err)
	}
	g.Created, g.Updated, g.Revoked = created.Time, updated.Time, revoked.Valid
	return &g, nil
}

// revokeGrant ends an authorization and so every token it issued.
func (s *Sandbox) revokeGrant(ctx context.Context, q querier, id string) error {
	_, err := q.ExecContext(ctx, `UPDATE sandbox_grants SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`,
		dbTime(s.now()), id)
	if err != nil {
		return fmt.Errorf("sandbox: revoke grant: %w", err)
	}
	return nil
}

// tokenPair is the token endpoint's success body (RFC 6749 §5.1).
type tokenPair struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	Scope        string `json:"scope"`
}

// issuePair issues a new access and refresh token in the grant.
func (s *Sandbox) issuePair(ctx context.Context, q querier, g *grant) (*tokenPair, error) {
	ttl := s.opts.AccessTokenTTL
	access, err := s.issue(ctx, q, kindAccess, g.OrgID, g.ID, nil, ttl)
	if err != nil {
		return nil, err
	}
	refresh, err := s.issue(ctx, q, kindRefresh, g.OrgID, g.ID, nil, refreshTTL)
	if err != nil {
		return nil, err
	}
	return &tokenPair{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(ttl / time.Second),
		RefreshToken: refresh, Scope: g.Scope}, nil
}

// Grant authorizes clientID for the organisation without a browser, as if
// its user had logged in and allowed access, and returns the token.
func (s *Sandbox) Grant(ctx context.Context, tenantID, clientID string) (*ledgersync.Token, error) {
	o, err := s.findOrg(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, fmt.Errorf("sandbox: no organisation %s", tenantID)
	}
	var pair *tokenPair
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		g, err := s.newGrant(ctx, tx, o.ID, clientID, defaultScope)
		if err == nil {
			pair, err = s.issuePair(ctx, tx, g)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return &ledgersync.Token{AccessToken: pair.AccessToken, RefreshToken: pair.RefreshToken,
		Expiry: s.now().Add(s.opts.AccessTokenTTL), TenantID: o.ID, TenantName: o.Name}, nil
}
