package sandbox

import (
	"context"
	"fmt"
)

// systemAccounts name the control accounts that are not in the chart.
var systemAccounts = map[string]string{receivable: "Accounts Receivable", payable: "Accounts Payable"}

// loadPostings reads the postings of the organisation's documents.
func (s *Sandbox) loadPostings(ctx context.Context, orgID string, docs []*document) error {
	byID := map[string]*document{}
	for _, d := range docs {
		byID[d.id] = d
	}
	rows, err := s.read.QueryContext(ctx, `SELECT document_id, account_id, description, amount
		FROM sandbox_postings WHERE org_id = $1 ORDER BY document_id, line`, orgID)
	if err != nil {
		return fmt.Errorf("sandbox: list postings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var docID, text string
		var p posting
		if err := rows.Scan(&docID, &p.accountID, &p.description, &text); err != nil {
			return fmt.Errorf("sandbox: list postings: %w", err)
		}
		if p.amount, err = parseAmount(text); err != nil {
			return err
		}
		if d := byID[docID]; d != nil {
			d.postings = append(d.postings, p)
		}
	}
	return rows.Err()
}

// ledgerAccounts lists the chart with each account's balance from the
// posted documents, then the system accounts that have one.
func ledgerAccounts(ch *chart, docs []*document) []ledgerAccount {
	balances := map[string]amount{}
	for _, d := range docs {
		if !postedStatuses[d.status] {
			continue
		}
		for _, p := range d.postings {
			balances[p.accountID] = balances[p.accountID].add(p.amount)
		}
	}
	var out []ledgerAccount
	for _, a := range ch.accounts {
		out = append(out, ledgerAccount{Code: a.Code, Name: a.Name, Type: a.Type, Status: a.Status,
			Balance: drCr(balances[a.AccountID])})
	}
	for _, id := range []string{receivable, payable} {
		if b, ok := balances[id]; ok {
			out = append(out, ledgerAccount{Name: systemAccounts[id], Type: "SYSTEM", Status: "ACTIVE", Balance: drCr(b)})
		}
	}
	return out
}

// drCr writes a balance as an accountant reads it: 120.00 Dr, 20.00 Cr.
func drCr(a amount) string {
	switch a.Sign() {
	case 1:
		return a.text() + " Dr"
	case -1:
		return a.neg().text() + " Cr"
	}
	return "0.00"
}

// ledgerDocumentOf is a document as the ledger page lists it.
func ledgerDocumentOf(ch *chart, d *document) ledgerDocument {
	out := ledgerDocument{Kind: d.kind, Type: d.typ, Number: d.number, Date: d.date, Status: d.status,
		SubTotal: d.subTotal.text(), TotalTax: d.totalTax.text(), Total: d.total.text()}
	if out.Number == "" {
		out.Number = d.reference
	}
	if c := ch.contacts[d.contactID]; c != nil {
		out.Contact = c.Name
	}
	for _, p := range d.postings {
		l := ledgerLine{Account: p.accountID, Description: p.description}
		if a := ch.byID[p.accountID]; a != nil {
			l.Account = a.Code + " " + a.Name
		} else if name, ok := systemAccounts[p.accountID]; ok {
			l.Account = name
		}
		if p.amount.IsPositive() {
			l.Debit = p.amount.text()
		} else {
			l.Credit = p.amount.neg().text()
		}
		out.Lines = append(out.Lines, l)
	}
	return out
}
