package sandbox

import (
	"fmt"

	"github.com/google/uuid"
)

// journalLine is a line of a manual journal: a positive LineAmount is a
// debit, a negative one a credit. Its TaxAmount, of the same sign, posts
// to the tax rate's liability account.
type journalLine struct {
	Description string  `json:",omitempty"`
	LineAmount  *amount `json:",omitempty"`
	AccountCode string  `json:",omitempty"`
	AccountID   string  `json:",omitempty"`
	TaxType     string  `json:",omitempty"`
	TaxAmount   *amount `json:",omitempty"`
}

// manualJournal is a journal that must balance: its debits, tax included,
// equal its credits.
type manualJournal struct {
	ManualJournalID string
	Narration       string
	Date            day
	DateString      string `json:",omitempty"`
	Status          string
	LineAmountTypes string
	JournalLines    []journalLine
	UpdatedDateUTC  *msDate `json:",omitempty"`
	validated
}

func (j *manualJournal) prepare(ch *chart) *document {
	if j.Narration == "" {
		j.fail("Narration is required.")
	}
	j.fail(nonEmpty(ch.checkDate(&j.Date, "Date"), oneOf(&j.Status, "Status", "DRAFT", "DRAFT", "POSTED"),
		oneOf(&j.LineAmountTypes, "LineAmountTypes", "NoTax", "NoTax", "Exclusive"))...)
	if len(j.JournalLines) < 2 {
		j.fail("A journal needs at least two lines.")
	}
	d := &document{status: j.Status, date: string(j.Date), reference: j.Narration}
	var debits, credits amount
	for i := range j.JournalLines {
		why := j.checkLine(ch, i, d)
		j.fail(why...)
		if len(why) == 0 {
			debits, credits = j.JournalLines[i].addTo(debits, credits)
		}
	}
	if !j.failed() && !debits.Equal(credits.Decimal) {
		j.fail(fmt.Sprintf("The journal does not balance: debits %s, credits %s.", debits.text(), credits.text()))
	}
	if j.failed() {
		return nil
	}
	j.ManualJournalID, j.DateString = uuid.NewString(), j.Date.dateString()
	d.id, d.subTotal, d.total = j.ManualJournalID, debits, debits
	return d
}

// checkLine validates line i and adds its postings to the document.
func (j *manualJournal) checkLine(ch *chart, i int, d *document) []string {
	l := &j.JournalLines[i]
	a, why := ch.account(l.AccountID, l.AccountCode)
	msgs := appendLine(nil, i, why)
	if l.LineAmount == nil || l.LineAmount.IsZero() {
		msgs = appendLine(msgs, i, "LineAmount is required and cannot be zero")
	}
	var rate *taxRate
	if l.TaxType != "" {
		rate, why = ch.taxRate(l.TaxType)
		msgs = appendLine(msgs, i, why)
	}
	if len(msgs) > 0 {
		return msgs
	}
	l.AccountID, l.AccountCode = a.AccountID, a.Code
	if l.TaxAmount == nil {
		l.TaxAmount = amount{}.ptr()
		if rate != nil && j.LineAmountTypes == "Exclusive" {
			l.TaxAmount = l.LineAmount.percent(rate.EffectiveRate).ptr()
		}
	}
	switch {
	case !l.TaxAmount.IsZero() && rate == nil:
		return appendLine(nil, i, "a TaxAmount needs a TaxType")
	case !l.TaxAmount.IsZero() && l.TaxAmount.Sign() != l.LineAmount.Sign():
		return appendLine(nil, i, "TaxAmount must have the same sign as LineAmount")
	}
	d.post(a.AccountID, l.Description, *l.LineAmount)
	if rate != nil {
		d.post(rate.accountID, l.Description+" (tax)", *l.TaxAmount)
	}
	return nil
}

// addTo adds the line, tax included, to the debits or the credits.
func (l *journalLine) addTo(debits, credits amount) (amount, amount) {
	gross := l.LineAmount.add(*l.TaxAmount)
	if gross.IsPositive() {
		return debits.add(gross), credits
	}
	return debits, credits.add(gross.neg())
}

func (j *manualJournal) load(d *document) {
	updated := msDate(d.updated)
	j.Status, j.UpdatedDateUTC = d.status, &updated
}
