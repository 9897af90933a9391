package api

import (
	"net/http"

	"github.com/ledgersync/ledgersync"
)

// profileFields are the profile's writable fields.
type profileFields struct {
	Name              string   `json:"name"`
	LogoURL           string   `json:"logoUrl"`
	IconURL           string   `json:"iconUrl"`
	PrimaryColor      string   `json:"primaryColor"`
	RedirectURL       string   `json:"redirectUrl"`
	WhiteListURLs     []string `json:"whiteListUrls"`
	AlertAuthHeader   string   `json:"alertAuthHeader"`
	FrameAncestors    []string `json:"frameAncestors"`
	InterstitialStart bool     `json:"interstitialStart"`
}

// profileJSON is the contract's Profile, with ledgersync's additions.
type profileJSON struct {
	profileFields
	ClientID      string `json:"clientId"`
	WebhookSecret string `json:"webhookSecret"`
}

// profileUpdateJSON is the body of PUT /profile. clientId and
// webhookSecret are read-only; apiKey and confirmCompanyName are
// deprecated: all four are ignored.
type profileUpdateJSON struct {
	profileFields
	RotateWebhookSecret bool `json:"rotateWebhookSecret"`
}

func newProfileJSON(p *ledgersync.Profile) profileJSON {
	return profileJSON{
		profileFields: profileFields{
			Name: p.Name, LogoURL: p.LogoURL, IconURL: p.IconURL, PrimaryColor: p.PrimaryColor, RedirectURL: p.RedirectURL,
			WhiteListURLs: nonNil(p.WhiteListURLs), AlertAuthHeader: p.AlertAuthHeader, FrameAncestors: nonNil(p.FrameAncestors),
			InterstitialStart: p.InterstitialStart,
		},
		ClientID: p.ClientID, WebhookSecret: p.WebhookSecret,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (a *API) getProfile(w http.ResponseWriter, r *http.Request) {
	p, err := a.store.FindProfile(r.Context(), clientFrom(r.Context()).ID)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newProfileJSON(p))
}

// updateProfile replaces every writable field with the object sent.
func (a *API) updateProfile(w http.ResponseWriter, r *http.Request) {
	var in profileUpdateJSON
	found, err := decode(r, &in)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if !found {
		a.writeError(w, r, ledgersync.Errorf(ledgersync.EInvalid, "A profile object is required."))
		return
	}
	p, err := a.store.UpdateProfile(r.Context(), &ledgersync.Profile{
		ClientID: clientFrom(r.Context()).ID, Name: in.Name, LogoURL: in.LogoURL, IconURL: in.IconURL,
		PrimaryColor: in.PrimaryColor, RedirectURL: in.RedirectURL, WhiteListURLs: in.WhiteListURLs,
		AlertAuthHeader: in.AlertAuthHeader, FrameAncestors: in.FrameAncestors, InterstitialStart: in.InterstitialStart,
	}, in.RotateWebhookSecret)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newProfileJSON(p))
}
