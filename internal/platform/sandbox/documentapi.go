package sandbox

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// element is one document as the API reads and writes it.
type element interface {
	// prepare validates the element against the chart and completes it;
	// it returns the document to store, or nil with ValidationErrors set.
	prepare(ch *chart) *document
	// load overlays what changes after the write (status, amounts paid).
	load(d *document)
	fail(messages ...string)
	failed() bool
}

// docKind is one kind of document and its collection in the API.
type docKind struct {
	name       string // the kind column: "Invoice"
	collection string // the API collection: "Invoices"
	// numberLabel names the number a merchant sees, for duplicates.
	numberLabel string
	newElement  func() element
}

// documentKinds lists every document kind the API serves.
var documentKinds = []*docKind{
	{name: "Invoice", collection: "Invoices", numberLabel: "Invoice number", newElement: func() element { return &invoice{} }},
	{name: "CreditNote", collection: "CreditNotes", numberLabel: "Credit note number", newElement: func() element { return &creditNote{} }},
	{name: "Payment", collection: "Payments", newElement: func() element { return &payment{} }},
	{name: "BankTransaction", collection: "BankTransactions", newElement: func() element { return &bankTransaction{} }},
	{name: "ManualJournal", collection: "ManualJournals", newElement: func() element { return &manualJournal{} }},
	{name: "BankTransfer", collection: "BankTransfers", newElement: func() element { return &bankTransfer{} }},
}

// putDocuments creates documents: one element, or {"Invoices": […]}. All
// are written, or none.
func (s *Sandbox) putDocuments(k *docKind) apiHandler {
	return func(c *call) (*reply, error) {
		elements, err := decodeElements(c.body, k)
		if err != nil {
			return nil, err
		}
		ch, err := s.loadChart(c.r.Context(), c.org)
		if err != nil {
			return nil, err
		}
		docs := make([]*document, len(elements))
		for i, e := range elements {
			docs[i] = e.prepare(ch)
		}
		if refused := refusedOf(elements); refused != nil {
			return nil, refused
		}
		return s.commit(c, func(ctx context.Context, tx *sql.Tx) (*reply, error) {
			now := s.now()
			for i, d := range docs {
				// A microsecond apart, so a batch lists in the order sent.
				d.created = now.Add(time.Duration(i) * time.Microsecond)
				if err := s.storeElement(ctx, tx, c.org.ID, k, d, elements[i]); err != nil {
					return nil, err
				}
			}
			if refused := refusedOf(elements); refused != nil {
				return nil, refused
			}
			return s.ok(k.collection, elements)
		})
	}
}

// storeElement settles and inserts one prepared document.
func (s *Sandbox) storeElement(ctx context.Context, tx *sql.Tx, orgID string, k *docKind, d *document, e element) error {
	if d.settle != nil {
		why, err := d.settle(ctx, tx, s)
		if err != nil || len(why) > 0 {
			e.fail(why...)
			return err
		}
	}
	d.kind, d.updated = k.name, d.created
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	d.body = body
	stored, err := s.insertDocument(ctx, tx, orgID, d)
	if err == nil && !stored {
		e.fail(fmt.Sprintf("%s %s has already been used.", k.numberLabel, d.number))
	}
	e.load(d)
	return err
}

// refusedOf returns a ValidationException over the refused elements, or
// nil when none was.
func refusedOf(elements []element) error {
	var refused []any
	for _, e := range elements {
		if e.failed() {
			refused = append(refused, e)
		}
	}
	if refused == nil {
		return nil
	}
	return invalid(refused...)
}

// decodeElements reads a body holding one element or the collection.
func decodeElements(body []byte, k *docKind) ([]element, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, invalidMessage("The request has no body: send the " + k.collection + " to create.")
	}
	var wrapped map[string]json.RawMessage
	if err := json.Unmarshal(body, &wrapped); err != nil {
		return nil, invalidMessage("The request body is not a JSON object: " + err.Error())
	}
	raws := []json.RawMessage{body}
	for key, v := range wrapped {
		if strings.EqualFold(key, k.collection) {
			if err := json.Unmarshal(v, &raws); err != nil {
				return nil, invalidMessage(k.collection + " must be an array: " + err.Error())
			}
		}
	}
	out := make([]element, len(raws))
	for i, raw := range raws {
		out[i] = k.newElement()
		if err := json.Unmarshal(raw, out[i]); err != nil {
			return nil, invalidMessage(fmt.Sprintf("%s element %d could not be read: %v", k.collection, i+1, err))
		}
	}
	if len(out) == 0 {
		return nil, invalidMessage("The request has no " + k.collection + ".")
	}
	return out, nil
}

// getDocuments serves GET of a collection, filtered by Xero's query
// parameters (IDs, InvoiceNumbers, Statuses, where, page).
func (s *Sandbox) getDocuments(k *docKind) apiHandler {
	return func(c *call) (*reply, error) {
		f, err := parseFilter(c.r.URL.Query(), k.collection)
		if err != nil {
			return nil, err
		}
		docs, err := s.listDocuments(c.r.Context(), c.org.ID, k.name)
		if err != nil {
			return nil, err
		}
		items := []element{}
		for _, d := range docs {
			e, err := loadElement(k, d)
			if err != nil {
				return nil, err
			}
			if f.matches(e) {
				items = append(items, e)
			}
		}
		return s.ok(k.collection, paged(f, items))
	}
}

// getDocument serves GET of one document by id, or by number.
func (s *Sandbox) getDocument(k *docKind) apiHandler {
	return func(c *call) (*reply, error) {
		id := c.r.PathValue("id")
		number := ""
		if k.numberLabel != "" {
			number = id
		}
		d, err := s.findDocument(c.r.Context(), s.read, c.org.ID, k.name, id, number)
		if err != nil || d == nil {
			return nil, orNotFound(err)
		}
		e, err := loadElement(k, d)
		if err != nil {
			return nil, err
		}
		return s.ok(k.collection, []element{e})
	}
}

// loadElement decodes a stored document as its element.
func loadElement(k *docKind, d *document) (element, error) {
	e := k.newElement()
	if err := decodeBody(d, e); err != nil {
		return nil, err
	}
	e.load(d)
	return e, nil
}

func orNotFound(err error) error {
	if err != nil {
		return err
	}
	return errNotFound
}
