package api

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// visibleAccountsJSON is the body of the visible accounts endpoints:
// the effective keys in answers; in requests, null or absent means every
// key and [] only the required ones.
type visibleAccountsJSON struct {
	VisibleAccounts []string `json:"visibleAccounts"`
}

// visibleAccountsPlatform returns the integration named by the path's
// platformKey (commerceKey on the PATCH alias); an unknown key is 404.
func visibleAccountsPlatform(r *http.Request) (*ledgersync.Integration, error) {
	key := cmp.Or(r.PathValue("platformKey"), r.PathValue("commerceKey"))
	in := ledgersync.FindIntegration(key)
	if in == nil {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "Integration %s not found.", key)
	}
	return in, nil
}

// visibleAccounts returns the client's effective keys for a platform.
func (a *API) visibleAccounts(r *http.Request, platformKey string) ([]string, error) {
	stored, err := a.store.VisibleAccounts(r.Context(), clientFrom(r.Context()).ID, platformKey)
	if err != nil {
		return nil, err
	}
	return ledgersync.EffectiveVisibleAccounts(stored)
}

// getClientVisibleAccounts is GET /clients/{clientId}/config/ui/accounts/
// platform/{platformKey}: someone else's clientId is 403.
func (a *API) getClientVisibleAccounts(w http.ResponseWriter, r *http.Request) {
	if !strings.EqualFold(r.PathValue("clientId"), clientFrom(r.Context()).ID) {
		a.writeError(w, r, ledgersync.Errorf(ledgersync.EForbidden, "The clientId in the path is not the caller's."))
		return
	}
	a.getVisibleAccounts(w, r)
}

// getVisibleAccounts answers with the caller's effective keys.
func (a *API) getVisibleAccounts(w http.ResponseWriter, r *http.Request) {
	in, err := visibleAccountsPlatform(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	keys, err := a.visibleAccounts(r, in.Key)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, visibleAccountsJSON{VisibleAccounts: keys})
}

// setVisibleAccounts takes {"visibleAccounts": […] | null} or {}; no body
// is read as {}. It stores the effective list (nil for every key) and
// answers with it.
func (a *API) setVisibleAccounts(w http.ResponseWriter, r *http.Request) {
	in, err := visibleAccountsPlatform(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var body visibleAccountsJSON
	if _, err := decode(r, &body); err != nil {
		a.writeError(w, r, err)
		return
	}
	keys, err := ledgersync.EffectiveVisibleAccounts(body.VisibleAccounts)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	stored := keys
	if body.VisibleAccounts == nil {
		stored = nil
	}
	if err := a.store.SetVisibleAccounts(r.Context(), clientFrom(r.Context()).ID, in.Key, stored); err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, visibleAccountsJSON{VisibleAccounts: keys})
}
