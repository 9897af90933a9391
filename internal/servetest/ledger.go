package servetest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// Ledger is the part of a `sandbox export` the checks read.
type Ledger struct {
	Raw              string `json:"-"`
	Invoices         []Document
	CreditNotes      []Document
	Payments         []Document
	BankTransactions []Document
	BankTransfers    []Document
	ManualJournals   []Document
}

// ParseLedger reads a `sandbox export`.
func ParseLedger(raw []byte) (*Ledger, error) {
	var l Ledger
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, err
	}
	l.Raw = string(raw)
	return &l, nil
}

// Document holds the fields that identify a written document and say
// what it amounts to.
type Document struct {
	Type, PaymentType, Status       string
	InvoiceNumber, CreditNoteNumber string
	Reference, Narration            string
	Total, Amount                   json.Number
}

// reference finds a ledgersync reference in a journal's narration.
var reference = regexp.MustCompile(`LS\d{8}-[^ ]+`)

// Ref is the document's ledgersync reference.
func (d *Document) Ref() string {
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

// Entry is one document of the ledger, by collection and reference.
type Entry struct {
	Collection, Ref string
	Doc             Document
}

// What a document amounts to, compared with the expected ledger's.
func (e Entry) What() string {
	total := e.Doc.Total
	if total == "" {
		total = e.Doc.Amount
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s %s %s", e.Doc.Type, e.Doc.PaymentType, e.Doc.Status, total))
}

// Day is the business day in the reference, as yyyy-mm-dd.
func (e Entry) Day() string {
	if len(e.Ref) < 10 {
		return ""
	}
	d := e.Ref[2:10]
	return d[:4] + "-" + d[4:6] + "-" + d[6:]
}

// Entries lists the ledger's documents.
func (l *Ledger) Entries() []Entry {
	var out []Entry
	for _, c := range []struct {
		name string
		docs []Document
	}{{"Invoices", l.Invoices}, {"CreditNotes", l.CreditNotes}, {"Payments", l.Payments},
		{"BankTransactions", l.BankTransactions}, {"BankTransfers", l.BankTransfers}, {"ManualJournals", l.ManualJournals}} {
		for _, d := range c.docs {
			out = append(out, Entry{Collection: c.name, Ref: d.Ref(), Doc: d})
		}
	}
	return out
}

// Verdict is what a ledger holds against the expected one.
type Verdict struct {
	Duplicated int      // extra copies of a reference
	Lost       int      // references missing
	Unexpected int      // references the expected ledger does not hold
	Differ     int      // references with other amounts or kinds
	Problems   []string // one line each
}

// Add records a problem.
func (v *Verdict) Add(format string, args ...any) {
	v.Problems = append(v.Problems, fmt.Sprintf(format, args...))
}

// OK reports whether nothing is wrong.
func (v *Verdict) OK() bool {
	return v.Duplicated == 0 && v.Lost == 0 && v.Unexpected == 0 && v.Differ == 0 && len(v.Problems) == 0
}

// Compare checks got against want (a ledger known to be right): every
// reference exactly once, with the same amounts.
func Compare(want, got *Ledger) Verdict {
	var v Verdict
	wanted := map[string]Entry{}
	for _, e := range want.Entries() {
		wanted[e.Collection+" "+e.Ref] = e
	}
	seen := map[string][]Entry{}
	for _, e := range got.Entries() {
		k := e.Collection + " " + e.Ref
		seen[k] = append(seen[k], e)
	}
	for _, k := range sortedKeys(seen) {
		es := seen[k]
		w, ok := wanted[k]
		switch {
		case !ok:
			v.Unexpected += len(es)
			v.Add("unexpected %s (%s) ×%d", k, es[0].What(), len(es))
			continue
		case len(es) > 1:
			v.Duplicated += len(es) - 1
			v.Add("duplicated %s ×%d", k, len(es))
		}
		if es[0].What() != w.What() {
			v.Differ++
			v.Add("%s is %q, want %q", k, es[0].What(), w.What())
		}
	}
	for _, k := range sortedKeys(wanted) {
		if _, ok := seen[k]; !ok {
			v.Lost++
			v.Add("lost %s (%s)", k, wanted[k].What())
		}
	}
	return v
}

// CheckSource checks a ledger against the pushed data: on each of the
// source's days, the sales invoices (with their adjustments) total
// Σ(totalAmount − totalRefund + totalGratuity) of its orders, and its
// PAY- payments the Paid payments. sales and paid are the day totals.
func CheckSource(t testing.TB, l *Ledger, days []string, sales, paid map[string]int64, v *Verdict) {
	t.Helper()
	gotSales, gotPaid := map[string]int64{}, map[string]int64{}
	for _, e := range l.Entries() {
		switch {
		case e.Collection == "Invoices" && e.Doc.Type == "ACCREC":
			gotSales[e.Day()] += Cents(t, e.Doc.Total.String())
		case e.Collection == "Payments" && strings.Contains(e.Ref, "-PAY-"):
			gotPaid[e.Day()] += Cents(t, e.Doc.Amount.String())
		}
	}
	for _, d := range days {
		if gotSales[d] != sales[d] {
			v.Add("%s: sales invoices total %s, source %s", d, centsText(gotSales[d]), centsText(sales[d]))
		}
		if gotPaid[d] != paid[d] {
			v.Add("%s: payments total %s, source %s", d, centsText(gotPaid[d]), centsText(paid[d]))
		}
	}
}

// CheckPostings checks the postings ledger (each reference's status)
// against the platform's: one entry per document written, every one of
// them posted.
func CheckPostings(l *Ledger, postings map[string]string, v *Verdict) {
	written := map[string]bool{}
	for _, e := range l.Entries() {
		written[e.Ref] = true
		if _, ok := postings[e.Ref]; !ok {
			v.Add("%s %s is in no posting", e.Collection, e.Ref)
		}
	}
	for _, ref := range sortedKeys(postings) {
		if status := postings[ref]; status != ledgersync.PostingPosted || !written[ref] {
			v.Add("posting %s is %s, written %t", ref, status, written[ref])
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

// centsText writes an amount in cents as a decimal: 1234 is "12.34".
func centsText(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
