package xero

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// findPageSize is how many records Xero returns per page of a list.
const findPageSize = 100

// lookup finds a record in a collection: the query narrows the list, and
// match recognises the record. A paged lookup reads every page.
type lookup struct {
	query url.Values
	match func(r *wireRecord) bool
	paged bool
}

// wireRecord holds the fields of an answer's records that writes and
// lookups read.
type wireRecord struct {
	InvoiceID, CreditNoteID, PaymentID    string
	BankTransactionID, BankTransferID     string
	ManualJournalID                       string
	Type, InvoiceNumber, CreditNoteNumber string
	Reference, Narration                  string
	ValidationErrors                      []struct{ Message string }
}

// recordIDs gives the id field of each collection's records.
var recordIDs = map[string]func(r *wireRecord) string{
	"Invoices":         func(r *wireRecord) string { return r.InvoiceID },
	"CreditNotes":      func(r *wireRecord) string { return r.CreditNoteID },
	"Payments":         func(r *wireRecord) string { return r.PaymentID },
	"BankTransactions": func(r *wireRecord) string { return r.BankTransactionID },
	"BankTransfers":    func(r *wireRecord) string { return r.BankTransferID },
	"ManualJournals":   func(r *wireRecord) string { return r.ManualJournalID },
}

// id is the record's id in its collection.
func (r *wireRecord) id(collection string) string { return recordIDs[collection](r) }

// refusal joins the record's validation messages: Xero may answer 200
// with a refused element when asked not to summarise errors.
func (r *wireRecord) refusal() string {
	msgs := make([]string, 0, len(r.ValidationErrors))
	for _, v := range r.ValidationErrors {
		msgs = append(msgs, v.Message)
	}
	return strings.Join(msgs, "; ")
}

// recordsOf reads the records of a collection from an answer.
func recordsOf(answer map[string]json.RawMessage, collection string) ([]wireRecord, error) {
	var records []wireRecord
	raw, ok := answer[collection]
	if !ok {
		return nil, fmt.Errorf("xero: no %s in the answer", collection)
	}
	return records, json.Unmarshal(raw, &records)
}

// where is Xero's where filter of equality terms joined by AND.
func where(terms ...[2]string) url.Values {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t[0] + `=="` + t[1] + `"`
	}
	return url.Values{"where": {strings.Join(parts, " AND ")}}
}

// tradeLookup finds an invoice, bill or credit note by type and number.
func tradeLookup(k tradeKind, number string) lookup {
	field, numberOf := "InvoiceNumber", func(r *wireRecord) string { return r.InvoiceNumber }
	if k.creditNote {
		field, numberOf = "CreditNoteNumber", func(r *wireRecord) string { return r.CreditNoteNumber }
	}
	return lookup{query: where([2]string{"Type", k.typ}, [2]string{field, number}),
		match: func(r *wireRecord) bool { return r.Type == k.typ && numberOf(r) == number }}
}

// referenceLookup finds a payment, bank transaction or bank transfer by
// its Reference.
func referenceLookup(ref string) lookup {
	return lookup{query: where([2]string{"Reference", ref}),
		match: func(r *wireRecord) bool { return r.Reference == ref }}
}

// narrationLookup finds a manual journal whose narration holds the
// reference as a word. Xero's where has no "contains" the Sandbox
// supports, so every page is read.
func narrationLookup(ref string) lookup {
	return lookup{query: url.Values{}, paged: true,
		match: func(r *wireRecord) bool { return slices.Contains(strings.Fields(r.Narration), ref) }}
}

// lookup returns the id of the record the lookup matches. Two matches
// on a page make the outcome of the write impossible to reconcile.
func (c *connector) lookup(ctx context.Context, collection string, l lookup) (string, bool, error) {
	found := ""
	for page := 1; ; page++ {
		q := maps.Clone(l.query)
		if q == nil {
			q = url.Values{}
		}
		if l.paged {
			q.Set("page", strconv.Itoa(page))
		}
		var answer map[string]json.RawMessage
		if err := c.call(ctx, http.MethodGet, "/"+collection, q, nil, &answer); err != nil {
			return "", false, err
		}
		records, err := recordsOf(answer, collection)
		if err != nil {
			return "", false, &ledgersync.PlatformError{Kind: ledgersync.PlatformUnavailable,
				Message: "GET /" + collection + ": the answer is not the JSON expected"}
		}
		for i := range records {
			if !l.match(&records[i]) {
				continue
			}
			if found != "" {
				return "", false, &ledgersync.PlatformError{Kind: ledgersync.PlatformAmbiguous,
					Message: "more than one record in " + collection + " matches the document"}
			}
			found = records[i].id(collection)
		}
		if found != "" || !l.paged || len(records) < findPageSize {
			return found, found != "", nil
		}
	}
}

// targetID is the id of the invoice, bill or credit note a payment
// applies to; one that is not there is refused as the platform would.
func (c *connector) targetID(ctx context.Context, k tradeKind, number string) (string, error) {
	id, found, err := c.lookup(ctx, k.collection, tradeLookup(k, number))
	if err != nil || found {
		return id, err
	}
	noun := map[string]string{"ACCREC": "Invoice", "ACCPAY": "Bill", "ACCRECCREDIT": "Credit note", "ACCPAYCREDIT": "Supplier credit note"}[k.typ]
	return "", &ledgersync.PlatformError{Kind: ledgersync.PlatformRejected,
		Message: fmt.Sprintf("%s %s does not exist.", noun, number)}
}
