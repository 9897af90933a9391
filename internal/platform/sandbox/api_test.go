package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

func TestAPIAuthentication(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		other, _ := h.newOrg(t)
		tests := []struct {
			name   string
			tok    *ledgersync.Token
			status int
			detail string
		}{
			{"no token", &ledgersync.Token{TenantID: tok.TenantID}, 401, "AuthenticationUnsuccessful"},
			{"unknown token", &ledgersync.Token{AccessToken: "nope", TenantID: tok.TenantID}, 401, "AuthenticationUnsuccessful"},
			{"refresh token as access", &ledgersync.Token{AccessToken: tok.RefreshToken, TenantID: tok.TenantID}, 401, "AuthenticationUnsuccessful"},
			{"other tenant", &ledgersync.Token{AccessToken: tok.AccessToken, TenantID: other.TenantID}, 403, "AuthorizationUnsuccessful"},
			{"no tenant", &ledgersync.Token{AccessToken: tok.AccessToken}, 403, "AuthorizationUnsuccessful"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				status, body := h.api(t, tc.tok, "GET", "/Accounts", "")
				var p problem
				if status != tc.status || json.Unmarshal(body, &p) != nil || p.Detail != tc.detail || p.Status != tc.status {
					t.Errorf("%d %s, want %d %s", status, body, tc.status, tc.detail)
				}
			})
		}
		status, body := h.api(t, tok, "GET", "/Nothing", "")
		if status != http.StatusNotFound || !strings.Contains(string(body), `"Title":"Not Found"`) {
			t.Errorf("unknown endpoint: %d %s", status, body)
		}
	})
}

func TestCreateAccount(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		var created []account
		status, body := h.api(t, tok, "PUT", "/Accounts", `{"Code":"4200","Name":"Delivery","Type":"REVENUE"}`)
		collection(t, status, body, "Accounts", &created)
		a := created[0]
		if a.AccountID == "" || a.Code != "4200" || a.Class != "REVENUE" || a.Status != "ACTIVE" || a.TaxType != "tr-20" {
			t.Errorf("created %+v", a)
		}
		var got []account
		status, body = h.api(t, tok, "GET", "/Accounts/"+a.AccountID, "")
		if collection(t, status, body, "Accounts", &got); got[0].Name != "Delivery" {
			t.Errorf("GET created account: %+v", got)
		}
		tests := []struct{ name, body, want string }{
			{"duplicate code", `{"Code":"4000","Name":"Again","Type":"REVENUE"}`, "Please enter a unique Code: 4000"},
			{"no name", `{"Code":"4300","Type":"REVENUE"}`, "Name is required"},
			{"bad type", `{"Code":"4300","Name":"X","Type":"INCOME"}`, `Type "INCOME" is not one of Xero's account types`},
			{"unknown tax type", `{"Code":"4300","Name":"X","Type":"SALES","TaxType":"OUTPUT2"}`, "TaxType: tax rate OUTPUT2 does not exist."},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				status, body := h.api(t, tok, "PUT", "/Accounts", tc.body)
				msgs := validationMessages(t, status, body)
				if len(msgs) != 1 || !strings.HasPrefix(msgs[0], tc.want) {
					t.Errorf("messages %q, want %q", msgs, tc.want)
				}
			})
		}
		if status, _ := h.api(t, tok, "GET", "/Accounts/acc-none", ""); status != http.StatusNotFound {
			t.Errorf("unknown account: %d, want 404", status)
		}
	})
}

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		body := `{"Code":"4300","Name":"Catering","Type":"REVENUE"}`
		s1, b1 := h.api(t, tok, "PUT", "/Accounts", body, "Idempotency-Key", "k1")
		s2, b2 := h.api(t, tok, "PUT", "/Accounts", body, "Idempotency-Key", "k1")
		if s1 != http.StatusOK || s2 != s1 || string(b1) != string(b2) {
			t.Errorf("replay: %d %s\nthen %d %s", s1, b1, s2, b2)
		}
		s3, b3 := h.api(t, tok, "PUT", "/Accounts", `{"Code":"4301","Name":"Other","Type":"REVENUE"}`, "Idempotency-Key", "k1")
		msgs := validationMessages(t, s3, b3)
		if len(msgs) != 1 || !strings.Contains(msgs[0], "already used with a different request") {
			t.Errorf("mismatch: %q", msgs)
		}
		// Keys are per organisation.
		_, other := h.newOrg(t)
		if status, _ := h.api(t, other, "PUT", "/Accounts", body, "Idempotency-Key", "k1"); status != http.StatusOK {
			t.Errorf("same key in another organisation: %d", status)
		}
		var accounts []account
		status, got := h.api(t, tok, "GET", `/Accounts?where=Code=="4300"`, "")
		if collection(t, status, got, "Accounts", &accounts); len(accounts) != 1 {
			t.Errorf("replay wrote %d accounts, want 1", len(accounts))
		}
	})
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", Options{RatePerMinute: 2})
	_, tok := h.newOrg(t)
	h.clock.advance(30 * time.Second)
	for range 2 {
		if status, _ := h.api(t, tok, "GET", "/Organisation", ""); status != http.StatusOK {
			t.Fatalf("within the limit: %d", status)
		}
	}
	req, _ := http.NewRequest("GET", h.srv.URL+apiPrefix+"/Organisation", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("xero-tenant-id", tok.TenantID)
	res, _ := h.do(t, req)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "30" ||
		res.Header.Get("X-Rate-Limit-Problem") != "minute" {
		t.Errorf("over the limit: %d Retry-After %q Problem %q", res.StatusCode,
			res.Header.Get("Retry-After"), res.Header.Get("X-Rate-Limit-Problem"))
	}
	h.clock.advance(30 * time.Second)
	if status, _ := h.api(t, tok, "GET", "/Organisation", ""); status != http.StatusOK {
		t.Errorf("next minute: %d", status)
	}
}
