package sandbox

import (
	"testing"
)

func TestBankTransactions(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		spend := `{"Type":"SPEND","Contact":{"ContactID":"sup-1"},"BankAccount":{"Code":"1010"},"Date":"2024-03-05",
			"Reference":"fees-0305","LineItems":[{"Description":"Fees","Quantity":1,"UnitAmount":"2.50","AccountCode":"6100","TaxType":"tr-0"}]}`
		status, body := h.api(t, tok, "PUT", "/BankTransactions", spend)
		checkFields(t, first(t, status, body, "BankTransactions"), map[string]any{"Total": 2.5, "Status": "AUTHORISED", "Type": "SPEND"})
		status, body = h.api(t, tok, "GET", `/BankTransactions?where=Reference=="fees-0305"`, "")
		first(t, status, body, "BankTransactions")
		checkRefusals(t, h, tok, "/BankTransactions", []refusal{
			{"not a bank account", `{"Type":"RECEIVE","Contact":{"ContactID":"cus-1"},"BankAccount":{"Code":"1200"},
				"LineItems":[{"Quantity":1,"UnitAmount":1,"AccountCode":"4000"}]}`, `BankAccount "Card clearing" (1200) is not a bank account.`},
			{"no type", `{"Contact":{"ContactID":"cus-1"},"BankAccount":{"Code":"1000"},"LineItems":[{"UnitAmount":1,"AccountCode":"4000"}]}`,
				"Type is required: use RECEIVE or SPEND."},
			{"line does not add up", `{"Type":"RECEIVE","Contact":{"ContactID":"cus-1"},"BankAccount":{"Code":"1000"},
				"LineItems":[{"Quantity":3,"UnitAmount":"0.333","LineAmount":"0.99","AccountCode":"4000"}]}`,
				"Line 1: LineAmount 0.99 does not equal Quantity × UnitAmount (3.00 × 0.333 = 1.00)."},
		})
	})
}

func TestBankTransfers(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		status, body := h.api(t, tok, "PUT", "/BankTransfers",
			`{"BankTransfers":[{"FromBankAccount":{"Code":"1000"},"ToBankAccount":{"AccountID":"acc-1010"},"Amount":"250.00","Date":"2024-03-05"}]}`)
		tr := first(t, status, body, "BankTransfers")
		if tr["Amount"] != 250.0 || tr["FromBankAccount"].(map[string]any)["Name"] != "Cash" {
			t.Errorf("transfer %v", tr)
		}
		status, body = h.api(t, tok, "GET", "/BankTransfers/"+tr["BankTransferID"].(string), "")
		first(t, status, body, "BankTransfers")
		checkRefusals(t, h, tok, "/BankTransfers", []refusal{
			{"from a clearing account", `{"FromBankAccount":{"Code":"1200"},"ToBankAccount":{"Code":"1010"},"Amount":1}`,
				`FromBankAccount "Card clearing" (1200) is not a bank account.`},
			{"same account", `{"FromBankAccount":{"Code":"1000"},"ToBankAccount":{"Code":"1000"},"Amount":1}`, "must be different accounts"},
			{"fractional pence", `{"FromBankAccount":{"Code":"1000"},"ToBankAccount":{"Code":"1010"},"Amount":1.001}`, "has more than two decimals"},
		})
	})
}
