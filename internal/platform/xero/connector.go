package xero

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/ledgersync/ledgersync"
)

// connector reads and writes one tenant through the accounting API.
type connector struct {
	platform *Platform
	tokens   ledgersync.TokenSource
}

// call sends one API request for the token source's tenant and decodes
// the answer into out.
func (c *connector) call(ctx context.Context, method, path string, query url.Values, in, out any) error {
	ctx, cancel := withDeadline(ctx)
	defer cancel()
	tok, err := c.tokens.Token(ctx)
	if err != nil {
		return fmt.Errorf("xero: token: %w", err)
	}
	req, err := c.platform.apiRequest(ctx, method, path, query, in)
	if err != nil {
		return fmt.Errorf("xero: %s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("xero-tenant-id", tok.TenantID)
	return redact(c.platform.send(req, out), tok.AccessToken)
}

// organisation is Xero's Organisation, as far as ledgersync reads it.
// https://developer.xero.com/documentation/api/accounting/organisation
type organisation struct {
	OrganisationID string
	Name           string
	CountryCode    string
	BaseCurrency   string
}

// Organisation returns the tenant's company.
func (c *connector) Organisation(ctx context.Context) (*ledgersync.Organisation, error) {
	var body struct{ Organisations []organisation }
	if err := c.call(ctx, http.MethodGet, "/Organisation", nil, nil, &body); err != nil {
		return nil, err
	}
	if len(body.Organisations) == 0 {
		return nil, &ledgersync.PlatformError{Kind: ledgersync.PlatformNotFound, Message: "GET /Organisation: no organisation in the answer"}
	}
	o := body.Organisations[0]
	return &ledgersync.Organisation{
		ID:           o.OrganisationID,
		Name:         o.Name,
		CountryCode:  o.CountryCode,
		BaseCurrency: o.BaseCurrency,
	}, nil
}
