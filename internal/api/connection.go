package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
)

// connectionJSON is the contract's Connection.
type connectionJSON struct {
	ID                   string                      `json:"id"`
	IntegrationID        string                      `json:"integrationId"`
	IntegrationKey       string                      `json:"integrationKey"`
	SourceID             string                      `json:"sourceId"`
	SourceType           ledgersync.SourceType       `json:"sourceType"`
	PlatformName         string                      `json:"platformName"`
	LinkURL              string                      `json:"linkUrl"`
	Status               ledgersync.ConnectionStatus `json:"status"`
	LastSync             string                      `json:"lastSync,omitempty"`
	Created              string                      `json:"created"`
	DataConnectionErrors []connectionErrorJSON       `json:"dataConnectionErrors"`
	ConnectionInfo       map[string]string           `json:"connectionInfo"`
}

type connectionErrorJSON struct {
	StatusCode    string `json:"statusCode"`
	StatusText    string `json:"statusText"`
	ErrorMessage  string `json:"errorMessage"`
	ErroredOnUtc  string `json:"erroredOnUtc"`
	Status        string `json:"status"`
	ResolvedOnUtc string `json:"resolvedOnUtc,omitempty"`
}

// integrationIDs derives the stable integrationId and sourceId of a key:
// UUIDv5 of "ledgersync:{key}" and "ledgersync:{key}:source".
func integrationIDs(key string) (integrationID, sourceID string) {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("ledgersync:"+key)).String(),
		uuid.NewSHA1(uuid.NameSpaceURL, []byte("ledgersync:"+key+":source")).String()
}

func newConnectionJSON(c *ledgersync.Connection) connectionJSON {
	integrationID, sourceID := integrationIDs(c.IntegrationKey)
	out := connectionJSON{
		ID: c.ID, IntegrationID: integrationID, IntegrationKey: c.IntegrationKey, SourceID: sourceID,
		SourceType: c.SourceType, Status: c.Status, LinkURL: "", Created: formatTime(c.Created),
		LastSync: formatTimePtr(c.LastSync),
	}
	if in := ledgersync.FindIntegration(c.IntegrationKey); in != nil {
		out.PlatformName = in.Name
	}
	if len(c.Info) > 0 {
		out.ConnectionInfo = c.Info
	}
	for _, e := range c.Errors {
		out.DataConnectionErrors = append(out.DataConnectionErrors, connectionErrorJSON{
			StatusCode: e.StatusCode, StatusText: e.StatusText, ErrorMessage: e.ErrorMessage,
			ErroredOnUtc: formatTime(e.ErroredOn), Status: e.Status, ResolvedOnUtc: formatTimePtr(e.ResolvedOn),
		})
	}
	return out
}

func (a *API) listConnections(w http.ResponseWriter, r *http.Request) {
	o, err := listOptions(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	conns, total, err := a.store.FindConnections(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), o)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	out := make([]connectionJSON, len(conns))
	for i, c := range conns {
		out[i] = newConnectionJSON(c)
	}
	writeJSON(w, http.StatusOK, newPage(r, o, out, total))
}

func (a *API) getConnection(w http.ResponseWriter, r *http.Request) {
	c, err := a.store.FindConnectionByID(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), r.PathValue("connectionId"))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newConnectionJSON(c))
}

// createConnection takes {"platformKey":"gbol"}, or the bare key "gbol" as
// the older documentation sends it.
func (a *API) createConnection(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var in struct {
		PlatformKey string `json:"platformKey"`
	}
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '"' {
		err = decodeBytes(trimmed, &in.PlatformKey)
	} else if len(trimmed) > 0 {
		err = decodeBytes(trimmed, &in)
	}
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if strings.TrimSpace(in.PlatformKey) == "" {
		a.writeError(w, r, ledgersync.FieldError("platformKey", "platformKey is required."))
		return
	}
	c, err := a.store.CreateConnection(r.Context(), clientFrom(r.Context()), r.PathValue("companyId"), in.PlatformKey)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newConnectionJSON(c))
}

// updateConnection accepts only {"status":"Unlinked"}.
func (a *API) updateConnection(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Status string `json:"status"`
	}
	if _, err := decode(r, &in); err != nil {
		a.writeError(w, r, err)
		return
	}
	if !strings.EqualFold(in.Status, string(ledgersync.StatusUnlinked)) {
		a.writeError(w, r, ledgersync.FieldError("status", "Only status Unlinked can be set"))
		return
	}
	a.revoke(r, r.PathValue("companyId"), r.PathValue("connectionId"))
	change, err := a.store.UnlinkConnection(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), r.PathValue("connectionId"))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newConnectionJSON(change.Connection))
}

// authorizeConnection stores the partner's credentials for its commerce
// connection, sealed and never echoed; for a Sandbox connection it takes
// an organisation's credentials and links it without a browser. Other
// accounting connections are linked in the merchant's sync flow.
func (a *API) authorizeConnection(w http.ResponseWriter, r *http.Request) {
	client := clientFrom(r.Context())
	companyID, id := r.PathValue("companyId"), r.PathValue("connectionId")
	c, err := a.store.FindConnectionByID(r.Context(), client.ID, companyID, id)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var creds map[string]string
	if _, err := decode(r, &creds); err != nil {
		a.writeError(w, r, err)
		return
	}
	switch {
	case c.SourceType == ledgersync.SourceCommerce:
		c, err = a.store.SetConnectionCredentials(r.Context(), client.ID, companyID, id, creds)
	case c.IntegrationKey == ledgersync.KeySandbox && a.sandbox != nil:
		c, err = a.linkSandbox(r, c, creds)
	default:
		err = ledgersync.Errorf(ledgersync.EInvalid, "Accounting connections are authorized in the sync flow")
	}
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newConnectionJSON(c))
}

// linkSandbox links a Sandbox connection with an organisation's username
// and password, as the flow's login would.
func (a *API) linkSandbox(r *http.Request, c *ledgersync.Connection, creds map[string]string) (*ledgersync.Connection, error) {
	refused := ledgersync.Errorf(ledgersync.EInvalid, "Sandbox credentials were not accepted")
	if !c.Status.Active() && c.Status != ledgersync.StatusDeauthorized {
		return nil, ledgersync.Errorf(ledgersync.EInvalid, "Connection %s is %s; create a new one.", c.ID, c.Status)
	}
	tenant, err := a.sandbox.Authenticate(r.Context(), creds["username"], creds["password"])
	if err != nil {
		return nil, refused
	}
	token, err := a.sandbox.Grant(r.Context(), tenant, sandbox.ClientID)
	if err != nil {
		return nil, err
	}
	change, err := a.store.LinkConnection(r.Context(), c.CompanyID, c.ID, token)
	if err != nil {
		return nil, err
	}
	return change.Connection, a.config.Resume(r.Context(), c.CompanyID)
}

// revoke ends a linked accounting connection's grant at its platform
// before it is unlinked; a failure is logged, not fatal.
func (a *API) revoke(r *http.Request, companyID, connectionID string) {
	c, err := a.store.FindConnectionByID(r.Context(), clientFrom(r.Context()).ID, companyID, connectionID)
	if err != nil || a.platforms == nil {
		return
	}
	if err := a.platforms.Revoke(r.Context(), c); err != nil {
		a.log.WarnContext(r.Context(), "revoke at platform failed", "connection_id", c.ID, "platform", c.IntegrationKey, "error", err)
	}
}
