package xero

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// Posted is what the platform kept: its id for the document.
type Posted struct {
	// PlatformID is the id of the record the document was written as. A
	// payment applied to several documents is written as one Xero payment
	// per allocation: their ids, in the order of the allocations, joined
	// by commas.
	PlatformID string
}

// Poster writes the mapping's documents (SPEC §9.5) and finds them again
// when the outcome of a write is unknown. The connectors of this package
// implement it.
type Poster interface {
	// Post writes one document. Each request carries an Idempotency-Key
	// derived from doc.IdempotencyKey, so a retried request is replayed,
	// not duplicated.
	Post(ctx context.Context, doc *mapping.Document) (*Posted, error)
	// Find looks a document up by its reference: found is false when it
	// was never written, or only partly (post it again: the parts written
	// are replayed by their keys).
	Find(ctx context.Context, doc *mapping.Document) (posted *Posted, found bool, err error)
}

var _ Poster = (*connector)(nil)

// AsPoster returns the Poster behind a connector of this package; ok is
// false for any other connector.
func AsPoster(c ledgersync.Connector) (p Poster, ok bool) {
	p, ok = c.(Poster)
	return p, ok
}

// part is one record a document is written as: most documents are one,
// a payment is one per allocation.
type part struct {
	// collection is the API collection, such as "Invoices".
	collection string
	// key is the request's Idempotency-Key.
	key string
	// render builds the request body; it may read the platform, as a
	// payment reads the id of what it pays.
	render func(ctx context.Context) (any, error)
	// find recognises the record among the collection's.
	find lookup
}

// Post writes one document (SPEC §9.5). A refusal is a *PlatformError of
// kind PlatformRejected quoting the platform's message.
func (c *connector) Post(ctx context.Context, doc *mapping.Document) (*Posted, error) {
	parts, err := c.plan(ctx, doc)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(parts))
	for _, p := range parts {
		body, err := p.render(ctx)
		if err != nil {
			return nil, err
		}
		id, err := c.put(ctx, p.collection, p.key, body)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return &Posted{PlatformID: strings.Join(ids, ",")}, nil
}

// Find looks a document up by its reference, for a write whose outcome
// is unknown: found is false when it was never written.
func (c *connector) Find(ctx context.Context, doc *mapping.Document) (*Posted, bool, error) {
	parts, err := c.plan(ctx, doc)
	if err != nil {
		return nil, false, err
	}
	ids := make([]string, 0, len(parts))
	for _, p := range parts {
		id, found, err := c.lookup(ctx, p.collection, p.find)
		if err != nil || !found {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	return &Posted{PlatformID: strings.Join(ids, ",")}, true, nil
}

// plan decides what a document is written as. Spend and receive money
// through an account that is not a bank account, and transfers that do not
// join two bank accounts, become manual journals with the same effect:
// Xero refuses them as bank transactions or bank transfers.
func (c *connector) plan(ctx context.Context, doc *mapping.Document) ([]part, error) {
	switch doc.Kind {
	case mapping.KindInvoice, mapping.KindCreditNote, mapping.KindFeeBill, mapping.KindFeeCredit:
		return tradeParts(doc)
	case mapping.KindPayment, mapping.KindRefundPayment, mapping.KindFeeBillPayment, mapping.KindFeeCreditRefund:
		return c.paymentParts(doc)
	case mapping.KindSpendMoney, mapping.KindReceiveMoney:
		return c.moneyParts(ctx, doc)
	case mapping.KindTransfer:
		return c.transferParts(ctx, doc)
	case mapping.KindJournal:
		return journalParts(doc, journalNarration(doc), doc.Lines), nil
	}
	return nil, fmt.Errorf("xero: %s %s: no way to post this kind of document", doc.Kind, doc.Reference)
}

// only is a plan of one part rendered from a fixed body.
func only(collection string, doc *mapping.Document, body any, find lookup) []part {
	return []part{{collection: collection, key: doc.IdempotencyKey, find: find,
		render: func(context.Context) (any, error) { return body, nil }}}
}

// allocationPart names the nth of n allocations (from 0): the reference
// and Idempotency-Key of its payment. A payment of one allocation keeps
// the document's; several get {reference}/{n} and the SHA-256 of
// {key}/{n}, counting from 1.
func allocationPart(doc *mapping.Document, i int) (reference, key string) {
	if len(doc.Applies) == 1 {
		return doc.Reference, doc.IdempotencyKey
	}
	n := strconv.Itoa(i + 1)
	sum := sha256.Sum256([]byte(doc.IdempotencyKey + "/" + n))
	return doc.Reference + "/" + n, hex.EncodeToString(sum[:])
}

// put creates one record with an Idempotency-Key and returns its id.
func (c *connector) put(ctx context.Context, collection, key string, body any) (string, error) {
	path := "/" + collection
	var answer map[string]json.RawMessage
	if err := c.keyedCall(ctx, http.MethodPut, path, key, body, &answer); err != nil {
		return "", err
	}
	records, err := recordsOf(answer, collection)
	if err != nil || len(records) == 0 {
		return "", &ledgersync.PlatformError{Kind: ledgersync.PlatformUnavailable, Message: "PUT " + path + ": no record in the answer"}
	}
	r := records[0]
	if msg := r.refusal(); msg != "" {
		return "", &ledgersync.PlatformError{Kind: ledgersync.PlatformRejected, Message: msg, Status: http.StatusOK}
	}
	return r.id(collection), nil
}

// keyedCall is call with an Idempotency-Key header, for writes.
func (c *connector) keyedCall(ctx context.Context, method, path, key string, in, out any) error {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	tok, err := c.tokens.Token(ctx)
	if err != nil {
		return fmt.Errorf("xero: token: %w", err)
	}
	req, err := c.platform.apiRequest(ctx, method, path, nil, in)
	if err != nil {
		return fmt.Errorf("xero: %s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("xero-tenant-id", tok.TenantID)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	return redact(c.platform.send(req, out), tok.AccessToken)
}
