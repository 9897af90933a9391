package sandbox

import (
	"fmt"
	"testing"
)

// paymentJSON pays amount of the invoice into the account.
func paymentJSON(invoice, account, amount, reference string) string {
	return fmt.Sprintf(`{"Invoice":{"InvoiceNumber":%q},"Account":{"Code":%q},"Date":"2024-03-06","Amount":%s,"Reference":%q}`,
		invoice, account, amount, reference)
}

func TestPayments(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		for _, inv := range []string{invoiceJSON("INV-1", "AUTHORISED", ""), invoiceJSON("INV-D", "DRAFT", "")} {
			if status, body := h.api(t, tok, "PUT", "/Invoices", inv); status != 200 {
				t.Fatalf("invoice: %d %s", status, body)
			}
		}
		status, body := h.api(t, tok, "PUT", "/Payments", paymentJSON("INV-1", "1200", "100", "card-0305"))
		p := first(t, status, body, "Payments")
		checkFields(t, p, map[string]any{"Amount": 100.0, "PaymentType": "ACCRECPAYMENT", "Status": "AUTHORISED", "Reference": "card-0305"})
		status, body = h.api(t, tok, "GET", "/Invoices/INV-1", "")
		checkFields(t, first(t, status, body, "Invoices"), map[string]any{"AmountPaid": 100.0, "AmountDue": 30.0, "Status": "AUTHORISED"})
		checkRefusals(t, h, tok, "/Payments", []refusal{
			{"overpayment", paymentJSON("INV-1", "1200", "30.01", "x"), "Payment amount 30.01 is more than the 30.00 due on Invoice INV-1."},
			{"draft invoice", paymentJSON("INV-D", "1200", "1", "x"), "Invoice INV-D is DRAFT: payments can only be made against AUTHORISED documents."},
			{"unknown invoice", paymentJSON("INV-9", "1200", "1", "x"), "Invoice INV-9 does not exist."},
			{"account without payments", paymentJSON("INV-1", "4000", "1", "x"), `Account "Sales" (4000) cannot take payments`},
			{"archived account", paymentJSON("INV-1", "4999", "1", "x"), `account "Old sales" (4999) is archived`},
			{"zero amount", paymentJSON("INV-1", "1000", "0", "x"), "Amount must be more than zero."},
			{"nothing paid", `{"Account":{"Code":"1000"},"Amount":1}`, "A payment needs an Invoice"},
		})
		status, body = h.api(t, tok, "PUT", "/Payments", paymentJSON("INV-1", "1000", "30", "cash-0306"))
		first(t, status, body, "Payments")
		status, body = h.api(t, tok, "GET", "/Invoices/INV-1", "")
		checkFields(t, first(t, status, body, "Invoices"), map[string]any{"AmountDue": 0.0, "Status": "PAID"})
		status, body = h.api(t, tok, "GET", `/Payments?where=Reference=="cash-0306"`, "")
		if got := first(t, status, body, "Payments"); got["Amount"] != 30.0 {
			t.Errorf("payment by reference: %v", got)
		}
		checkRefusals(t, h, tok, "/Payments", []refusal{
			{"paid invoice", paymentJSON("INV-1", "1000", "1", "x"), "Invoice INV-1 is already paid in full."},
		})
	})
}

func TestRefundPayment(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", Options{})
	_, tok := h.newOrg(t)
	note := `{"Type":"ACCRECCREDIT","CreditNoteNumber":"CN-1","Status":"AUTHORISED","Contact":{"ContactID":"cus-1"},
		"LineItems":[{"Quantity":1,"UnitAmount":25,"AccountCode":"4010","TaxType":"tr-20"}]}`
	if status, body := h.api(t, tok, "PUT", "/CreditNotes", note); status != 200 {
		t.Fatalf("credit note: %d %s", status, body)
	}
	status, body := h.api(t, tok, "PUT", "/Payments", `{"CreditNote":{"CreditNoteNumber":"CN-1"},"Account":{"AccountID":"acc-1200"},"Amount":"30.00"}`)
	checkFields(t, first(t, status, body, "Payments"), map[string]any{"PaymentType": "ARCREDITPAYMENT"})
	status, body = h.api(t, tok, "GET", "/CreditNotes/CN-1", "")
	checkFields(t, first(t, status, body, "CreditNotes"), map[string]any{"RemainingCredit": 0.0, "Status": "PAID"})
}
