package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

// tokenRequest posts to the token or revocation endpoint with the
// client's Basic credentials.
func (h *harness) tokenRequest(t *testing.T, path string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+path, nil)
	req.SetBasicAuth(ClientID, testSecret)
	res, body := h.postForm(t, path, form, "Authorization", req.Header.Get("Authorization"))
	var out map[string]any
	_ = json.Unmarshal(body, &out)
	return res.StatusCode, out
}

func (h *harness) refresh(t *testing.T, refresh string) (int, map[string]any) {
	t.Helper()
	return h.tokenRequest(t, "/sandbox/identity/connect/token",
		url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}})
}

func TestRefreshRotation(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		status, pair := h.refresh(t, tok.RefreshToken)
		if status != http.StatusOK || pair["access_token"] == "" || pair["refresh_token"] == tok.RefreshToken ||
			pair["access_token"] == tok.AccessToken || pair["expires_in"] != 1800.0 {
			t.Fatalf("refresh: %d %v", status, pair)
		}
		newer := &ledgersync.Token{AccessToken: pair["access_token"].(string), TenantID: tok.TenantID}
		if status, _ := h.api(t, newer, "GET", "/Organisation", ""); status != http.StatusOK {
			t.Errorf("new access token: %d", status)
		}
		status, refused := h.refresh(t, tok.RefreshToken)
		if status != http.StatusBadRequest || refused["error"] != "invalid_grant" {
			t.Errorf("old refresh token: %d %v, want 400 invalid_grant", status, refused)
		}
		// Reuse is a theft signal: the whole chain is revoked.
		if status, _ := h.api(t, newer, "GET", "/Organisation", ""); status != http.StatusUnauthorized {
			t.Errorf("access token after reuse: %d, want 401", status)
		}
		if status, refused := h.refresh(t, pair["refresh_token"].(string)); status != http.StatusBadRequest || refused["error"] != "invalid_grant" {
			t.Errorf("newest refresh token after reuse: %d %v", status, refused)
		}
	})
}

func TestRevocationAndExpiry(t *testing.T) {
	t.Parallel()
	eachDialect(t, Options{}, func(t *testing.T, h *harness) {
		_, tok := h.newOrg(t)
		_, other := h.newOrg(t)
		status, _ := h.tokenRequest(t, "/sandbox/identity/connect/revocation", url.Values{"token": {tok.RefreshToken}})
		if status != http.StatusOK {
			t.Errorf("revocation: %d", status)
		}
		if status, _ := h.api(t, tok, "GET", "/Accounts", ""); status != http.StatusUnauthorized {
			t.Errorf("access token after revocation: %d, want 401", status)
		}
		if status, body := h.refresh(t, tok.RefreshToken); status != http.StatusBadRequest || body["error"] != "invalid_grant" {
			t.Errorf("refresh after revocation: %d %v", status, body)
		}
		if status, _ := h.tokenRequest(t, "/sandbox/identity/connect/revocation", url.Values{"token": {"unknown"}}); status != http.StatusOK {
			t.Errorf("revoking an unknown token: %d, want 200", status)
		}
		h.clock.advance(defaultAccessTTL + time.Second)
		if status, _ := h.api(t, other, "GET", "/Accounts", ""); status != http.StatusUnauthorized {
			t.Errorf("expired access token: %d, want 401", status)
		}
		if status, _ := h.refresh(t, other.RefreshToken); status != http.StatusOK {
			t.Errorf("refresh of an expired access token's grant: %d", status)
		}
	})
}

func TestTokenEndpointErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", Options{})
	tests := []struct {
		name   string
		form   url.Values
		status int
		code   string
	}{
		{"unknown grant type", url.Values{"grant_type": {"password"}}, 400, "unsupported_grant_type"},
		{"missing code", url.Values{"grant_type": {"authorization_code"}}, 400, "invalid_request"},
		{"unknown code", url.Values{"grant_type": {"authorization_code"}, "code": {"x"}, "redirect_uri": {"y"},
			"code_verifier": {"z"}}, 400, "invalid_grant"},
		{"unknown refresh token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"x"}}, 400, "invalid_grant"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, body := h.tokenRequest(t, "/sandbox/identity/connect/token", tc.form)
			if status != tc.status || body["error"] != tc.code {
				t.Errorf("%d %v, want %d %s", status, body, tc.status, tc.code)
			}
		})
	}
	t.Run("client secret in the form", func(t *testing.T) {
		res, _ := h.postForm(t, "/sandbox/identity/connect/token", url.Values{"grant_type": {"refresh_token"},
			"refresh_token": {"x"}, "client_id": {ClientID}, "client_secret": {"wrong"}})
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("wrong secret in the form: %d, want 401", res.StatusCode)
		}
	})
}
