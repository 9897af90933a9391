package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
)

// dbNow reads the database's clock, so that replicas judge expiry alike.
// Tests replace it with Options.DBNow.
func (s *Store) dbNow(ctx context.Context, q querier) (time.Time, error) {
	if s.fakeDBNow != nil {
		return s.fakeDBNow().UTC().Truncate(time.Microsecond), nil
	}
	var t time.Time
	err := q.QueryRowContext(ctx, s.dialect.nowQuery).Scan(scanTime(&t))
	if err != nil {
		return time.Time{}, fmt.Errorf("store: read database clock: %w", err)
	}
	return t.Truncate(time.Microsecond), nil
}

// querier is a pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// insertLink stores a new link for the company and voids its older
// unused links.
func (s *Store) insertLink(ctx context.Context, tx *sql.Tx, l *ledgersync.FlowLink) error {
	now, err := s.dbNow(ctx, tx)
	if err != nil {
		return err
	}
	l.ID, l.Token, l.Code = uuid.NewString(), ledgersync.NewLinkToken(), ledgersync.NewLinkCode()
	l.ExpiresAt = now.Add(ledgersync.LinkTTL)
	if _, err := tx.ExecContext(ctx, `UPDATE flow_links SET voided = true WHERE company_id = $1 AND used_at IS NULL AND voided = false`,
		l.CompanyID); err != nil {
		return fmt.Errorf("store: void links: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO flow_links (id, token_hash, code_hash, client_id, company_id, commerce_key,
		accounting_key, merchant_identifier, redirect_url, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		l.ID, linkTokenHash(l.Token), linkCodeHash(l.Token, l.Code), l.ClientID, l.CompanyID, l.CommerceKey,
		l.AccountingKey, l.MerchantIdentifier, l.RedirectURL, dbTime(now), dbTime(l.ExpiresAt))
	if err != nil {
		return fmt.Errorf("store: create link: %w", err)
	}
	return nil
}

// errDeadLink is the answer for an expired, used, voided, burned or
// unknown link, whatever the reason, so a guesser learns nothing.
var errDeadLink = ledgersync.Errorf(ledgersync.EUnauthorized, "This link has expired.")

// ErrWrongCode is returned for a live link opened with the wrong code.
var ErrWrongCode = ledgersync.Errorf(ledgersync.EUnauthorized, "This code is not valid.")

// IsDeadLink reports whether err means the link can no longer be used.
func IsDeadLink(err error) bool { return errors.Is(err, errDeadLink) }

type linkRow struct {
	id, clientID, companyID, commerceKey, accountingKey, merchant, redirectURL string
	codeHash                                                                   []byte
	expiresAt                                                                  time.Time
	usedAt                                                                     *time.Time
	voided                                                                     bool
	failures                                                                   int
}

func (s *Store) findLink(ctx context.Context, tx *sql.Tx, token string) (*linkRow, error) {
	var l linkRow
	err := tx.QueryRowContext(ctx, `SELECT id, client_id, company_id, commerce_key, accounting_key, merchant_identifier,
		redirect_url, code_hash, expires_at, used_at, voided, failures FROM flow_links WHERE token_hash = $1`,
		linkTokenHash(token)).Scan(&l.id, &l.clientID, &l.companyID, &l.commerceKey, &l.accountingKey, &l.merchant,
		&l.redirectURL, &l.codeHash, scanTime(&l.expiresAt), scanNullTime(&l.usedAt), &l.voided, &l.failures)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errDeadLink
	}
	if err != nil {
		return nil, fmt.Errorf("store: find link: %w", err)
	}
	return &l, nil
}

// live reports whether the link may still be opened, and whether the
// request names it exactly: its client, keys and merchant identifier.
func (l *linkRow) live(in ledgersync.LinkOpen, now time.Time) bool {
	return l.usedAt == nil && !l.voided && l.failures < ledgersync.LinkMaxFailures && now.Before(l.expiresAt) &&
		l.clientID == in.ClientID && l.commerceKey == in.CommerceKey && l.accountingKey == in.AccountingKey &&
		l.merchant == in.MerchantIdentifier
}

// OpenLink consumes a start link with its code and opens a session. Of
// many concurrent attempts exactly one wins. A wrong code counts towards
// burning the link; the answer for any dead link is the same.
func (s *Store) OpenLink(ctx context.Context, in ledgersync.LinkOpen) (*ledgersync.Session, string, error) {
	var sess *ledgersync.Session
	var token string
	var wrong bool
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		l, err := s.findLink(ctx, tx, in.Token)
		if err != nil {
			return err
		}
		now, err := s.dbNow(ctx, tx)
		if err != nil {
			return err
		}
		if !l.live(in, now) {
			return errDeadLink
		}
		if subtle.ConstantTimeCompare(l.codeHash, linkCodeHash(in.Token, in.Code)) != 1 {
			wrong = true
			_, err := tx.ExecContext(ctx, `UPDATE flow_links SET failures = failures + 1 WHERE id = $1`, l.id)
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE flow_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL`, l.id, dbTime(now))
		if err != nil {
			return fmt.Errorf("store: consume link: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errDeadLink
		}
		sess = &ledgersync.Session{ClientID: l.clientID, CompanyID: l.companyID, LinkID: l.id, RedirectURL: l.redirectURL}
		token, err = s.insertSession(ctx, tx, sess)
		return err
	})
	if err == nil && wrong {
		err = ErrWrongCode
	}
	return sess, token, err
}
