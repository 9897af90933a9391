package ledgersync

import (
	"context"
	"time"
)

// Platform is an accounting platform ledgersync can connect to: the
// built-in sandbox, Xero or QuickBooks Online. It runs the OAuth2
// authorization-code flow with PKCE and opens Connectors.
type Platform interface {
	// Key is the integration key, such as "mqjo".
	Key() string
	// AuthorizeURL is where the merchant's browser goes to log in and
	// consent. state is at least 32 random bytes, encoded; challenge is the
	// S256 PKCE challenge of a 43–128 character verifier.
	AuthorizeURL(state, challenge, redirectURI string) string
	// Exchange trades an authorization code and its PKCE verifier for a
	// token, which names the tenant (organisation or realm) it grants.
	Exchange(ctx context.Context, code, verifier, redirectURI string) (*Token, error)
	// Refresh trades a token's refresh token for a new token; refresh
	// tokens rotate, so the old one must not be used again.
	Refresh(ctx context.Context, t *Token) (*Token, error)
	// Revoke ends the grant, best effort, when a connection is removed.
	Revoke(ctx context.Context, t *Token) error
	// Connect returns a Connector that calls the platform with the token.
	// The token source refreshes it when it expires; refresh tokens rotate.
	Connect(tokens TokenSource) Connector
}

// Token is an OAuth2 grant for one tenant. It is sealed at rest.
type Token struct {
	AccessToken  string    `json:"accessToken"`
	RefreshToken string    `json:"refreshToken"`
	Expiry       time.Time `json:"expiry"`
	// TenantID is the Xero tenant, the QBO realm or the sandbox organisation.
	TenantID   string `json:"tenantId"`
	TenantName string `json:"tenantName"`
}

// TokenSource hands out a valid access token, refreshing (once, even when
// many callers ask at once) and persisting the rotated token as needed.
type TokenSource interface {
	Token(ctx context.Context) (*Token, error)
}

// Connector reads and writes one tenant's accounting data. Errors that the
// sync must tell apart are *PlatformError values.
type Connector interface {
	Organisation(ctx context.Context) (*Organisation, error)
	Accounts(ctx context.Context) ([]Account, error)
	TaxRates(ctx context.Context) ([]TaxRate, error)
	Contacts(ctx context.Context) ([]Contact, error)
	// CreateAccount adds an account to the chart of accounts.
	CreateAccount(ctx context.Context, a AccountCreate) (*Account, error)
}

// Organisation is the tenant's company as the platform knows it.
type Organisation struct {
	ID           string
	Name         string
	CountryCode  string
	BaseCurrency string
}

// AccountType is ledgersync's classification of an account, which decides
// the configuration slots it may fill (SPEC §6.2).
type AccountType string

// The account types.
const (
	AccountIncome    AccountType = "Income"
	AccountExpense   AccountType = "Expense"
	AccountBank      AccountType = "Bank"
	AccountAsset     AccountType = "Asset"
	AccountLiability AccountType = "Liability"
	AccountEquity    AccountType = "Equity"
)

// Account is an entry of the chart of accounts.
type Account struct {
	ID   string
	Code string
	Name string
	Type AccountType
	// PlatformType is the platform's own type, such as Xero's "REVENUE".
	PlatformType string
	Active       bool
	// AcceptsPayments is Xero's EnablePaymentsToAccount (QBO: Other
	// Current Asset); such accounts can clear card payments.
	AcceptsPayments bool
}

// AccountCreate is a new account made from the flow's "Create new
// account…".
type AccountCreate struct {
	Code string
	Name string
	Type AccountType
}

// TaxRate is an accounting tax rate. Rate is a decimal percentage as text,
// such as "20" or "17.5".
type TaxRate struct {
	ID               string
	Name             string
	Rate             string
	Active           bool
	AppliesToRevenue bool
}

// Contact is a customer or a supplier.
type Contact struct {
	ID         string
	Name       string
	IsCustomer bool
	IsSupplier bool
	Active     bool
}

// PlatformError classifies a platform's refusal so callers can decide
// what to do: re-authorize, wait, retry, or report the message.
type PlatformError struct {
	Kind PlatformErrorKind
	// Message is the platform's own explanation, safe to show.
	Message string
	// RetryAfter is set for rate limits.
	RetryAfter time.Duration
	// Status is the platform's HTTP status, when there was one.
	Status int
}

// PlatformErrorKind is what kind of failure a PlatformError is.
type PlatformErrorKind string

// The kinds of platform failures.
const (
	// PlatformReauthorize: the grant was revoked or refused (401,
	// invalid_grant); the connection becomes Deauthorized.
	PlatformReauthorize PlatformErrorKind = "reauthorize"
	// PlatformRateLimited: wait RetryAfter, then retry.
	PlatformRateLimited PlatformErrorKind = "rate_limited"
	// PlatformUnavailable: network or 5xx; retry with backoff.
	PlatformUnavailable PlatformErrorKind = "unavailable"
	// PlatformRejected: the platform refused the request (validation); do
	// not retry the same request.
	PlatformRejected PlatformErrorKind = "rejected"
	// PlatformNotFound: the resource does not exist.
	PlatformNotFound PlatformErrorKind = "not_found"
	// PlatformBilling: the organisation's subscription has lapsed; nothing
	// can be written until it is renewed.
	PlatformBilling PlatformErrorKind = "billing"
	// PlatformAmbiguous: a lookup of a write whose outcome is unknown
	// found more than one candidate, so it cannot be reconciled.
	PlatformAmbiguous PlatformErrorKind = "ambiguous"
)

// Error implements the error interface.
func (e *PlatformError) Error() string {
	return "platform " + string(e.Kind) + ": " + e.Message
}
