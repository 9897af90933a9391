package xero

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/ledgersync/ledgersync"
)

// connection is one entry of Xero's connections endpoint: a tenant the
// user has connected to this app.
// https://developer.xero.com/documentation/guides/oauth2/tenants
type connection struct {
	ID             string `json:"id"`
	AuthEventID    string `json:"authEventId"`
	TenantID       string `json:"tenantId"`
	TenantType     string `json:"tenantType"`
	TenantName     string `json:"tenantName"`
	CreatedDateUTC string `json:"createdDateUtc"`
}

// tenant returns the organisation an access token was just granted for.
func (p *Platform) tenant(ctx context.Context, accessToken string) (connection, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.endpoints.ConnectionsURL, nil)
	if err != nil {
		return connection{}, err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/json")
	var conns []connection
	if err := p.send(req, &conns); err != nil {
		return connection{}, redact(err, accessToken)
	}
	c, ok := pickTenant(conns, authEventID(accessToken))
	if !ok {
		return connection{}, &ledgersync.PlatformError{
			Kind:    ledgersync.PlatformRejected,
			Message: "no organisation was connected; authorize again and choose one",
		}
	}
	return c, nil
}

// pickTenant chooses among the organisations connected to the app: the
// ones connected by this authorization (authEventID) when it is known and
// matches, else all of them; of those, the most recently connected. A
// practice tenant cannot hold accounts and is never chosen.
func pickTenant(conns []connection, authEventID string) (connection, bool) {
	var orgs, matched []connection
	for _, c := range conns {
		if c.TenantType != "" && c.TenantType != "ORGANISATION" {
			continue
		}
		orgs = append(orgs, c)
		if authEventID != "" && c.AuthEventID == authEventID {
			matched = append(matched, c)
		}
	}
	if len(matched) > 0 {
		orgs = matched
	}
	if len(orgs) == 0 {
		return connection{}, false
	}
	best := orgs[0]
	for _, c := range orgs[1:] {
		if created(c).After(created(best)) {
			best = c
		}
	}
	return best, true
}

// created parses createdDateUtc, which Xero writes without a zone
// ("2019-12-07T18:46:19.5165400"); the zero time when it cannot.
func created(c connection) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, c.CreatedDateUTC); err == nil {
			return t
		}
	}
	return time.Time{}
}

// authEventID reads the authentication_event_id claim of a Xero access
// token, a JWT. The token came straight from the token endpoint over TLS,
// and the claim only narrows the choice of tenant, so the signature is not
// checked. An opaque token (the Sandbox may issue one) has no claim.
func authEventID(accessToken string) string {
	parts := strings.Split(accessToken, ".")
	if len(parts) != 3 {
		return ""
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return ""
	}
	var claims struct {
		AuthEventID string `json:"authentication_event_id"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return ""
	}
	return claims.AuthEventID
}
