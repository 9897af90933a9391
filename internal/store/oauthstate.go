package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ledgersync/ledgersync"
)

// OAuthRequest is an authorization request in flight: the merchant's
// browser is at the platform's login page.
type OAuthRequest struct {
	CompanyID      string
	ConnectionID   string
	IntegrationKey string
	// Verifier is the PKCE code verifier, sealed at rest.
	Verifier string
}

// errBadState answers any unknown, foreign, expired or reused state.
var errBadState = ledgersync.Errorf(ledgersync.EInvalid, "This sign-in attempt is not valid any more. Please start again.")

// CreateOAuthState records an authorization request for a session and
// returns its state: 32 random bytes, base64url.
func (s *Store) CreateOAuthState(ctx context.Context, sessionToken string, req OAuthRequest) (string, error) {
	state := ledgersync.NewSessionToken()
	sealed := s.sealer.Seal([]byte(req.Verifier), aad("flow_oauth_states", fmt.Sprintf("%x", stateHash(state)), "verifier"))
	_, err := s.db.ExecContext(ctx, `INSERT INTO flow_oauth_states (state_hash, session_hash, company_id, connection_id,
		integration_key, verifier_sealed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, stateHash(state),
		sessionHash(sessionToken), req.CompanyID, req.ConnectionID, req.IntegrationKey, sealed, dbTime(s.clock()))
	if err != nil {
		return "", fmt.Errorf("store: create oauth state: %w", err)
	}
	return state, nil
}

// ConsumeOAuthState returns the request behind a state, once, and only to
// the session that started it, within OAuthStateTTL.
func (s *Store) ConsumeOAuthState(ctx context.Context, sessionToken, state string) (*OAuthRequest, error) {
	var req OAuthRequest
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var session, sealed []byte
		var created time.Time
		var used *time.Time
		err := tx.QueryRowContext(ctx, `SELECT session_hash, company_id, connection_id, integration_key, verifier_sealed,
			created_at, used_at FROM flow_oauth_states WHERE state_hash = $1`, stateHash(state)).Scan(&session,
			&req.CompanyID, &req.ConnectionID, &req.IntegrationKey, &sealed, scanTime(&created), scanNullTime(&used))
		if errors.Is(err, sql.ErrNoRows) {
			return errBadState
		}
		if err != nil {
			return fmt.Errorf("store: find oauth state: %w", err)
		}
		if used != nil || string(session) != string(sessionHash(sessionToken)) || s.clock().Sub(created) > ledgersync.OAuthStateTTL {
			return errBadState
		}
		res, err := tx.ExecContext(ctx, `UPDATE flow_oauth_states SET used_at = $2 WHERE state_hash = $1 AND used_at IS NULL`,
			stateHash(state), dbTime(s.clock()))
		if err != nil {
			return fmt.Errorf("store: consume oauth state: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errBadState
		}
		v, err := s.sealer.Open(sealed, aad("flow_oauth_states", fmt.Sprintf("%x", stateHash(state)), "verifier"))
		req.Verifier = string(v)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &req, nil
}
