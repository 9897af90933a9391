package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform"
)

// etag names a configuration version.
func etag(version int) string { return `"v` + strconv.Itoa(version) + `"` }

func (a *API) getConfiguration(w http.ResponseWriter, r *http.Request) {
	l, err := a.config.Load(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), platform.SnapshotMaxAge)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(l.Version))
	writeJSON(w, http.StatusOK, l.Config)
}

// setConfiguration merges a body into the configuration (no body: no
// change). A stale If-Match, or a save that raced another, gets 409.
func (a *API) setConfiguration(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	l, err := a.config.Load(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), platform.SnapshotMaxAge)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if !ifMatch(r.Header.Get("If-Match"), etag(l.Version)) {
		a.writeError(w, r, ledgersync.Errorf(ledgersync.EConflict, "Configuration was modified; GET it again."))
		return
	}
	cfg, version, err := a.config.Apply(r.Context(), l, body)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(version))
	writeJSON(w, http.StatusOK, cfg)
}

// ifMatch applies If-Match with strong comparison: absent or "*" match,
// else one of the listed tags must equal the current one; weak tags never
// match.
func ifMatch(header, current string) bool {
	if header == "" {
		return true
	}
	for _, tag := range strings.Split(header, ",") {
		if tag = strings.TrimSpace(tag); tag == "*" || tag == current {
			return true
		}
	}
	return false
}
