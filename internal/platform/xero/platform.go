// Package xero is the client side of Xero's accounting API dialect. It
// connects ledgersync to real Xero ("gbol") and to ledgersync's built-in
// Sandbox ("mqjo"), which serves the same dialect under /sandbox.
//
// Xero's API: https://developer.xero.com/documentation/api/accounting/overview
// Xero's OAuth2: https://developer.xero.com/documentation/guides/oauth2/auth-flow
package xero

import (
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/ledgersync/ledgersync"
)

// Keys of the platforms that speak Xero's dialect.
const (
	KeyXero    = "gbol"
	KeySandbox = "mqjo"
)

// RequestTimeout bounds every request whose context has no deadline of
// its own, and is the timeout of the default HTTP client.
const RequestTimeout = 30 * time.Second

// DefaultScopes are the scopes Xero is asked for: identity, a refresh
// token, and the accounting data the sync reads and writes.
var DefaultScopes = []string{
	"openid", "profile", "email", "offline_access",
	"accounting.transactions", "accounting.settings", "accounting.contacts",
}

// Endpoints locate a Xero-dialect platform.
type Endpoints struct {
	AuthorizeURL   string
	TokenURL       string
	RevocationURL  string
	ConnectionsURL string
	APIBase        string
}

// XeroEndpoints returns the endpoints of Xero itself.
func XeroEndpoints() Endpoints {
	return Endpoints{
		AuthorizeURL:   "https://login.xero.com/identity/connect/authorize",
		TokenURL:       "https://identity.xero.com/connect/token",
		RevocationURL:  "https://identity.xero.com/connect/revocation",
		ConnectionsURL: "https://api.xero.com/connections",
		APIBase:        "https://api.xero.com/api.xro/2.0",
	}
}

// SandboxEndpoints returns the endpoints of the Sandbox served by the
// ledgersync instance at ledgersyncBaseURL.
func SandboxEndpoints(ledgersyncBaseURL string) Endpoints {
	base := strings.TrimRight(ledgersyncBaseURL, "/") + "/sandbox"
	return Endpoints{
		AuthorizeURL:   base + "/identity/connect/authorize",
		TokenURL:       base + "/identity/connect/token",
		RevocationURL:  base + "/identity/connect/revocation",
		ConnectionsURL: base + "/connections",
		APIBase:        base + "/api.xro/2.0",
	}
}

// Options configure a Platform.
type Options struct {
	// Key is the integration key: KeyXero or KeySandbox.
	Key                    string
	ClientID, ClientSecret string
	// Scopes default to DefaultScopes.
	Scopes    []string
	Endpoints Endpoints
	// HTTPClient defaults to a client with RequestTimeout.
	HTTPClient *http.Client
	// Now defaults to time.Now; token expiries are computed with it.
	Now func() time.Time
}

// Platform is a Xero-dialect accounting platform. It implements
// ledgersync.Platform.
type Platform struct {
	key       string
	oauth     *oauth2.Config
	endpoints Endpoints
	client    *http.Client
	now       func() time.Time
}

var _ ledgersync.Platform = (*Platform)(nil)

// New returns the platform the options describe.
func New(o Options) *Platform {
	if o.Scopes == nil {
		o.Scopes = DefaultScopes
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: RequestTimeout}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Platform{
		key: o.Key,
		oauth: &oauth2.Config{
			ClientID:     o.ClientID,
			ClientSecret: o.ClientSecret,
			Scopes:       o.Scopes,
			Endpoint: oauth2.Endpoint{
				AuthURL:   o.Endpoints.AuthorizeURL,
				TokenURL:  o.Endpoints.TokenURL,
				AuthStyle: oauth2.AuthStyleInHeader,
			},
		},
		endpoints: o.Endpoints,
		client:    o.HTTPClient,
		now:       o.Now,
	}
}

// Key returns the integration key.
func (p *Platform) Key() string { return p.key }

// AuthorizeURL returns where the merchant's browser goes to consent. The
// challenge is the S256 PKCE challenge, already computed by the caller.
func (p *Platform) AuthorizeURL(state, challenge, redirectURI string) string {
	return p.oauth.AuthCodeURL(state,
		oauth2.SetAuthURLParam("redirect_uri", redirectURI),
		oauth2.SetAuthURLParam("code_challenge", challenge),
		oauth2.SetAuthURLParam("code_challenge_method", "S256"),
	)
}

// Connect returns a Connector that calls the platform with the tokens the
// source hands out.
func (p *Platform) Connect(tokens ledgersync.TokenSource) ledgersync.Connector {
	return &connector{platform: p, tokens: tokens}
}
