package api

import (
	"net/http"

	"github.com/ledgersync/ledgersync"
)

// syncFlowURL is the contract's SyncFlowUrl.
type syncFlowURL struct {
	URL string `json:"url"`
}

// startFlow issues a one-time start URL for a merchant, creating the
// company and its connections on demand. Keys and the redirect URL are
// checked before anything is created.
func (a *API) startFlow(w http.ResponseWriter, r *http.Request) {
	client := clientFrom(r.Context())
	q := r.URL.Query()
	in := ledgersync.FlowStart{MerchantIdentifier: q.Get("merchantIdentifier"), RedirectURL: q.Get("redirectUrl")}
	var err error
	if in.CommerceKey, err = enabledIntegration(client, r.PathValue("commerceKey"), ledgersync.SourceCommerce); err != nil {
		a.writeError(w, r, err)
		return
	}
	if in.AccountingKey, err = enabledIntegration(client, r.PathValue("accountingKey"), ledgersync.SourceAccounting); err != nil {
		a.writeError(w, r, err)
		return
	}
	if len([]rune(in.MerchantIdentifier)) > ledgersync.MaxMerchantIdentifierLength {
		a.writeError(w, r, ledgersync.FieldError("merchantIdentifier", "merchantIdentifier must be at most %d characters.", ledgersync.MaxMerchantIdentifierLength))
		return
	}
	if in.RedirectURL != "" {
		profile, err := a.store.FindProfile(r.Context(), client.ID)
		if err == nil {
			err = ledgersync.ValidateRedirectURL(in.RedirectURL, profile)
		}
		if err != nil {
			a.writeError(w, r, err)
			return
		}
	}
	link, err := a.store.StartFlow(r.Context(), client, in)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, syncFlowURL{URL: link.URL(a.baseURL)})
}

// enabledIntegration checks that key names an integration of the source
// type that the client may use, and returns its canonical key.
func enabledIntegration(client *ledgersync.Client, key string, source ledgersync.SourceType) (string, error) {
	in := ledgersync.FindIntegration(key)
	if in == nil {
		return "", ledgersync.Errorf(ledgersync.ENotFound, "Integration %s not found.", key)
	}
	if in.SourceType != source || !client.IntegrationEnabled(in.Key) {
		return "", ledgersync.Errorf(ledgersync.EInvalid, "%s is not an enabled %s integration", key, source)
	}
	return in.Key, nil
}
