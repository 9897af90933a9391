package sandbox

import (
	"fmt"
	"strings"
)

// lineItem is a line of an invoice, credit note or bank transaction.
type lineItem struct {
	LineItemID  string  `json:",omitempty"`
	Description string  `json:",omitempty"`
	Quantity    *amount `json:",omitempty"`
	UnitAmount  *amount `json:",omitempty"`
	AccountCode string  `json:",omitempty"`
	AccountID   string  `json:",omitempty"`
	TaxType     string  `json:",omitempty"`
	TaxAmount   *amount `json:",omitempty"`
	LineAmount  *amount `json:",omitempty"`
}

// lined is what invoices, credit notes and bank transactions share: a
// contact, a date, and line items whose amounts add up.
type lined struct {
	Contact         contactRef
	Date            day
	DateString      string `json:",omitempty"`
	Status          string
	LineAmountTypes string
	LineItems       []lineItem
	SubTotal        *amount `json:",omitempty"`
	TotalTax        *amount `json:",omitempty"`
	Total           *amount `json:",omitempty"`
	CurrencyCode    string  `json:",omitempty"`
	UpdatedDateUTC  *msDate `json:",omitempty"`
	validated
}

// check validates the shared part and returns the document with the
// lines' postings: each line's net and tax amounts with lineSign (+1
// debit, -1 credit). Totals are computed, and must match when sent.
func (l *lined) check(ch *chart, lineSign int, statuses ...string) *document {
	if c, why := ch.contact(&l.Contact); c == nil {
		l.fail(why)
	}
	l.fail(nonEmpty(ch.checkDate(&l.Date, "Date"),
		oneOf(&l.Status, "Status", statuses[0], statuses...),
		oneOf(&l.LineAmountTypes, "LineAmountTypes", "Exclusive", "Exclusive", "NoTax"))...)
	if l.CurrencyCode != "" && l.CurrencyCode != ch.org.BaseCurrency {
		l.fail(fmt.Sprintf("CurrencyCode %s is not supported: the organisation's currency is %s.", l.CurrencyCode, ch.org.BaseCurrency))
	}
	if len(l.LineItems) == 0 {
		l.fail("At least one line item is required.")
	}
	d := &document{status: l.Status, date: string(l.Date), contactID: l.Contact.ContactID}
	for i := range l.LineItems {
		l.fail(l.checkLine(ch, i, lineSign, d)...)
	}
	l.fail(nonEmpty(matchTotal("SubTotal", l.SubTotal, d.subTotal, "the sum of the line amounts"),
		matchTotal("TotalTax", l.TotalTax, d.totalTax, "the sum of the tax amounts"),
		matchTotal("Total", l.Total, d.subTotal.add(d.totalTax), "SubTotal + TotalTax"))...)
	l.SubTotal, l.TotalTax, l.Total = d.subTotal.ptr(), d.totalTax.ptr(), d.subTotal.add(d.totalTax).ptr()
	d.total = *l.Total
	l.CurrencyCode, l.DateString = ch.org.BaseCurrency, l.Date.dateString()
	return d
}

// checkLine validates line i, completes its computed amounts, and adds
// them to the document's totals and postings.
func (l *lined) checkLine(ch *chart, i, lineSign int, d *document) []string {
	li := &l.LineItems[i]
	var why []string
	a, bad := ch.account(li.AccountID, li.AccountCode)
	if a != nil && a.Type == "BANK" {
		bad = fmt.Sprintf("account %s is a bank account, which cannot be used on a line", a.label())
	}
	why = appendLine(why, i, bad)
	if a != nil {
		li.AccountID, li.AccountCode = a.AccountID, a.Code
		if li.TaxType == "" {
			li.TaxType = a.TaxType
		}
	}
	if a == nil && li.TaxType == "" {
		return why
	}
	rate, bad := ch.taxRate(li.TaxType)
	why = appendLine(why, i, bad)
	why = appendLine(why, i, li.checkAmounts(rate, l.LineAmountTypes))
	if len(why) > 0 || a == nil || rate == nil {
		return why
	}
	d.subTotal, d.totalTax = d.subTotal.add(*li.LineAmount), d.totalTax.add(*li.TaxAmount)
	d.post(a.AccountID, li.Description, li.LineAmount.signed(lineSign))
	d.post(rate.accountID, li.Description+" (tax)", li.TaxAmount.signed(lineSign))
	return nil
}

// checkAmounts checks LineAmount = Quantity × UnitAmount rounded to pence
// and fills what is missing; the tax defaults to the rate's.
func (li *lineItem) checkAmounts(rate *taxRate, lineAmountTypes string) string {
	if li.Quantity == nil {
		li.Quantity = dec("1").ptr()
	}
	if li.UnitAmount == nil {
		if li.LineAmount == nil || !li.Quantity.Equal(dec("1").Decimal) {
			return "UnitAmount is required"
		}
		li.UnitAmount = li.LineAmount
	}
	net := amount{li.Quantity.Mul(li.UnitAmount.Decimal)}.money()
	if li.LineAmount != nil && !li.LineAmount.Equal(net.Decimal) {
		return fmt.Sprintf("LineAmount %s does not equal Quantity × UnitAmount (%s × %s = %s)",
			li.LineAmount.text(), li.Quantity.text(), li.UnitAmount.text(), net.text())
	}
	li.LineAmount = net.ptr()
	if lineAmountTypes == "NoTax" {
		if li.TaxAmount != nil && !li.TaxAmount.IsZero() {
			return "TaxAmount must be zero when LineAmountTypes is NoTax"
		}
		li.TaxAmount = amount{}.ptr()
	}
	if li.TaxAmount == nil && rate != nil {
		li.TaxAmount = net.percent(rate.EffectiveRate).ptr()
	}
	if li.TaxAmount != nil && !li.TaxAmount.Equal(li.TaxAmount.money().Decimal) {
		return fmt.Sprintf("TaxAmount %s has more than two decimals", li.TaxAmount.text())
	}
	return ""
}

// appendLine adds a line's message, naming the line.
func appendLine(why []string, i int, msg string) []string {
	if msg == "" {
		return why
	}
	return append(why, fmt.Sprintf("Line %d: %s.", i+1, msg))
}

// matchTotal checks a total the client sent against the computed one.
func matchTotal(field string, sent *amount, want amount, what string) string {
	if sent == nil || sent.Equal(want.Decimal) {
		return ""
	}
	return fmt.Sprintf("%s %s does not equal %s (%s).", field, sent.text(), what, want.text())
}

// nonEmpty keeps the messages that say something.
func nonEmpty(messages ...string) []string {
	var out []string
	for _, m := range messages {
		if strings.TrimSpace(m) != "" {
			out = append(out, m)
		}
	}
	return out
}
