package ledgersync

import "time"

// Client is a partner: a commerce or payments platform whose merchants use
// ledgersync. It authenticates with API keys and owns companies.
type Client struct {
	ID       string
	Name     string
	Created  time.Time
	Disabled bool
	// CompanyLimit caps the number of companies; zero means no limit.
	CompanyLimit int
	// DisabledIntegrations lists integration keys the operator turned off.
	DisabledIntegrations []string
}

// IntegrationEnabled reports whether the client may use the integration.
func (c *Client) IntegrationEnabled(key string) bool {
	for _, k := range c.DisabledIntegrations {
		if k == key {
			return false
		}
	}
	return true
}

// ClientUpdate changes a client's operator settings; nil fields are kept.
type ClientUpdate struct {
	Name                 *string
	Disabled             *bool
	CompanyLimit         *int
	DisabledIntegrations *[]string
}

// APIKeyLength is the number of characters of an API key.
const APIKeyLength = 40
