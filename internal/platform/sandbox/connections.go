package sandbox

import (
	"net/http"
)

// connection is an entry of Xero's GET /connections: a tenant the access
// token reaches.
type connection struct {
	ID             string `json:"id"`
	AuthEventID    string `json:"authEventId"`
	TenantID       string `json:"tenantId"`
	TenantType     string `json:"tenantType"`
	TenantName     string `json:"tenantName"`
	CreatedDateUTC string `json:"createdDateUtc"`
	UpdatedDateUTC string `json:"updatedDateUtc"`
}

// connectionTime is Xero's format for connection dates: UTC, no zone.
const connectionTime = "2006-01-02T15:04:05.0000000"

// connections lists the organisation the access token's grant reaches.
func (s *Sandbox) connections(w http.ResponseWriter, r *http.Request) {
	g, ok := s.grantOf(w, r)
	if !ok {
		return
	}
	o, err := s.findOrg(r.Context(), g.OrgID)
	if err != nil || o == nil {
		s.writeError(w, r, orNotFound(err))
		return
	}
	writeJSON(w, http.StatusOK, []connection{{
		ID: g.ID, AuthEventID: g.ID, TenantID: o.ID, TenantType: "ORGANISATION", TenantName: o.Name,
		CreatedDateUTC: g.Created.Format(connectionTime), UpdatedDateUTC: g.Updated.Format(connectionTime),
	}})
}

// disconnect removes a connection, as Xero's DELETE /connections/{id}:
// the grant is revoked.
func (s *Sandbox) disconnect(w http.ResponseWriter, r *http.Request) {
	g, ok := s.grantOf(w, r)
	if !ok {
		return
	}
	if r.PathValue("id") != g.ID {
		s.writeError(w, r, errNotFound)
		return
	}
	if err := s.revokeGrant(r.Context(), s.write, g.ID); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// grantOf authenticates the bearer token, answering 401 when it fails.
func (s *Sandbox) grantOf(w http.ResponseWriter, r *http.Request) (*grant, bool) {
	g, err := s.bearer(r.Context(), r)
	if err != nil {
		s.writeError(w, r, err)
		return nil, false
	}
	if g == nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeProblem(w, http.StatusUnauthorized, "Unauthorized", "AuthenticationUnsuccessful")
		return nil, false
	}
	return g, true
}
