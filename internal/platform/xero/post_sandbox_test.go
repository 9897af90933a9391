package xero

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// postLedger is the Sandbox's export, as far as these tests read it.
type postLedger struct {
	Invoices, CreditNotes, Payments []map[string]any
	BankTransactions, BankTransfers []map[string]any
	ManualJournals                  []map[string]any
}

// exportLedger returns the organisation's ledger, and its whole export as
// JSON for comparisons.
func exportLedger(t *testing.T, b *sandboxBench) (postLedger, []byte) {
	t.Helper()
	v, err := b.sandbox.Export(context.Background(), b.org.TenantID)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var l postLedger
	if err := json.Unmarshal(raw, &l); err != nil {
		t.Fatal(err)
	}
	return l, raw
}

// field reads a text field at a path of an exported record.
func field(m map[string]any, path ...string) string {
	var v any = m
	for _, p := range path {
		inner, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = inner[p]
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// summarise describes each record in one line.
func summarise(records []map[string]any, describe func(map[string]any) string) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = describe(r)
	}
	return out
}

// tradeLine is "type number subtotal+tax=total status".
func tradeLine(r map[string]any) string {
	return fmt.Sprintf("%s %s %s+%s=%s %s", field(r, "Type"), field(r, "InvoiceNumber")+field(r, "CreditNoteNumber"),
		field(r, "SubTotal"), field(r, "TotalTax"), field(r, "Total"), field(r, "Status"))
}

// paymentLine is "reference amount account → number paid".
func paymentLine(r map[string]any) string {
	return fmt.Sprintf("%s %s %s → %s", field(r, "Reference"), field(r, "Amount"), field(r, "Account", "AccountID"),
		field(r, "Invoice", "InvoiceNumber")+field(r, "CreditNote", "CreditNoteNumber"))
}

// bankLine is "type reference account total".
func bankLine(r map[string]any) string {
	return fmt.Sprintf("%s %s %s %s", field(r, "Type"), field(r, "Reference"), field(r, "BankAccount", "AccountID"), field(r, "Total"))
}

// transferLine is "reference from → to amount".
func transferLine(r map[string]any) string {
	return fmt.Sprintf("%s %s → %s %s", field(r, "Reference"), field(r, "FromBankAccount", "AccountID"),
		field(r, "ToBankAccount", "AccountID"), field(r, "Amount"))
}

// journalLine is "narration total: account amount/tax, …".
func journalLine(r map[string]any) string {
	lines, _ := r["JournalLines"].([]any)
	parts := make([]string, len(lines))
	for i, l := range lines {
		m, _ := l.(map[string]any)
		parts[i] = fmt.Sprintf("%s %s/%s", field(m, "AccountID"), field(m, "LineAmount"), field(m, "TaxAmount"))
	}
	return fmt.Sprintf("%s %s: %s", field(r, "Narration"), field(r, "Total"), strings.Join(parts, ", "))
}

// wantLines compares one collection's summaries, in order.
func wantLines(t *testing.T, collection string, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", collection, got, want)
	}
}

// mustPoster returns the connector's Poster.
func mustPoster(t *testing.T, c ledgersync.Connector) Poster {
	t.Helper()
	p, ok := AsPoster(c)
	if !ok {
		t.Fatalf("%T is not a Poster", c)
	}
	return p
}

// postCycle finds none of the documents, posts them in order, posts them
// again without changing the ledger, finds each under the id it was
// posted with, and finds none of them under another reference. It returns
// the ledger.
func postCycle(t *testing.T, b *sandboxBench, p Poster, docs []mapping.Document) postLedger {
	t.Helper()
	for i := range docs {
		wantFound(t, p, &docs[i], "")
	}
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = mustPost(t, p, &docs[i])
	}
	ledger, before := exportLedger(t, b)
	for i := range docs {
		if again := mustPost(t, p, &docs[i]); again != ids[i] {
			t.Errorf("%s posted again as %s, first as %s", docs[i].Reference, again, ids[i])
		}
	}
	if _, after := exportLedger(t, b); !bytes.Equal(before, after) {
		t.Errorf("posting the same documents again changed the ledger:\nbefore %s\nafter  %s", before, after)
	}
	for i := range docs {
		wantFound(t, p, &docs[i], ids[i])
		other := docs[i]
		other.Reference += "-ADJ9"
		wantFound(t, p, &other, "")
	}
	return ledger
}

// mustPost posts a document that must be accepted and returns its id.
func mustPost(t *testing.T, p Poster, doc *mapping.Document) string {
	t.Helper()
	got, err := p.Post(context.Background(), doc)
	if err != nil {
		t.Fatalf("Post %s %s: %v", doc.Kind, doc.Reference, err)
	}
	if got.PlatformID == "" {
		t.Fatalf("Post %s: no platform id", doc.Reference)
	}
	return got.PlatformID
}

// wantFound checks what Find says of a document: found under id, or not
// found when id is "".
func wantFound(t *testing.T, p Poster, doc *mapping.Document, id string) {
	t.Helper()
	got, found, err := p.Find(context.Background(), doc)
	switch {
	case err != nil:
		t.Errorf("Find %s: %v", doc.Reference, err)
	case found != (id != ""):
		t.Errorf("Find %s: found %v, want %v", doc.Reference, found, id != "")
	case found && got.PlatformID != id:
		t.Errorf("Find %s: id %s, posted as %s", doc.Reference, got.PlatformID, id)
	}
}

// TestPostWorkedExampleInvoiceMode posts SPEC §9.4 in invoice mode: the
// ledger holds the invoice, credit note, payments, refund, fee bill and
// credit with their payments, all settled, and the payout, which moves
// money from card clearing (not a bank account) and so is a journal.
func TestPostWorkedExampleInvoiceMode(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	l := postCycle(t, b, mustPoster(t, c), exampleDocuments(t, c))
	wantLines(t, "Invoices", summarise(l.Invoices, tradeLine),
		"ACCREC LS20240305-1-INV 87.50+11.00=98.50 PAID",
		"ACCPAY LS20240305-1-FEE 0.74+0.00=0.74 PAID")
	wantLines(t, "CreditNotes", summarise(l.CreditNotes, tradeLine),
		"ACCRECCREDIT LS20240305-1-CN 5.00+1.00=6.00 PAID",
		"ACCPAYCREDIT LS20240305-1-FEECN 0.09+0.00=0.09 PAID")
	wantLines(t, "Payments", summarise(l.Payments, paymentLine),
		"LS20240305-1-PAY-card 49.50 acc-1200 → LS20240305-1-INV",
		"LS20240305-1-PAY-cash 49.00 acc-1000 → LS20240305-1-INV",
		"LS20240305-1-RFD-card 6.00 acc-1200 → LS20240305-1-CN",
		"LS20240305-1-FEEPAY-card 0.74 acc-1200 → LS20240305-1-FEE",
		"LS20240305-1-FEERFD-card 0.09 acc-1200 → LS20240305-1-FEECN")
	wantLines(t, "ManualJournals", summarise(l.ManualJournals, journalLine),
		"ledgersync 2024-03-05 GBP Transfer LS20240305-1-XFR 40.00: acc-1010 40.00/0.00, acc-1200 -40.00/0.00")
	wantLines(t, "BankTransactions", summarise(l.BankTransactions, bankLine))
	wantLines(t, "BankTransfers", summarise(l.BankTransfers, transferLine))
	inv := l.Invoices[0]
	if field(inv, "Contact", "ContactID") != "cus-1" || field(inv, "DateString") != "2024-03-05T00:00:00" ||
		field(inv, "DueDateString") != "2024-03-05T00:00:00" || field(inv, "LineAmountTypes") != "Exclusive" {
		t.Errorf("invoice contact, dates or amount types: %v", inv)
	}
	if n := len(inv["LineItems"].([]any)); n != 4 {
		t.Errorf("the invoice has %d lines, want 4", n)
	}
}

// TestPostWorkedExampleJournalMode posts SPEC §9.4 in journal mode: one
// balanced journal of 145.33, tax on its sales and refund lines.
func TestPostWorkedExampleJournalMode(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	l := postCycle(t, b, mustPoster(t, c), exampleDocuments(t, c, journalEntries))
	wantLines(t, "ManualJournals", summarise(l.ManualJournals, journalLine),
		"ledgersync 2024-03-05 GBP LS20240305-1-JNL 145.33: "+strings.Join([]string{
			"acc-4000 -6.00/0.00", "acc-4000 -55.00/-11.00", "acc-2110 -1.50/0.00", "acc-2100 -25.00/0.00",
			"acc-4010 5.00/1.00", "acc-1200 49.50/0.00", "acc-1000 49.00/0.00", "acc-1200 -6.00/0.00",
			"acc-6100 0.74/0.00", "acc-1200 -0.74/0.00", "acc-6100 -0.09/0.00", "acc-1200 0.09/0.00",
			"acc-1010 40.00/0.00", "acc-1200 -40.00/0.00"}, ", "))
	if n := len(l.Invoices) + len(l.CreditNotes) + len(l.Payments) + len(l.BankTransactions) + len(l.BankTransfers); n != 0 {
		t.Errorf("journal mode wrote %d other documents", n)
	}
	if j := l.ManualJournals[0]; field(j, "Status") != "POSTED" || field(j, "LineAmountTypes") != "Exclusive" {
		t.Errorf("journal status %s, amount types %s", field(j, "Status"), field(j, "LineAmountTypes"))
	}
}

// TestPostFeesThroughClearing posts the example with fees on a bank
// account: the mapping writes spend and receive money through card
// clearing, which is no bank account, so they are journals with the same
// effect.
func TestPostFeesThroughClearing(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	docs := exampleDocuments(t, c, feesOnBank)
	kinds := map[mapping.Kind]int{}
	for _, d := range docs {
		kinds[d.Kind]++
	}
	if kinds[mapping.KindSpendMoney] != 1 || kinds[mapping.KindReceiveMoney] != 1 {
		t.Fatalf("the mapping wrote %v, want one spend and one receive money", kinds)
	}
	l := postCycle(t, b, mustPoster(t, c), docs)
	wantLines(t, "ManualJournals", summarise(l.ManualJournals, journalLine),
		"ledgersync 2024-03-05 GBP Spend money LS20240305-1-FEEPAY-card 0.74: acc-1010 0.74/0.00, acc-1200 -0.74/0.00",
		"ledgersync 2024-03-05 GBP Receive money LS20240305-1-FEERFD-card 0.09: acc-1010 -0.09/0.00, acc-1200 0.09/0.00",
		"ledgersync 2024-03-05 GBP Transfer LS20240305-1-XFR 40.00: acc-1010 40.00/0.00, acc-1200 -40.00/0.00")
	wantLines(t, "BankTransactions", summarise(l.BankTransactions, bankLine))
}

// TestPostBankDocuments posts spend and receive money through a bank
// account, and a transfer between two, as Xero's bank transactions and
// bank transfer.
func TestPostBankDocuments(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	spend := handDocument(mapping.KindSpendMoney, "LS20240305-1-FEEPAY-card")
	spend.Contact, spend.AccountID = "sup-1", "acc-1010"
	spend.Lines = []mapping.Line{{Bucket: mapping.BucketFees, AccountID: "acc-6100", Description: "Payment fees", Net: ledgersync.MustAmount("0.74")}}
	spend.Total = spend.Lines[0].Gross()
	receive := *spend
	receive.Kind, receive.Reference, receive.IdempotencyKey = mapping.KindReceiveMoney, "LS20240305-1-FEERFD-card", spend.IdempotencyKey+"r"
	receive.Lines = []mapping.Line{{Bucket: mapping.BucketFeeRefunds, AccountID: "acc-6100", Description: "Fee refunds", Net: ledgersync.MustAmount("0.09")}}
	receive.Total = receive.Lines[0].Gross()
	transfer := handDocument(mapping.KindTransfer, "LS20240305-1-XFR")
	transfer.FromAccountID, transfer.ToAccountID, transfer.Total = "acc-1000", "acc-1010", ledgersync.MustAmount("12.00")
	l := postCycle(t, b, mustPoster(t, c), []mapping.Document{*spend, receive, *transfer})
	wantLines(t, "BankTransactions", summarise(l.BankTransactions, bankLine),
		"SPEND LS20240305-1-FEEPAY-card acc-1010 0.74",
		"RECEIVE LS20240305-1-FEERFD-card acc-1010 0.09")
	wantLines(t, "BankTransfers", summarise(l.BankTransfers, transferLine),
		"LS20240305-1-XFR acc-1000 → acc-1010 12.00")
	wantLines(t, "ManualJournals", summarise(l.ManualJournals, journalLine))
}

// TestPostSplitPayment posts a payment applied to two invoices as two
// Xero payments, {reference}/1 and /2, each with its own key.
func TestPostSplitPayment(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	older := handInvoice("LS20240304-1-INV", "acc-4000", "10.00", "2.00")
	own := handInvoice("LS20240305-1-INV", "acc-4000", "5.00", "1.00")
	pay := handDocument(mapping.KindPayment, "LS20240305-1-PAY-card")
	pay.Contact, pay.AccountID, pay.Total = "cus-1", "acc-1200", ledgersync.MustAmount("15.00")
	pay.Applies = []mapping.Allocation{
		{Reference: own.Reference, Kind: mapping.KindInvoice, Amount: ledgersync.MustAmount("6.00")},
		{Reference: older.Reference, Kind: mapping.KindInvoice, Amount: ledgersync.MustAmount("9.00")},
	}
	l := postCycle(t, b, mustPoster(t, c), []mapping.Document{*older, *own, *pay})
	wantLines(t, "Invoices", summarise(l.Invoices, tradeLine),
		"ACCREC LS20240304-1-INV 10.00+2.00=12.00 AUTHORISED",
		"ACCREC LS20240305-1-INV 5.00+1.00=6.00 PAID")
	wantLines(t, "Payments", summarise(l.Payments, paymentLine),
		"LS20240305-1-PAY-card/1 6.00 acc-1200 → LS20240305-1-INV",
		"LS20240305-1-PAY-card/2 9.00 acc-1200 → LS20240304-1-INV")
	got, _, err := mustPoster(t, c).Find(context.Background(), pay)
	if err != nil || strings.Count(got.PlatformID, ",") != 1 {
		t.Errorf("Find split payment = %+v, %v; want two ids", got, err)
	}
}

// TestPostRefused checks that the platform's refusals come back as
// PlatformRejected with its message, and that a refused document is not
// found.
func TestPostRefused(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	c := b.granted(t)
	p := mustPoster(t, c)
	mustPost(t, p, handInvoice("LS20240305-1-INV", "acc-4000", "10.00", "2.00"))
	archivedCustomer := handInvoice("LS20240305-2-INV", "acc-4000", "10.00", "2.00")
	archivedCustomer.Contact = "cus-2"
	overpaid := handDocument(mapping.KindPayment, "LS20240305-1-PAY-card")
	overpaid.AccountID, overpaid.Total = "acc-1200", ledgersync.MustAmount("20.00")
	overpaid.Applies = []mapping.Allocation{{Reference: "LS20240305-1-INV", Kind: mapping.KindInvoice, Amount: overpaid.Total}}
	unpaid := *overpaid
	unpaid.Reference, unpaid.Applies = "LS20240305-3-PAY-card", []mapping.Allocation{{Reference: "LS20240305-3-INV", Kind: mapping.KindInvoice, Amount: overpaid.Total}}
	unbalanced := handDocument(mapping.KindJournal, "LS20240305-4-JNL")
	unbalanced.Narration = "ledgersync 2024-03-05 GBP"
	unbalanced.Lines = []mapping.Line{{AccountID: "acc-1200", Net: ledgersync.MustAmount("10.00")}, {AccountID: "acc-4000", Net: ledgersync.MustAmount("-9.00")}}
	tests := []struct {
		doc     *mapping.Document
		status  int
		message string
	}{
		{handInvoice("LS20240305-5-INV", "acc-4999", "10.00", "2.00"), http.StatusBadRequest, `Line 1: account "Old sales" (4999) is archived.`},
		{archivedCustomer, http.StatusBadRequest, `Contact "Old customer" (cus-2) is archived.`},
		{overpaid, http.StatusBadRequest, "Payment amount 20.00 is more than the 12.00 due on Invoice LS20240305-1-INV."},
		{&unpaid, 0, "Invoice LS20240305-3-INV does not exist."},
		{unbalanced, http.StatusBadRequest, "The journal does not balance: debits 10.00, credits 9.00."},
	}
	for _, tt := range tests {
		_, err := p.Post(context.Background(), tt.doc)
		pe := assertKind(t, err, ledgersync.PlatformRejected)
		if pe.Message != tt.message || pe.Status != tt.status {
			t.Errorf("Post %s refused with %d %q, want %d %q", tt.doc.Reference, pe.Status, pe.Message, tt.status, tt.message)
		}
		wantFound(t, p, tt.doc, "")
	}
}

// TestFindAmbiguous checks that a lookup finding two journals with the
// reference does not pick one: the write cannot be reconciled.
func TestFindAmbiguous(t *testing.T) {
	t.Parallel()
	b := newSandboxBench(t)
	p := mustPoster(t, b.granted(t))
	jnl := handDocument(mapping.KindJournal, "LS20240305-1-JNL")
	jnl.Narration = "ledgersync 2024-03-05 GBP"
	jnl.Lines = []mapping.Line{{AccountID: "acc-1200", Net: ledgersync.MustAmount("10.00")}, {AccountID: "acc-4000", Net: ledgersync.MustAmount("-10.00")}}
	mustPost(t, p, jnl)
	twin := *jnl
	twin.IdempotencyKey += "-twin" // written again, as by another tool
	mustPost(t, p, &twin)
	_, found, err := p.Find(context.Background(), jnl)
	if found {
		t.Fatalf("Find picked one of two documents with the reference")
	}
	assertKind(t, err, ledgersync.PlatformAmbiguous)
}
