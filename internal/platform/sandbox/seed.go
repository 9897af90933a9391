package sandbox

import (
	"context"
	"database/sql"
	"time"
)

// seedAccounts is every new organisation's chart of accounts (SPEC §9.5).
var seedAccounts = []account{
	{AccountID: "acc-1000", Code: "1000", Name: "Cash", Type: "BANK"},
	{AccountID: "acc-1010", Code: "1010", Name: "Current account", Type: "BANK"},
	{AccountID: "acc-1100", Code: "1100", Name: "Receivable", Type: "CURRENT", EnablePaymentsToAccount: true},
	{AccountID: "acc-1200", Code: "1200", Name: "Card clearing", Type: "CURRENT", EnablePaymentsToAccount: true},
	{AccountID: "acc-2100", Code: "2100", Name: "Gift cards", Type: "CURRLIAB"},
	{AccountID: "acc-2110", Code: "2110", Name: "Tips", Type: "CURRLIAB"},
	{AccountID: "acc-2200", Code: "2200", Name: "VAT", Type: "CURRLIAB"},
	{AccountID: "acc-4000", Code: "4000", Name: "Sales", Type: "REVENUE", TaxType: "tr-20"},
	{AccountID: "acc-4010", Code: "4010", Name: "Refunds", Type: "REVENUE", TaxType: "tr-20"},
	{AccountID: "acc-4100", Code: "4100", Name: "Other income", Type: "OTHERINCOME", TaxType: "tr-20"},
	{AccountID: "acc-6100", Code: "6100", Name: "Payment fees", Type: "EXPENSE", TaxType: "tr-0"},
	{AccountID: "acc-4999", Code: "4999", Name: "Old sales", Type: "REVENUE", TaxType: "tr-20", Status: "ARCHIVED"},
}

// vatAccount is where every seeded tax rate posts.
const vatAccount = "acc-2200"

// seedTaxRates are every new organisation's tax rates.
var seedTaxRates = []*taxRate{
	newTaxRate("tr-0", "No VAT (0%)", "0", "ACTIVE", vatAccount),
	newTaxRate("tr-5", "Reduced (5%)", "5", "ACTIVE", vatAccount),
	newTaxRate("tr-20", "Standard (20%)", "20", "ACTIVE", vatAccount),
}

// seedContacts are every new organisation's customers and supplier.
var seedContacts = []contact{
	{ContactID: "cus-1", Name: "Partner Sales", IsCustomer: true, ContactStatus: "ACTIVE"},
	{ContactID: "cus-2", Name: "Old customer", IsCustomer: true, ContactStatus: "ARCHIVED"},
	{ContactID: "sup-1", Name: "Payment provider", IsSupplier: true, ContactStatus: "ACTIVE"},
}

// seed writes the fixed chart of accounts, tax rates and contacts.
func seed(ctx context.Context, tx *sql.Tx, orgID string, now time.Time) error {
	for _, a := range seedAccounts {
		if a.Status == "" {
			a.Status = "ACTIVE"
		}
		if a.TaxType == "" {
			a.TaxType = "tr-0"
		}
		if _, err := insertAccount(ctx, tx, orgID, &a, now); err != nil {
			return err
		}
	}
	for _, r := range seedTaxRates {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sandbox_tax_rates
			(org_id, tax_type, name, rate, status, account_id) VALUES ($1, $2, $3, $4, $5, $6)`,
			orgID, r.TaxType, r.Name, r.EffectiveRate.text(), r.Status, r.accountID); err != nil {
			return err
		}
	}
	for _, c := range seedContacts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sandbox_contacts
			(org_id, id, name, status, is_customer, is_supplier, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			orgID, c.ContactID, c.Name, c.ContactStatus, c.IsCustomer, c.IsSupplier, dbTime(now)); err != nil {
			return err
		}
	}
	return nil
}
