package api

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/ledgersync/ledgersync"
)

type clientKey struct{}

// clientFrom returns the authenticated client of a request.
func clientFrom(ctx context.Context) *ledgersync.Client {
	return ctx.Value(clientKey{}).(*ledgersync.Client)
}

// authenticate admits requests carrying a valid API key, as
// "Basic base64(key)" (the whole key, with no user: part) or "Bearer key".
func (a *API) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, ok := apiKey(r.Header.Get("Authorization"))
		if !ok {
			a.writeError(w, r, ledgersync.Errorf(ledgersync.EUnauthorized, "Unauthorized"))
			return
		}
		client, err := a.store.Authenticate(r.Context(), key)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		if client.Disabled {
			a.writeError(w, r, ledgersync.Errorf(ledgersync.EForbidden, "Client is disabled."))
			return
		}
		if wait := a.limiter.wait(key, a.now()); wait > 0 {
			a.rateLimited(w, r, wait)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKey{}, client)))
	})
}

func apiKey(header string) (string, bool) {
	scheme, value, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok {
		return "", false
	}
	value = strings.TrimSpace(value)
	switch {
	case strings.EqualFold(scheme, "Bearer"):
		return value, value != ""
	case strings.EqualFold(scheme, "Basic"):
		b, err := base64.StdEncoding.DecodeString(value)
		if err != nil {
			return "", false
		}
		return string(b), len(b) > 0
	}
	return "", false
}
