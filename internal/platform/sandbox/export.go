package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// Export returns the organisation's whole ledger as one JSON-able value
// with Xero's collection and field names: Organisation, Accounts,
// TaxRates, Contacts, Invoices, CreditNotes, Payments, BankTransactions,
// ManualJournals and BankTransfers (each [] when empty). Every document
// carries its lines and SubTotal, TotalTax and Total; every amount is
// written as a string of its exact text ("130.00"), so exports compare
// exactly.
func (s *Sandbox) Export(ctx context.Context, tenantID string) (any, error) {
	o, err := s.findOrg(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, fmt.Errorf("sandbox: no organisation %s", tenantID)
	}
	ch, err := s.loadChart(ctx, o)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"Organisation": o.xero(), "Accounts": nonNil(ch.accounts),
		"TaxRates": nonNil(ch.rates), "Contacts": nonNil(ch.people)}
	if err := s.exportDocuments(ctx, o.ID, out); err != nil {
		return nil, err
	}
	return exact(out)
}

// nonNil makes an empty list [] rather than null.
func nonNil[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}

// exportDocuments adds each document collection to out.
func (s *Sandbox) exportDocuments(ctx context.Context, orgID string, out map[string]any) error {
	kinds := map[string]*docKind{}
	for _, k := range documentKinds {
		kinds[k.name] = k
		out[k.collection] = []any{}
	}
	docs, err := s.listDocuments(ctx, orgID, "")
	if err != nil {
		return err
	}
	for _, d := range docs {
		k := kinds[d.kind]
		e, err := loadElement(k, d)
		if err != nil {
			return err
		}
		fields, err := exact(e)
		if err != nil {
			return err
		}
		m := fields.(map[string]any)
		m["SubTotal"], m["TotalTax"], m["Total"] = d.subTotal.text(), d.totalTax.text(), d.total.text()
		out[k.collection] = append(out[k.collection].([]any), m)
	}
	return nil
}

// exact turns v into plain JSON values whose decimals (amounts, always
// written with a point) are strings of their exact text; whole numbers,
// such as FinancialYearEndDay, stay numbers.
func exact(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out any
	if err := d.Decode(&out); err != nil {
		return nil, err
	}
	return numbersAsText(out), nil
}

func numbersAsText(v any) any {
	switch v := v.(type) {
	case json.Number:
		if strings.Contains(v.String(), ".") {
			return v.String()
		}
	case map[string]any:
		for k, x := range v {
			v[k] = numbersAsText(x)
		}
	case []any:
		for i, x := range v {
			v[i] = numbersAsText(x)
		}
	}
	return v
}
