package sandbox

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// first returns the first element of a 200 response's collection.
func first(t *testing.T, status int, body []byte, name string) map[string]any {
	t.Helper()
	var items []map[string]any
	collection(t, status, body, name, &items)
	if len(items) == 0 {
		t.Fatalf("no %s in %s", name, body)
	}
	return items[0]
}

// count returns how many elements a GET of the collection finds.
func (h *harness) count(t *testing.T, tok *ledgersync.Token, path, name string) int {
	t.Helper()
	var items []any
	status, body := h.api(t, tok, "GET", path, "")
	collection(t, status, body, name, &items)
	return len(items)
}

// invoiceJSON is a sales invoice: 2 × 50.00 of sales at 20% and 1 × 10.00
// of other income at 0%, so 110.00 + 20.00 tax = 130.00.
func invoiceJSON(number, status, extra string) string {
	return fmt.Sprintf(`{"Type":"ACCREC","InvoiceNumber":%q,"Status":%q,"Contact":{"ContactID":"cus-1"},
		"Date":"2024-03-05","DueDate":"2024-03-05","LineAmountTypes":"Exclusive",%s"LineItems":[
		{"Description":"Sales","Quantity":2,"UnitAmount":"50.00","AccountCode":"4000","TaxType":"tr-20","TaxAmount":20,"LineAmount":100},
		{"Description":"Other","Quantity":"1","UnitAmount":10,"AccountID":"acc-4100","TaxType":"tr-0"}]}`, number, status, extra)
}

// oneLine is a document of the type with one line on the account.
func oneLine(typ, contact, code, tax string) string {
	return fmt.Sprintf(`{"Type":%q,"Contact":{"ContactID":%q},"LineItems":[
		{"Quantity":1,"UnitAmount":10,"AccountCode":%q,"TaxType":%q}]}`, typ, contact, code, tax)
}

// refusal is a body and the message its refusal must contain.
type refusal struct{ name, body, want string }

// checkRefusals puts each body and checks that the 400 names the problem.
func checkRefusals(t *testing.T, h *harness, tok *ledgersync.Token, path string, tests []refusal) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := h.api(t, tok, "PUT", path, tc.body)
			msgs := validationMessages(t, status, body)
			if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("messages %q, want one containing %q", msgs, tc.want)
			}
		})
	}
}

// checkFields compares fields of a decoded element.
func checkFields(t *testing.T, got map[string]any, want map[string]any) {
	t.Helper()
	for field, w := range want {
		if got[field] != w {
			t.Errorf("%s = %v, want %v", field, got[field], w)
		}
	}
}

func TestInvoices(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		status, body := h.api(t, tok, "PUT", "/Invoices", invoiceJSON("INV-1", "AUTHORISED", `"SubTotal":110,"Total":"130.00",`))
		inv := first(t, status, body, "Invoices")
		checkFields(t, inv, map[string]any{"SubTotal": 110.0, "TotalTax": 20.0, "Total": 130.0, "AmountDue": 130.0,
			"Status": "AUTHORISED", "InvoiceNumber": "INV-1", "DateString": "2024-03-05T00:00:00", "CurrencyCode": "GBP"})
		if !strings.Contains(string(body), `"Total":130.00`) || !strings.HasPrefix(inv["Date"].(string), "/Date(1709596800000") {
			t.Errorf("amounts or dates not in Xero's form: %s", body)
		}
		id := inv["InvoiceID"].(string)
		for _, path := range []string{"/Invoices/" + id, "/Invoices/INV-1", "/Invoices?InvoiceNumbers=INV-1,INV-9",
			`/Invoices?where=Contact.ContactID==Guid("cus-1")`} {
			status, body := h.api(t, tok, "GET", path, "")
			if got := first(t, status, body, "Invoices"); got["InvoiceID"] != id {
				t.Errorf("GET %s = %v", path, got["InvoiceID"])
			}
		}
		if n := h.count(t, tok, "/Invoices?InvoiceNumbers=INV-9", "Invoices"); n != 0 {
			t.Errorf("InvoiceNumbers=INV-9 found %d", n)
		}
		line := func(code, tax string) string { return oneLine("ACCREC", "cus-1", code, tax) }
		checkRefusals(t, h, tok, "/Invoices", []refusal{
			{"duplicate number", invoiceJSON("INV-1", "AUTHORISED", ""), "Invoice number INV-1 has already been used."},
			{"line does not add up", strings.Replace(invoiceJSON("INV-2", "DRAFT", ""), `"LineAmount":100`, `"LineAmount":99`, 1),
				"Line 1: LineAmount 99.00 does not equal Quantity × UnitAmount (2.00 × 50.00 = 100.00)."},
			{"total does not add up", invoiceJSON("INV-2", "DRAFT", `"Total":131,`), "Total 131.00 does not equal SubTotal + TotalTax (130.00)."},
			{"unknown account", line("9999", "tr-20"), "Line 1: account code 9999 does not exist."},
			{"archived account", line("4999", "tr-20"), `Line 1: account "Old sales" (4999) is archived.`},
			{"bank account on a line", line("1000", "tr-0"), `account "Cash" (1000) is a bank account`},
			{"unknown tax rate", line("4000", "tr-99"), "Line 1: tax rate tr-99 does not exist."},
			{"archived contact", oneLine("ACCREC", "cus-2", "4000", "tr-20"), `Contact "Old customer" (cus-2) is archived.`},
			{"unknown contact", oneLine("ACCREC", "cus-9", "4000", "tr-20"), "Contact cus-9 does not exist."},
			{"bad type", oneLine("SALE", "cus-1", "4000", "tr-20"), "Type SALE is not allowed here"},
			{"no lines", `{"Type":"ACCREC","Contact":{"ContactID":"cus-1"}}`, "At least one line item is required."},
			{"bad date", strings.Replace(invoiceJSON("INV-3", "DRAFT", ""), `"Date":"2024-03-05"`, `"Date":"05/03/2024"`, 1),
				`Date "05/03/2024" is not a valid date`},
			{"bad amount", strings.Replace(invoiceJSON("INV-3", "DRAFT", ""), `"UnitAmount":10`, `"UnitAmount":"ten"`, 1),
				`"ten" is not a decimal number`},
		})
		t.Run("a refused element stops the batch", func(t *testing.T) {
			batch := `{"Invoices":[` + invoiceJSON("INV-4", "DRAFT", "") + "," + line("9999", "tr-0") + `]}`
			status, body := h.api(t, tok, "PUT", "/Invoices", batch)
			validationMessages(t, status, body)
			if n := h.count(t, tok, "/Invoices?InvoiceNumbers=INV-4", "Invoices"); n != 0 {
				t.Errorf("INV-4 was written although its batch was refused")
			}
		})
	})
}

func TestCreditNotes(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		note := `{"Type":"ACCRECCREDIT","CreditNoteNumber":"CN-1","Status":"AUTHORISED","Contact":{"ContactID":"cus-1"},
			"Date":"2024-03-05","LineItems":[{"Description":"Refund","Quantity":1,"UnitAmount":25,"AccountCode":"4010","TaxType":"tr-20"}]}`
		status, body := h.api(t, tok, "PUT", "/CreditNotes", note)
		cn := first(t, status, body, "CreditNotes")
		checkFields(t, cn, map[string]any{"SubTotal": 25.0, "TotalTax": 5.0, "Total": 30.0, "RemainingCredit": 30.0,
			"CreditNoteNumber": "CN-1", "Status": "AUTHORISED"})
		status, body = h.api(t, tok, "GET", "/CreditNotes/CN-1", "")
		if got := first(t, status, body, "CreditNotes"); got["CreditNoteID"] != cn["CreditNoteID"] {
			t.Errorf("GET by number: %v", got)
		}
		checkRefusals(t, h, tok, "/CreditNotes", []refusal{
			{"duplicate number", note, "Credit note number CN-1 has already been used."},
			{"invoice type", oneLine("ACCREC", "cus-1", "4010", "tr-20"), "Type ACCREC is not allowed here; use ACCRECCREDIT or ACCPAYCREDIT."},
			{"archived account", oneLine("ACCRECCREDIT", "cus-1", "4999", "tr-20"), `account "Old sales" (4999) is archived`},
		})
	})
}
