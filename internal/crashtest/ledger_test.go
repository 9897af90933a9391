package crashtest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// ledger is the part of a `sandbox export` the checks read.
type ledger struct {
	raw              string
	Invoices         []document
	CreditNotes      []document
	Payments         []document
	BankTransactions []document
	BankTransfers    []document
	ManualJournals   []document
}

// document holds the fields that identify a written document and say
// what it amounts to.
type document struct {
	Type, PaymentType, Status       string
	InvoiceNumber, CreditNoteNumber string
	Reference, Narration            string
	Total, Amount                   json.Number
}

// reference finds a ledgersync reference in a journal's narration.
var reference = regexp.MustCompile(`LS\d{8}-[^ ]+`)

// ref is the document's ledgersync reference.
func (d *document) ref() string {
	switch {
	case d.InvoiceNumber != "":
		return d.InvoiceNumber
	case d.CreditNoteNumber != "":
		return d.CreditNoteNumber
	case d.Reference != "":
		return d.Reference
	}
	return reference.FindString(d.Narration)
}

// entry is one document of the ledger, by collection and reference.
type entry struct {
	collection, ref string
	doc             document
}

// what a document amounts to, compared with the uncrashed run's.
func (e entry) what() string {
	total := e.doc.Total
	if total == "" {
		total = e.doc.Amount
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s %s %s", e.doc.Type, e.doc.PaymentType, e.doc.Status, total))
}

// day is the business day in the reference, as yyyy-mm-dd.
func (e entry) day() string {
	if len(e.ref) < 10 {
		return ""
	}
	d := e.ref[2:10]
	return d[:4] + "-" + d[4:6] + "-" + d[6:]
}

// entries lists the ledger's documents.
func (l *ledger) entries() []entry {
	var out []entry
	for _, c := range []struct {
		name string
		docs []document
	}{{"Invoices", l.Invoices}, {"CreditNotes", l.CreditNotes}, {"Payments", l.Payments},
		{"BankTransactions", l.BankTransactions}, {"BankTransfers", l.BankTransfers}, {"ManualJournals", l.ManualJournals}} {
		for _, d := range c.docs {
			out = append(out, entry{collection: c.name, ref: d.ref(), doc: d})
		}
	}
	return out
}

// verdict is what a crashed run's ledger holds against the uncrashed one.
type verdict struct {
	duplicated int      // extra copies of a reference
	lost       int      // references missing
	unexpected int      // references the uncrashed run did not write
	differ     int      // references written with other amounts
	problems   []string // one line each
}

func (v *verdict) add(format string, args ...any) {
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
}

func (v *verdict) ok() bool {
	return v.duplicated == 0 && v.lost == 0 && v.unexpected == 0 && v.differ == 0 && len(v.problems) == 0
}

// compare checks got against want (the uncrashed run's ledger): every
// reference exactly once, with the same amounts.
func compare(want, got *ledger) verdict {
	var v verdict
	wanted := map[string]entry{}
	for _, e := range want.entries() {
		wanted[e.collection+" "+e.ref] = e
	}
	seen := map[string][]entry{}
	for _, e := range got.entries() {
		k := e.collection + " " + e.ref
		seen[k] = append(seen[k], e)
	}
	for _, k := range sortedKeys(seen) {
		es := seen[k]
		w, ok := wanted[k]
		switch {
		case !ok:
			v.unexpected += len(es)
			v.add("unexpected %s (%s) ×%d", k, es[0].what(), len(es))
			continue
		case len(es) > 1:
			v.duplicated += len(es) - 1
			v.add("duplicated %s ×%d", k, len(es))
		}
		if es[0].what() != w.what() {
			v.differ++
			v.add("%s is %q, want %q", k, es[0].what(), w.what())
		}
	}
	for _, k := range sortedKeys(wanted) {
		if _, ok := seen[k]; !ok {
			v.lost++
			v.add("lost %s (%s)", k, wanted[k].what())
		}
	}
	return v
}

// checkSource checks a ledger against the pushed data: each day's sales
// invoices (with their adjustments) total Σ(totalAmount − totalRefund +
// totalGratuity) of its orders, and its PAY- payments the Paid payments.
func checkSource(t *testing.T, l *ledger, sales, paid map[string]int64, v *verdict) {
	t.Helper()
	gotSales, gotPaid := map[string]int64{}, map[string]int64{}
	for _, e := range l.entries() {
		switch {
		case e.collection == "Invoices" && e.doc.Type == "ACCREC":
			gotSales[e.day()] += cents(t, e.doc.Total.String())
		case e.collection == "Payments" && strings.Contains(e.ref, "-PAY-"):
			gotPaid[e.day()] += cents(t, e.doc.Amount.String())
		}
	}
	for _, d := range days {
		if gotSales[d] != sales[d] {
			v.add("%s: sales invoices total %.2f, source %.2f", d, float64(gotSales[d])/100, float64(sales[d])/100)
		}
		if gotPaid[d] != paid[d] {
			v.add("%s: payments total %.2f, source %.2f", d, float64(gotPaid[d])/100, float64(paid[d])/100)
		}
	}
}

// checkPostings checks the postings ledger against the platform's: one
// entry per document written, every one of them posted.
func checkPostings(l *ledger, postings map[string]string, v *verdict) {
	written := map[string]bool{}
	for _, e := range l.entries() {
		written[e.ref] = true
		if _, ok := postings[e.ref]; !ok {
			v.add("%s %s is in no posting", e.collection, e.ref)
		}
	}
	for _, ref := range sortedKeys(postings) {
		if status := postings[ref]; status != ledgersync.PostingPosted || !written[ref] {
			v.add("posting %s is %s, written %t", ref, status, written[ref])
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
