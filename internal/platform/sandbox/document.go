package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// document is a stored accounting document: the columns lookups, payments
// and the ledger need, and the body as Xero's JSON.
type document struct {
	id, kind, typ, number, reference, status, date, contactID string
	subTotal, totalTax, total, amountPaid                     amount
	postings                                                  []posting
	body                                                      []byte
	created, updated                                          time.Time
	// settle, when set, runs in the write transaction before the insert:
	// a payment takes its amount off what it pays. It returns messages
	// when the current state refuses the document.
	settle func(ctx context.Context, tx *sql.Tx, s *Sandbox) ([]string, error)
}

// posting is one double-entry line: debits positive, credits negative.
type posting struct {
	accountID, description string
	amount                 amount
}

// post adds a posting, skipping zero amounts.
func (d *document) post(accountID, description string, a amount) {
	if !a.IsZero() {
		d.postings = append(d.postings, posting{accountID: accountID, description: description, amount: a})
	}
}

// due is what remains to pay on an invoice or credit note.
func (d *document) due() amount { return d.total.sub(d.amountPaid) }

// The system control accounts that invoices and bills post to, as Xero's
// Accounts Receivable and Accounts Payable; they are not in the chart.
const (
	receivable = "accounts-receivable"
	payable    = "accounts-payable"
)

// postedStatuses are those whose postings count in the balances.
var postedStatuses = map[string]bool{"AUTHORISED": true, "PAID": true, "POSTED": true}

const documentColumns = `id, kind, type, number, reference, status, doc_date, contact_id,
	sub_total, total_tax, total, amount_paid, body, created_at, updated_at`

// insertDocument stores a document and its postings. It reports false,
// storing nothing, when the number is already used.
func (s *Sandbox) insertDocument(ctx context.Context, tx *sql.Tx, orgID string, d *document) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO sandbox_documents (org_id, `+documentColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) ON CONFLICT DO NOTHING`,
		orgID, d.id, d.kind, d.typ, d.number, d.reference, d.status, d.date, d.contactID,
		d.subTotal.text(), d.totalTax.text(), d.total.text(), d.amountPaid.text(), string(d.body), dbTime(d.created))
	if err != nil {
		return false, fmt.Errorf("sandbox: insert %s: %w", d.kind, err)
	}
	if n, err := res.RowsAffected(); n == 0 || err != nil {
		return false, err
	}
	for i, p := range d.postings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sandbox_postings
			(org_id, document_id, line, account_id, description, amount) VALUES ($1, $2, $3, $4, $5, $6)`,
			orgID, d.id, i+1, p.accountID, p.description, p.amount.text()); err != nil {
			return false, fmt.Errorf("sandbox: insert posting: %w", err)
		}
	}
	return true, nil
}

// scanDocument reads one row of documentColumns.
func scanDocument(row interface{ Scan(...any) error }) (*document, error) {
	var d document
	var sub, tax, total, paid, body string
	var created, updated instant
	err := row.Scan(&d.id, &d.kind, &d.typ, &d.number, &d.reference, &d.status, &d.date, &d.contactID,
		&sub, &tax, &total, &paid, &body, &created, &updated)
	if err != nil {
		return nil, err
	}
	d.body, d.created, d.updated = []byte(body), created.Time, updated.Time
	for _, f := range []struct {
		dst *amount
		src string
	}{{&d.subTotal, sub}, {&d.totalTax, tax}, {&d.total, total}, {&d.amountPaid, paid}} {
		if *f.dst, err = parseAmount(f.src); err != nil {
			return nil, err
		}
	}
	return &d, nil
}

// listDocuments returns the organisation's documents of a kind ("" for
// every kind) in the order they were written; documents written at the
// same instant (a fixed test clock) list by number and reference, so an
// export is stable.
func (s *Sandbox) listDocuments(ctx context.Context, orgID, kind string) ([]*document, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+documentColumns+` FROM sandbox_documents
		WHERE org_id = $1 AND ($2 = '' OR kind = $2) ORDER BY created_at, number, reference, id`, orgID, kind)
	if err != nil {
		return nil, fmt.Errorf("sandbox: list documents: %w", err)
	}
	defer rows.Close()
	var out []*document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("sandbox: list documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// findDocument returns a document of the kind by id or number, or nil; in
// a transaction it locks the row.
func (s *Sandbox) findDocument(ctx context.Context, q querier, orgID, kind, id, number string) (*document, error) {
	lock := ""
	if _, inTx := q.(*sql.Tx); inTx {
		lock = s.sql.forUpdate
	}
	d, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM sandbox_documents
		WHERE org_id = $1 AND kind = $2 AND ((id = $3 AND $3 <> '') OR (number = $4 AND $4 <> ''))
		ORDER BY created_at LIMIT 1`+lock, orgID, kind, id, number))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sandbox: find %s: %w", kind, err)
	}
	return d, nil
}

// payDocument records a payment's amount against a document.
func payDocument(ctx context.Context, tx *sql.Tx, orgID string, d *document, paid amount, now time.Time) error {
	d.amountPaid = d.amountPaid.add(paid)
	if d.due().IsZero() {
		d.status = "PAID"
	}
	_, err := tx.ExecContext(ctx, `UPDATE sandbox_documents SET amount_paid = $1, status = $2, updated_at = $3
		WHERE org_id = $4 AND id = $5`, d.amountPaid.text(), d.status, dbTime(now), orgID, d.id)
	if err != nil {
		return fmt.Errorf("sandbox: pay %s: %w", d.kind, err)
	}
	return nil
}

// decodeBody reads a stored body into an element.
func decodeBody(d *document, into any) error {
	if err := json.Unmarshal(d.body, into); err != nil {
		return fmt.Errorf("sandbox: stored %s %s: %w", d.kind, d.id, err)
	}
	return nil
}
