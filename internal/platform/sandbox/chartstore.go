package sandbox

import (
	"context"
	"fmt"
	"time"
)

const accountColumns = `id, code, name, type, status, tax_type, description, enable_payments, updated_at`

// listAccounts returns the organisation's accounts by code.
func (s *Sandbox) listAccounts(ctx context.Context, q querier, orgID string) ([]*account, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+accountColumns+` FROM sandbox_accounts
		WHERE org_id = $1 ORDER BY code`, orgID)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list accounts: %w", err)
	}
	defer rows.Close()
	var out []*account
	for rows.Next() {
		var a account
		var updated instant
		if err := rows.Scan(&a.AccountID, &a.Code, &a.Name, &a.Type, &a.Status, &a.TaxType,
			&a.Description, &a.EnablePaymentsToAccount, &updated); err != nil {
			return nil, fmt.Errorf("sandbox: list accounts: %w", err)
		}
		a.finish(updated.Time)
		out = append(out, &a)
	}
	return out, rows.Err()
}

// insertAccount adds an account; it reports false when the code is taken.
func insertAccount(ctx context.Context, q querier, orgID string, a *account, now time.Time) (bool, error) {
	res, err := q.ExecContext(ctx, `INSERT INTO sandbox_accounts (org_id, `+accountColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
		orgID, a.AccountID, a.Code, a.Name, a.Type, a.Status, a.TaxType, a.Description,
		a.EnablePaymentsToAccount, dbTime(now))
	if err != nil {
		return false, fmt.Errorf("sandbox: insert account %s: %w", a.Code, err)
	}
	a.finish(now)
	n, err := res.RowsAffected()
	return n == 1, err
}

// listTaxRates returns the organisation's tax rates by name.
func (s *Sandbox) listTaxRates(ctx context.Context, orgID string) ([]*taxRate, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT tax_type, name, rate, status, account_id
		FROM sandbox_tax_rates WHERE org_id = $1 ORDER BY name`, orgID)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list tax rates: %w", err)
	}
	defer rows.Close()
	var out []*taxRate
	for rows.Next() {
		var taxType, name, rate, status, accountID string
		if err := rows.Scan(&taxType, &name, &rate, &status, &accountID); err != nil {
			return nil, fmt.Errorf("sandbox: list tax rates: %w", err)
		}
		if _, err := parseAmount(rate); err != nil {
			return nil, err
		}
		out = append(out, newTaxRate(taxType, name, rate, status, accountID))
	}
	return out, rows.Err()
}

// listContacts returns the organisation's contacts by name.
func (s *Sandbox) listContacts(ctx context.Context, orgID string) ([]*contact, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, status, is_customer, is_supplier, updated_at
		FROM sandbox_contacts WHERE org_id = $1 ORDER BY name, id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list contacts: %w", err)
	}
	defer rows.Close()
	var out []*contact
	for rows.Next() {
		var c contact
		var updated instant
		if err := rows.Scan(&c.ContactID, &c.Name, &c.ContactStatus, &c.IsCustomer, &c.IsSupplier, &updated); err != nil {
			return nil, fmt.Errorf("sandbox: list contacts: %w", err)
		}
		c.UpdatedDateUTC = msDate(updated.Time)
		out = append(out, &c)
	}
	return out, rows.Err()
}
