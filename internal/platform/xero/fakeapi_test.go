package xero

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// testTenant is the one organisation the fake's API serves.
const testTenant = "tenant-b"

// failure is an error answer modelled on Xero's.
type failure struct {
	status     int
	retryAfter string
	body       string
}

// failures answer every API call of a tenant of that name.
var failures = map[string]failure{
	"fail-401":     {status: 401, body: `{"Type":null,"Title":"Unauthorized","Status":401,"Detail":"AuthenticationUnsuccessful","Instance":"8a7c","Extensions":{}}`},
	"fail-403":     {status: 403, body: `{"Type":null,"Title":"Forbidden","Status":403,"Detail":"AuthorizationUnsuccessful","Instance":"8a7d","Extensions":{}}`},
	"fail-404":     {status: 404, body: `The resource you're looking for cannot be found`},
	"fail-402":     {status: 402, body: `{"Title":"Payment Required","Status":402,"Detail":"Payment Required"}`},
	"fail-lapsed":  {status: 403, body: `{"Title":"Forbidden","Status":403,"Detail":"The organisation's subscription has expired"}`},
	"fail-429":     {status: 429, retryAfter: "17"},
	"fail-400":     {status: 400, body: validationBody("Account code must be unique.", "Name is too long.")},
	"fail-400-msg": {status: 400, body: `{"ErrorNumber":16,"Type":"QueryParseException","Message":"No property or field 'Foo' exists"}`},
	"fail-500":     {status: 500, body: `{"Title":"An error occurred","Detail":"An error occurred in Xero. Check the API Status page for current service status.","Status":500}`},
	"fail-503":     {status: 503, body: `<html><body>Service Unavailable</body></html>`},
	"fail-html":    {status: 200, body: `<html><body>Sign in</body></html>`},
}

// validationBody is Xero's answer to a request that fails validation.
func validationBody(messages ...string) string {
	type msg struct{ Message string }
	errs := make([]msg, len(messages))
	for i, m := range messages {
		errs[i] = msg{m}
	}
	b, _ := json.Marshal(map[string]any{
		"ErrorNumber": 10, "Type": "ValidationException",
		"Message":  "A validation exception occurred",
		"Elements": []any{map[string]any{"ValidationErrors": errs}},
	})
	return string(b)
}

// routeAPI adds the accounting API to mux.
func (f *fakeXero) routeAPI(t *testing.T, mux *http.ServeMux) {
	for _, name := range []string{"Organisation", "Accounts", "TaxRates"} {
		body := readTestdata(t, name+".json")
		mux.Handle("GET /api.xro/2.0/"+name, f.api(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(body)
		}))
	}
	mux.Handle("GET /api.xro/2.0/Contacts", f.api(f.contactsPage))
	mux.Handle("PUT /api.xro/2.0/Accounts", f.api(f.putAccount))
}

// api checks what Xero checks before serving a call: the bearer token,
// the tenant (answering a "fail-…" tenant with its failure) and Accept,
// without which Xero answers XML.
func (f *fakeXero) api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tenant := r.Header.Get("xero-tenant-id")
		fail, failing := failures[tenant]
		switch {
		case !f.authorized(r):
			writeJSON(w, 401, map[string]any{"Title": "Unauthorized", "Status": 401, "Detail": "TokenInvalid"})
		case failing:
			f.fail(w, fail)
		case tenant == "fail-echo":
			writeJSON(w, 400, map[string]string{"Message": "bad header " + r.Header.Get("Authorization")})
		case tenant == "fail-slow":
			<-r.Context().Done()
		case tenant == "fail-huge":
			_, _ = w.Write([]byte(`{"Accounts":[` + strings.Repeat(" ", maxBody) + `]}`))
		case tenant != testTenant:
			writeJSON(w, 403, map[string]any{"Title": "Forbidden", "Status": 403, "Detail": "AuthorizationUnsuccessful"})
		case r.Header.Get("Accept") != "application/json":
			w.Header().Set("Content-Type", "text/xml")
			_, _ = w.Write([]byte("<Response><Status>OK</Status></Response>"))
		default:
			h(w, r)
		}
	}
}

func (f *fakeXero) fail(w http.ResponseWriter, fail failure) {
	if fail.retryAfter != "" {
		w.Header().Set("Retry-After", fail.retryAfter)
		w.Header().Set("X-Rate-Limit-Problem", "minute")
	}
	w.WriteHeader(fail.status)
	_, _ = w.Write([]byte(fail.body))
}

// contactsPage serves one page of 100 contacts; archived contacts only
// with includeArchived=true, as Xero does.
func (f *fakeXero) contactsPage(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	f.mu.Lock()
	f.pages = append(f.pages, page)
	n := f.contacts
	f.mu.Unlock()
	var all []map[string]any
	for i := 1; i <= n; i++ {
		status := "ACTIVE"
		if i%10 == 0 {
			status = "ARCHIVED"
		}
		if status == "ACTIVE" || r.URL.Query().Get("includeArchived") == "true" {
			all = append(all, map[string]any{
				"ContactID": fmt.Sprintf("c-%03d", i), "Name": fmt.Sprintf("Contact %d", i),
				"ContactStatus": status, "IsCustomer": i%2 == 1, "IsSupplier": i%3 == 0,
			})
		}
	}
	lo, hi := min((page-1)*100, len(all)), min(page*100, len(all))
	writeJSON(w, 200, map[string]any{"Status": "OK", "Contacts": all[lo:hi]})
}

// putAccount creates an account, refusing a used code and a bank account
// without a number.
func (f *fakeXero) putAccount(w http.ResponseWriter, r *http.Request) {
	var in struct{ Code, Name, Type, BankAccountNumber string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeJSON(w, 400, map[string]string{"Message": "invalid JSON"})
		return
	}
	switch {
	case in.Code == "200":
		w.WriteHeader(400)
		_, _ = w.Write([]byte(validationBody("Please enter a unique Code.")))
	case in.Type == "BANK" && in.BankAccountNumber == "":
		w.WriteHeader(400)
		_, _ = w.Write([]byte(validationBody("Bank Account Number is required.")))
	default:
		writeJSON(w, 200, map[string]any{"Accounts": []map[string]any{{
			"AccountID": "new-" + in.Code, "Code": in.Code, "Name": in.Name, "Type": in.Type,
			"Status": "ACTIVE", "EnablePaymentsToAccount": false,
		}}})
	}
}
