package sandbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The demo organisation's fixed credentials, shown on the login page.
const (
	DemoOrgName  = "Sandbox Trading Ltd"
	DemoUsername = "demo"
	DemoPassword = "demo-sandbox-password"
)

// ErrBadCredentials is returned by Authenticate for a wrong username or
// password.
var ErrBadCredentials = errors.New("sandbox: wrong username or password")

// OrgCredentials identify a sandbox organisation and log in to it.
type OrgCredentials struct {
	TenantID string `json:"tenantId"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// org is a sandbox organisation.
type org struct {
	ID, Name, CountryCode, BaseCurrency string
	Demo                                bool
	CreatedAt                           time.Time
}

const orgColumns = `id, name, country_code, base_currency, is_demo, created_at`

func scanOrg(row interface{ Scan(...any) error }) (*org, error) {
	var o org
	var created instant
	if err := row.Scan(&o.ID, &o.Name, &o.CountryCode, &o.BaseCurrency, &o.Demo, &created); err != nil {
		return nil, err
	}
	o.CreatedAt = created.Time
	return &o, nil
}

// CreateOrg creates an organisation named name (DemoOrgName when empty),
// seeded with the fixed chart of accounts, tax rates and contacts, and
// random credentials. The password is returned once; only its hash is
// stored.
func (s *Sandbox) CreateOrg(ctx context.Context, name string) (*OrgCredentials, error) {
	if strings.TrimSpace(name) == "" {
		name = DemoOrgName
	}
	c := &OrgCredentials{
		TenantID: uuid.NewString(),
		Username: "sandbox-" + strings.ToLower(rand.Text()[:10]),
		Password: rand.Text(),
	}
	if _, err := s.insertOrg(ctx, c, strings.TrimSpace(name), false); err != nil {
		return nil, err
	}
	return c, nil
}

// EnsureDemoOrg creates the demo organisation, with DemoUsername and
// DemoPassword, unless it exists; either way it returns its credentials.
func (s *Sandbox) EnsureDemoOrg(ctx context.Context) (*OrgCredentials, error) {
	if o, err := s.demoOrg(ctx); err != nil || o != nil {
		return demoCredentials(o), err
	}
	c := &OrgCredentials{TenantID: uuid.NewString(), Username: DemoUsername, Password: DemoPassword}
	created, err := s.insertOrg(ctx, c, DemoOrgName, true)
	if err != nil || created {
		return c, err
	}
	// Another process created it first.
	o, err := s.demoOrg(ctx)
	if err == nil && o == nil {
		err = errors.New("sandbox: the demo username is taken by another organisation")
	}
	return demoCredentials(o), err
}

func demoCredentials(o *org) *OrgCredentials {
	if o == nil {
		return nil
	}
	return &OrgCredentials{TenantID: o.ID, Username: DemoUsername, Password: DemoPassword}
}

// demoOrg returns the demo organisation, or nil when there is none.
func (s *Sandbox) demoOrg(ctx context.Context) (*org, error) {
	o, err := scanOrg(s.read.QueryRowContext(ctx,
		`SELECT `+orgColumns+` FROM sandbox_orgs WHERE is_demo AND username = $1`, DemoUsername))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: find demo organisation: %w", err)
	}
	return o, nil
}

// insertOrg stores the organisation and its seed data in one transaction.
// It reports false, storing nothing, when the username is taken.
func (s *Sandbox) insertOrg(ctx context.Context, c *OrgCredentials, name string, demo bool) (bool, error) {
	hash := hashPassword(c.Password)
	now := s.now()
	created := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO sandbox_orgs
			(id, name, country_code, base_currency, username, password_hash, is_demo, created_at)
			VALUES ($1, $2, 'GB', 'GBP', $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
			c.TenantID, name, c.Username, hash, demo, dbTime(now))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		created = true
		return seed(ctx, tx, c.TenantID, now)
	})
	if err != nil {
		return false, fmt.Errorf("sandbox: create organisation: %w", err)
	}
	return created, nil
}

// Authenticate returns the organisation whose credentials these are, or
// ErrBadCredentials.
func (s *Sandbox) Authenticate(ctx context.Context, username, password string) (string, error) {
	var id, hash string
	err := s.read.QueryRowContext(ctx,
		`SELECT id, password_hash FROM sandbox_orgs WHERE username = $1`, username).Scan(&id, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		id, hash = "", dummyHash
	} else if err != nil {
		return "", fmt.Errorf("sandbox: authenticate: %w", err)
	}
	ok, err := checkPassword(hash, password)
	if err != nil {
		return "", err
	}
	if !ok || id == "" {
		return "", ErrBadCredentials
	}
	return id, nil
}

// findOrg returns the organisation, or nil when it does not exist.
func (s *Sandbox) findOrg(ctx context.Context, id string) (*org, error) {
	o, err := scanOrg(s.read.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM sandbox_orgs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: find organisation %s: %w", id, err)
	}
	return o, nil
}

// DefaultTenant names the organisation to use when none is given: the demo
// organisation when it exists, else the only one; with several and no
// demo it is an error that says to choose.
func (s *Sandbox) DefaultTenant(ctx context.Context) (string, error) {
	if o, err := s.demoOrg(ctx); err != nil || o != nil {
		return orgID(o), err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM sandbox_orgs ORDER BY created_at LIMIT 2`)
	if err != nil {
		return "", fmt.Errorf("sandbox: list organisations: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return "", fmt.Errorf("sandbox: list organisations: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	switch len(ids) {
	case 0:
		return "", errors.New("sandbox: there is no sandbox organisation yet; create one with 'ledgersync sandbox create-org'")
	case 1:
		return ids[0], nil
	}
	return "", errors.New("sandbox: there are several sandbox organisations; choose one with --tenant")
}

func orgID(o *org) string {
	if o == nil {
		return ""
	}
	return o.ID
}
