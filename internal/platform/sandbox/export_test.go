package sandbox

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		org, tok := h.newOrg(t)
		for path, body := range map[string]string{
			"/Invoices": invoiceJSON("INV-1", "AUTHORISED", ""),
			"/ManualJournals": `{"Narration":"n","Status":"POSTED","JournalLines":[{"LineAmount":"10.50","AccountCode":"1200"},
				{"LineAmount":"-10.50","AccountCode":"4000"}]}`,
		} {
			if status, b := h.api(t, tok, "PUT", path, body); status != http.StatusOK {
				t.Fatalf("PUT %s: %d %s", path, status, b)
			}
		}
		v, err := h.sb.Export(context.Background(), org.TenantID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]json.RawMessage
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Accounts", "TaxRates", "Contacts", "Invoices", "CreditNotes", "Payments",
			"BankTransactions", "ManualJournals", "BankTransfers"} {
			if s := string(got[name]); !strings.HasPrefix(s, "[") {
				t.Errorf("%s is %s, want an array", name, s)
			}
		}
		if string(got["Payments"]) != "[]" || !strings.Contains(string(got["Organisation"]), `"Name":"Sandbox Trading Ltd"`) {
			t.Errorf("Payments %s, Organisation %s", got["Payments"], got["Organisation"])
		}
		var invoices []struct {
			SubTotal, TotalTax, Total string
			LineItems                 []struct{ LineAmount, TaxAmount string }
		}
		if err := json.Unmarshal(got["Invoices"], &invoices); err != nil || len(invoices) != 1 {
			t.Fatalf("Invoices: %v %s", err, got["Invoices"])
		}
		if inv := invoices[0]; inv.SubTotal != "110.00" || inv.TotalTax != "20.00" || inv.Total != "130.00" ||
			len(inv.LineItems) != 2 || inv.LineItems[0].LineAmount != "100.00" {
			t.Errorf("invoice %+v", inv)
		}
		if !strings.Contains(string(got["ManualJournals"]), `"Total":"10.50"`) {
			t.Errorf("ManualJournals %s", got["ManualJournals"])
		}
	})
}

func TestLedgerPageNeedsLogin(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		org, tok := h.newOrg(t)
		other, _ := h.newOrg(t)
		if status, b := h.api(t, tok, "PUT", "/Invoices", invoiceJSON("INV-1", "AUTHORISED", "")); status != http.StatusOK {
			t.Fatalf("invoice: %d %s", status, b)
		}
		page := "/sandbox/ledger/" + org.TenantID
		res, body := h.get(t, h.srv.URL+page)
		if strings.Contains(string(body), "INV-1") || !strings.Contains(string(body), `name="password"`) {
			t.Fatalf("ledger without signing in shows data or no login:\n%s", body)
		}
		checkPageHeaders(t, res)
		login := func(user, password string) *http.Response {
			res, _ := h.postForm(t, page, url.Values{"username": {user}, "password": {password}})
			return res
		}
		if res := login(org.Username, "wrong"); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("wrong password: %d", res.StatusCode)
		}
		if res := login(other.Username, other.Password); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("another organisation's credentials: %d", res.StatusCode)
		}
		res = login(org.Username, org.Password)
		cookies := res.Cookies()
		if res.StatusCode != http.StatusSeeOther || len(cookies) != 1 || cookies[0].Path != page || !cookies[0].HttpOnly {
			t.Fatalf("login: %d %v", res.StatusCode, cookies)
		}
		signedIn := cookies[0].Name + "=" + cookies[0].Value
		_, body = h.get(t, h.srv.URL+page, "Cookie", signedIn)
		for _, want := range []string{"INV-1", "Partner Sales", "130.00 Dr", "20.00 Cr", "4000 Sales"} {
			if !strings.Contains(string(body), want) {
				t.Errorf("ledger page lacks %q", want)
			}
		}
		_, body = h.get(t, h.srv.URL+"/sandbox/ledger/"+other.TenantID, "Cookie", signedIn)
		if !strings.Contains(string(body), `name="password"`) {
			t.Error("a sign-in opens another organisation's ledger")
		}
	})
}
