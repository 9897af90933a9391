package xero

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/ledgersync/ledgersync"
)

// Exchange trades an authorization code and its PKCE verifier for a token,
// then asks the connections endpoint which organisation it grants.
func (p *Platform) Exchange(ctx context.Context, code, verifier, redirectURI string) (*ledgersync.Token, error) {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	ot, err := p.oauth.Exchange(p.oauthContext(ctx), code,
		oauth2.VerifierOption(verifier),
		oauth2.SetAuthURLParam("redirect_uri", redirectURI),
	)
	if err != nil {
		return nil, p.tokenError("exchange code", err)
	}
	t := p.token(ot)
	c, err := p.tenant(ctx, t.AccessToken)
	if err != nil {
		return nil, err
	}
	t.TenantID, t.TenantName = c.TenantID, c.TenantName
	return t, nil
}

// Refresh uses t's refresh token for a new token. Xero rotates refresh
// tokens, so the caller must persist the returned one; the tenant is kept.
func (p *Platform) Refresh(ctx context.Context, t *ledgersync.Token) (*ledgersync.Token, error) {
	if t.RefreshToken == "" {
		return nil, &ledgersync.PlatformError{
			Kind:    ledgersync.PlatformReauthorize,
			Message: "the connection has no refresh token",
		}
	}
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	// An empty access token makes the source refresh at once.
	src := p.oauth.TokenSource(p.oauthContext(ctx), &oauth2.Token{RefreshToken: t.RefreshToken})
	ot, err := src.Token()
	if err != nil {
		return nil, redact(p.tokenError("refresh token", err), t.RefreshToken)
	}
	nt := p.token(ot)
	nt.TenantID, nt.TenantName = t.TenantID, t.TenantName
	return nt, nil
}

// Revoke revokes t's refresh token, and with it every access token issued
// from it. It is best effort: callers may ignore its error, since the
// connection is closed on ledgersync's side either way.
func (p *Platform) Revoke(ctx context.Context, t *ledgersync.Token) error {
	if p.endpoints.RevocationURL == "" || t.RefreshToken == "" {
		return nil
	}
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	form := url.Values{"token": {t.RefreshToken}, "token_type_hint": {"refresh_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.endpoints.RevocationURL,
		strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(p.oauth.ClientID), url.QueryEscape(p.oauth.ClientSecret))
	return p.send(req, nil)
}

// oauthContext makes the oauth2 package use the platform's HTTP client.
func (p *Platform) oauthContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, p.client)
}

// token converts an oauth2 token, computing the expiry on the platform's
// clock when the server said how long the token lives.
func (p *Platform) token(ot *oauth2.Token) *ledgersync.Token {
	expiry := ot.Expiry
	if ot.ExpiresIn > 0 {
		expiry = p.now().Add(time.Duration(ot.ExpiresIn) * time.Second)
	}
	return &ledgersync.Token{
		AccessToken:  ot.AccessToken,
		RefreshToken: ot.RefreshToken,
		Expiry:       expiry,
	}
}

// StaticTokenSource returns a TokenSource that always hands out t. It
// never refreshes, so it is meant for tests and short-lived tools.
func StaticTokenSource(t *ledgersync.Token) ledgersync.TokenSource {
	return staticTokenSource{t}
}

type staticTokenSource struct{ t *ledgersync.Token }

func (s staticTokenSource) Token(context.Context) (*ledgersync.Token, error) {
	return s.t, nil
}
