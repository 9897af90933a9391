package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ledgersync/ledgersync"
)

// errNoSession is the answer for an unknown, revoked or timed-out session.
var errNoSession = ledgersync.Errorf(ledgersync.EUnauthorized, "Your session has ended.")

// IsNoSession reports whether err means the session is gone.
func IsNoSession(err error) bool { return errors.Is(err, errNoSession) }

// insertSession creates a session and returns its token.
func (s *Store) insertSession(ctx context.Context, tx *sql.Tx, sess *ledgersync.Session) (string, error) {
	token := ledgersync.NewSessionToken()
	sess.Created, sess.LastSeen = s.clock(), s.clock()
	_, err := tx.ExecContext(ctx, `INSERT INTO flow_sessions (token_hash, client_id, company_id, link_id, redirect_url,
		locale, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, sessionHash(token), sess.ClientID,
		sess.CompanyID, sess.LinkID, sess.RedirectURL, sess.Locale, dbTime(sess.Created), dbTime(sess.LastSeen))
	if err != nil {
		return "", fmt.Errorf("store: create session: %w", err)
	}
	return token, nil
}

// FindSession returns a live session and marks it seen. Sessions end after
// SessionIdle without a request and SessionMax after they began.
func (s *Store) FindSession(ctx context.Context, token string) (*ledgersync.Session, error) {
	var sess ledgersync.Session
	var revoked bool
	err := s.read.QueryRowContext(ctx, `SELECT client_id, company_id, link_id, redirect_url, locale, created_at,
		last_seen_at, revoked FROM flow_sessions WHERE token_hash = $1`, sessionHash(token)).Scan(&sess.ClientID,
		&sess.CompanyID, &sess.LinkID, &sess.RedirectURL, &sess.Locale, scanTime(&sess.Created), scanTime(&sess.LastSeen), &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("store: find session: %w", err)
	}
	now := s.clock()
	if revoked || now.Sub(sess.LastSeen) > ledgersync.SessionIdle || now.Sub(sess.Created) > ledgersync.SessionMax {
		return nil, errNoSession
	}
	// Touch at most once a minute: a page view need not always write.
	if now.Sub(sess.LastSeen) > sessionTouchEvery {
		if _, err := s.db.ExecContext(ctx, `UPDATE flow_sessions SET last_seen_at = $2 WHERE token_hash = $1`,
			sessionHash(token), dbTime(now)); err != nil {
			return nil, fmt.Errorf("store: touch session: %w", err)
		}
		sess.LastSeen = now
	}
	return &sess, nil
}

const sessionTouchEvery = time.Minute

// RotateSession replaces a session's token, as after OAuth, so a token
// seen before the change no longer works. The session keeps its start.
func (s *Store) RotateSession(ctx context.Context, token string) (string, error) {
	fresh := ledgersync.NewSessionToken()
	res, err := s.db.ExecContext(ctx, `UPDATE flow_sessions SET token_hash = $2, last_seen_at = $3
		WHERE token_hash = $1 AND revoked = $4`, sessionHash(token), sessionHash(fresh), dbTime(s.clock()), false)
	if err != nil {
		return "", fmt.Errorf("store: rotate session: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return "", errNoSession
	}
	return fresh, nil
}

// SetSessionLocale remembers the merchant's language choice.
func (s *Store) SetSessionLocale(ctx context.Context, token, locale string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE flow_sessions SET locale = $2 WHERE token_hash = $1`, sessionHash(token), locale)
	if err != nil {
		return fmt.Errorf("store: set session locale: %w", err)
	}
	return nil
}

// EndSession revokes a session.
func (s *Store) EndSession(ctx context.Context, token string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE flow_sessions SET revoked = $2 WHERE token_hash = $1`, sessionHash(token), true)
	if err != nil {
		return fmt.Errorf("store: end session: %w", err)
	}
	return nil
}
