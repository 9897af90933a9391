package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

type profileOut struct {
	Name              string   `json:"name"`
	LogoURL           string   `json:"logoUrl"`
	IconURL           string   `json:"iconUrl"`
	PrimaryColor      string   `json:"primaryColor"`
	RedirectURL       string   `json:"redirectUrl"`
	WhiteListURLs     []string `json:"whiteListUrls"`
	AlertAuthHeader   string   `json:"alertAuthHeader"`
	FrameAncestors    []string `json:"frameAncestors"`
	InterstitialStart bool     `json:"interstitialStart"`
	ClientID          string   `json:"clientId"`
	WebhookSecret     string   `json:"webhookSecret"`
}

func TestProfile(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		var p profileOut
		h.do("GET", "/profile", h.a, nil).want(http.StatusOK).decode(&p)
		if p.Name != "Client A" || p.PrimaryColor != "#1F4FD8" || p.ClientID != h.a.id || !strings.HasPrefix(p.WebhookSecret, "whsec_") {
			t.Fatalf("default profile %+v", p)
		}
		secret := p.WebhookSecret
		var put profileOut
		h.do("PUT", "/profile", h.a, map[string]any{
			"name": "Bank of Dave", "logoUrl": "https://cdn.dave.example/logo.png", "iconUrl": "https://cdn.dave.example/icon.png",
			"primaryColor": "#AA3300", "redirectUrl": "https://app.dave.example/done/{companyId}",
			"whiteListUrls":   []string{"https://APP.dave.example:443/", "http://localhost:3000"},
			"alertAuthHeader": "Bearer hook-token-123", "frameAncestors": []string{"https://app.dave.example"},
			"interstitialStart": true, "clientId": "ignored", "webhookSecret": "whsec_ignored", "apiKey": "ignored",
		}).want(http.StatusOK).decode(&put)
		want := profileOut{
			Name: "Bank of Dave", LogoURL: "https://cdn.dave.example/logo.png", IconURL: "https://cdn.dave.example/icon.png",
			PrimaryColor: "#AA3300", RedirectURL: "https://app.dave.example/done/{companyId}",
			WhiteListURLs:   []string{"https://app.dave.example", "http://localhost:3000"},
			AlertAuthHeader: "Bearer hook-token-123", FrameAncestors: []string{"https://app.dave.example"},
			InterstitialStart: true, ClientID: h.a.id, WebhookSecret: secret,
		}
		if !equalProfiles(put, want) {
			t.Fatalf("PUT returned %+v\nwant %+v", put, want)
		}
		var got profileOut
		h.do("GET", "/profile", h.a, nil).want(http.StatusOK).decode(&got)
		if !equalProfiles(got, want) {
			t.Fatalf("GET after PUT %+v", got)
		}
		assertNotInDatabase(t, h, "hook-token-123")
		assertNotInDatabase(t, h, secret)

		// PUT replaces every writable field: omitted ones return to defaults.
		h.do("PUT", "/profile", h.a, map[string]any{"name": "Bank of Dave"}).want(http.StatusOK).decode(&got)
		if got.LogoURL != "" || got.PrimaryColor != "#1F4FD8" || len(got.WhiteListURLs) != 0 || got.InterstitialStart || got.AlertAuthHeader != "" {
			t.Fatalf("PUT did not replace: %+v", got)
		}
	})
}

func equalProfiles(a, b profileOut) bool {
	return a.Name == b.Name && a.LogoURL == b.LogoURL && a.IconURL == b.IconURL && a.PrimaryColor == b.PrimaryColor &&
		a.RedirectURL == b.RedirectURL && strings.Join(a.WhiteListURLs, " ") == strings.Join(b.WhiteListURLs, " ") &&
		a.AlertAuthHeader == b.AlertAuthHeader && strings.Join(a.FrameAncestors, " ") == strings.Join(b.FrameAncestors, " ") &&
		a.InterstitialStart == b.InterstitialStart && a.ClientID == b.ClientID && a.WebhookSecret == b.WebhookSecret
}

func TestWebhookSecretRotation(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		var before, after profileOut
		h.do("GET", "/profile", h.a, nil).want(http.StatusOK).decode(&before)
		h.do("PUT", "/profile", h.a, map[string]any{"name": "A", "rotateWebhookSecret": true}).want(http.StatusOK).decode(&after)
		if after.WebhookSecret == before.WebhookSecret || !strings.HasPrefix(after.WebhookSecret, "whsec_") {
			t.Fatalf("secret not rotated: %q → %q", before.WebhookSecret, after.WebhookSecret)
		}
		p, err := h.store.FindProfile(t.Context(), h.a.id)
		if err != nil {
			t.Fatal(err)
		}
		if p.PreviousWebhookSecret != before.WebhookSecret || p.PreviousSecretUntil == nil {
			t.Fatalf("previous secret not kept: %+v", p)
		}
		if d := time.Until(*p.PreviousSecretUntil); d < 23*time.Hour || d > 25*time.Hour {
			t.Fatalf("previous secret kept for %v, want 24h", d)
		}
	})
}
