package ledgersync

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Flow link rules of the contract (SPEC §4).
const (
	// LinkTTL is how long a start link lives, judged on the database clock.
	LinkTTL = 30 * time.Second
	// LinkMaxFailures is how many wrong codes burn a link.
	LinkMaxFailures = 5
	// SessionIdle and SessionMax bound a merchant's session.
	SessionIdle = 60 * time.Minute
	SessionMax  = 8 * time.Hour
	// OAuthStateTTL bounds an authorization request in flight.
	OAuthStateTTL = 10 * time.Minute
)

// FlowStart is a partner's request for a start URL.
type FlowStart struct {
	CommerceKey        string
	AccountingKey      string
	MerchantIdentifier string
	// RedirectURL is where the merchant goes at the end; empty means the
	// profile's redirect URL, or a success page.
	RedirectURL string
}

// FlowLink is a new one-time start link. Token and Code exist only here,
// in the URL handed to the partner; the store keeps their hashes.
type FlowLink struct {
	ID                 string
	Token              string
	Code               string
	ClientID           string
	CompanyID          string
	CommerceKey        string
	AccountingKey      string
	MerchantIdentifier string
	RedirectURL        string
	ExpiresAt          time.Time
}

// URL is the start URL handed to the partner:
// {baseURL}/flow/{clientId}/{commerceKey}/{accountingKey}/start with the
// merchant identifier, the code, the link token and the redirect URL.
func (l *FlowLink) URL(baseURL string) string {
	q := "merchantIdentifier=" + url.QueryEscape(l.MerchantIdentifier) + "&otp=" + l.Code + "&link=" + l.Token
	if l.RedirectURL != "" {
		q += "&redirectUrl=" + url.QueryEscape(l.RedirectURL)
	}
	return baseURL + "/flow/" + l.ClientID + "/" + l.CommerceKey + "/" + l.AccountingKey + "/start?" + q
}

// LinkOpen is a browser's attempt to open a start link.
type LinkOpen struct {
	ClientID           string
	CommerceKey        string
	AccountingKey      string
	MerchantIdentifier string
	Token              string
	Code               string
}

// Session is a merchant's session in the flow, bound to one client and
// one company.
type Session struct {
	ClientID    string
	CompanyID   string
	LinkID      string
	RedirectURL string
	Locale      string
	Created     time.Time
	LastSeen    time.Time
}

// ValidateRedirectURL checks a partner's end-of-flow URL: absolute https
// (http for localhost only), no credentials, fragment or control
// characters, and an origin on the profile's allowlist. "{companyId}" may
// appear and is substituted later.
func ValidateRedirectURL(raw string, p *Profile) error {
	origin, err := OriginOf(strings.ReplaceAll(raw, "{companyId}", "x"))
	if err != nil || !p.RedirectAllowed(origin) {
		return FieldError("redirectUrl", "redirectUrl is not allowed")
	}
	return nil
}

// NewLinkToken returns 32 random bytes, base64url-encoded: the link id
// that a one-time code is checked against.
func NewLinkToken() string { return randomToken(32) }

// NewSessionToken returns a fresh session cookie value.
func NewSessionToken() string { return randomToken(32) }

// NewLinkCode returns a uniformly drawn 6-digit code. Values of the 32-bit
// draw at or above the largest multiple of a million are rejected, so no
// code is likelier than another.
func NewLinkCode() string {
	const space = 1_000_000
	const limit = (1 << 32) / space * space
	var b [4]byte
	for {
		_, _ = rand.Read(b[:])
		if v := binary.BigEndian.Uint32(b[:]); v < limit {
			return fmt.Sprintf("%06d", v%space)
		}
	}
}

func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
