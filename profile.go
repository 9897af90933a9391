package ledgersync

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Profile is a client's branding and redirect settings, shown in the flow.
type Profile struct {
	ClientID          string
	Name              string
	LogoURL           string
	IconURL           string
	PrimaryColor      string
	RedirectURL       string
	WhiteListURLs     []string
	AlertAuthHeader   string
	FrameAncestors    []string
	InterstitialStart bool
	// WebhookSecret signs webhooks (whsec_…); PreviousWebhookSecret keeps
	// signing until PreviousSecretUntil after a rotation.
	WebhookSecret         string
	PreviousWebhookSecret string
	PreviousSecretUntil   *time.Time
}

// DefaultPrimaryColor is the flow's colour when a client sets none.
const DefaultPrimaryColor = "#1F4FD8"

// Limits on profile fields.
const (
	MaxWhiteListURLs      = 50
	MaxAlertAuthHeaderLen = 1024
	MaxFrameAncestors     = 20
	MaxURLLength          = 2048
)

// WebhookSecretGrace is how long a rotated-out secret keeps signing.
const WebhookSecretGrace = 24 * time.Hour

// Validate checks every writable field and normalises the origins lists.
func (p *Profile) Validate() error {
	if n := len([]rune(p.Name)); n < 1 || n > 100 {
		return FieldError("name", "name must be 1 to 100 characters.")
	}
	for field, v := range map[string]string{"logoUrl": p.LogoURL, "iconUrl": p.IconURL} {
		if v == "" {
			continue
		}
		if u, err := parseAbsoluteURL(v); err != nil || u.Scheme != "https" {
			return FieldError(field, "%s must be empty or an absolute https URL.", field)
		}
	}
	if p.PrimaryColor == "" {
		p.PrimaryColor = DefaultPrimaryColor
	}
	if !hexColor(p.PrimaryColor) {
		return FieldError("primaryColor", "primaryColor must be a colour of the form #RRGGBB.")
	}
	if err := p.normaliseOrigins(); err != nil {
		return err
	}
	if p.RedirectURL != "" {
		origin, err := OriginOf(strings.ReplaceAll(p.RedirectURL, "{companyId}", "x"))
		if err != nil {
			return FieldError("redirectUrl", "redirectUrl must be empty or an absolute http(s) URL: %v.", err)
		}
		if !p.RedirectAllowed(origin) {
			return FieldError("redirectUrl", "redirectUrl's origin %s is not in whiteListUrls.", origin)
		}
	}
	if len(p.AlertAuthHeader) > MaxAlertAuthHeaderLen || !printableASCII(p.AlertAuthHeader) {
		return FieldError("alertAuthHeader", "alertAuthHeader must be at most %d printable ASCII characters.", MaxAlertAuthHeaderLen)
	}
	return nil
}

// RedirectAllowed reports whether a canonical origin is on the allowlist.
func (p *Profile) RedirectAllowed(origin string) bool {
	for _, o := range p.WhiteListURLs {
		if o == origin {
			return true
		}
	}
	return false
}

func (p *Profile) normaliseOrigins() error {
	lists := []struct {
		field string
		list  *[]string
		max   int
	}{{"whiteListUrls", &p.WhiteListURLs, MaxWhiteListURLs}, {"frameAncestors", &p.FrameAncestors, MaxFrameAncestors}}
	for _, l := range lists {
		if len(*l.list) > l.max {
			return FieldError(l.field, "%s may hold at most %d origins.", l.field, l.max)
		}
		out := make([]string, 0, len(*l.list))
		for i, s := range *l.list {
			o, err := CanonicalOrigin(s)
			if err != nil {
				return FieldError(fmt.Sprintf("%s[%d]", l.field, i), "%s[%d] is not a valid origin: %v.", l.field, i, err)
			}
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
		*l.list = out
	}
	return nil
}

func hexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
