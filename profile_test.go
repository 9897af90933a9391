package ledgersync_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

func validProfile() *ledgersync.Profile {
	return &ledgersync.Profile{ClientID: "client-1", Name: "Acme"}
}

func origins(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("https://app%d.example.com", i)
	}
	return out
}

// checkFieldError checks that err is nil when field is "", and otherwise an
// *ledgersync.Error with code invalid naming field.
func checkFieldError(t *testing.T, err error, field string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("error = %v, want nil", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("error = nil, want an invalid %s", field)
	}
	var e *ledgersync.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *ledgersync.Error", err, err)
	}
	if e.Code != "invalid" {
		t.Errorf("error code = %q, want %q", e.Code, "invalid")
	}
	if e.Field != field {
		t.Errorf("error field = %q, want %q (message %q)", e.Field, field, e.Message)
	}
	if e.Message == "" {
		t.Error("error message is empty")
	}
	if got := ledgersync.ErrorCode(err); got != ledgersync.EInvalid {
		t.Errorf("ErrorCode = %q, want %q", got, ledgersync.EInvalid)
	}
}

func TestProfileValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		modify func(p *ledgersync.Profile)
		field  string
		check  func(t *testing.T, p *ledgersync.Profile)
	}{
		{name: "valid minimal", modify: func(*ledgersync.Profile) {}},

		// Name: 1 to 100 runes.
		{name: "name empty", modify: func(p *ledgersync.Profile) { p.Name = "" }, field: "name"},
		{name: "name one rune", modify: func(p *ledgersync.Profile) { p.Name = "A" }},
		{name: "name one multi-byte rune", modify: func(p *ledgersync.Profile) { p.Name = "日" }},
		{name: "name 100 ascii", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("a", 100) }},
		{name: "name 101 ascii", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("a", 101) }, field: "name"},
		{name: "name 100 two-byte runes", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("é", 100) }},
		{name: "name 100 three-byte runes", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("日", 100) }},
		{name: "name 100 four-byte runes", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("😀", 100) }},
		{name: "name 101 two-byte runes", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("é", 101) }, field: "name"},
		{name: "name 101 three-byte runes", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("日", 101) }, field: "name"},
		{name: "name 99 ascii and one emoji", modify: func(p *ledgersync.Profile) { p.Name = strings.Repeat("a", 99) + "😀" }},

		// Logo and icon: empty or https.
		{name: "logo empty", modify: func(p *ledgersync.Profile) { p.LogoURL = "" }},
		{name: "logo https", modify: func(p *ledgersync.Profile) { p.LogoURL = "https://cdn.example.com/logo.png" }},
		{name: "logo https with query", modify: func(p *ledgersync.Profile) { p.LogoURL = "https://cdn.example.com/logo.png?v=2" }},
		{name: "logo http", modify: func(p *ledgersync.Profile) { p.LogoURL = "http://cdn.example.com/logo.png" }, field: "logoUrl"},
		{name: "logo http localhost", modify: func(p *ledgersync.Profile) { p.LogoURL = "http://localhost:3000/logo.png" }, field: "logoUrl"},
		{name: "logo relative", modify: func(p *ledgersync.Profile) { p.LogoURL = "/logo.png" }, field: "logoUrl"},
		{name: "logo scheme-relative", modify: func(p *ledgersync.Profile) { p.LogoURL = "//cdn.example.com/logo.png" }, field: "logoUrl"},
		{name: "logo javascript", modify: func(p *ledgersync.Profile) { p.LogoURL = "javascript:alert(1)" }, field: "logoUrl"},
		{name: "logo data", modify: func(p *ledgersync.Profile) { p.LogoURL = "data:image/png;base64,iVBORw0KGgo=" }, field: "logoUrl"},
		{name: "logo credentials", modify: func(p *ledgersync.Profile) { p.LogoURL = "https://u:p@cdn.example.com/logo.png" }, field: "logoUrl"},
		{name: "logo newline", modify: func(p *ledgersync.Profile) { p.LogoURL = "https://cdn.example.com/\nlogo.png" }, field: "logoUrl"},
		{name: "logo space", modify: func(p *ledgersync.Profile) { p.LogoURL = " " }, field: "logoUrl"},
		{name: "icon empty", modify: func(p *ledgersync.Profile) { p.IconURL = "" }},
		{name: "icon https", modify: func(p *ledgersync.Profile) { p.IconURL = "https://cdn.example.com/icon.svg" }},
		{name: "icon http", modify: func(p *ledgersync.Profile) { p.IconURL = "http://cdn.example.com/icon.svg" }, field: "iconUrl"},
		{name: "icon javascript", modify: func(p *ledgersync.Profile) { p.IconURL = "javascript:alert(1)" }, field: "iconUrl"},
		{name: "icon fragment", modify: func(p *ledgersync.Profile) { p.IconURL = "https://cdn.example.com/icon.svg#x" }, field: "iconUrl"},
		{name: "icon relative", modify: func(p *ledgersync.Profile) { p.IconURL = "icon.svg" }, field: "iconUrl"},

		// Primary colour: default and #RRGGBB.
		{name: "color default", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "" }, check: func(t *testing.T, p *ledgersync.Profile) {
			if p.PrimaryColor != "#1F4FD8" {
				t.Errorf("PrimaryColor = %q, want %q", p.PrimaryColor, "#1F4FD8")
			}
		}},
		{name: "color upper", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#AABBCC" }, check: func(t *testing.T, p *ledgersync.Profile) {
			if p.PrimaryColor != "#AABBCC" {
				t.Errorf("PrimaryColor = %q, want it kept", p.PrimaryColor)
			}
		}},
		{name: "color lower", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#a1b2c3" }},
		{name: "color black", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#000000" }},
		{name: "color short", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#ABC" }, field: "primaryColor"},
		{name: "color no hash", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "AABBCC" }, field: "primaryColor"},
		{name: "color no hash 7", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "AABBCCD" }, field: "primaryColor"},
		{name: "color not hex", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#GGGGGG" }, field: "primaryColor"},
		{name: "color alpha", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#AABBCCDD" }, field: "primaryColor"},
		{name: "color name", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "red" }, field: "primaryColor"},
		{name: "color space", modify: func(p *ledgersync.Profile) { p.PrimaryColor = " #AABBCC" }, field: "primaryColor"},
		{name: "color double hash", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "##ABCDE" }, field: "primaryColor"},
		{name: "color css injection", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#fff;}x" }, field: "primaryColor"},
		{name: "color unicode digits", modify: func(p *ledgersync.Profile) { p.PrimaryColor = "#１２３４５６" }, field: "primaryColor"},

		// Allowlist: normalised, de-duplicated, at most 50.
		{name: "whitelist normalised and deduplicated", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://App.Example.com", "https://app.example.com:443/", "https://other.example.com:8443", "HTTPS://APP.EXAMPLE.COM", "http://LOCALHOST:3000/"}
		}, check: func(t *testing.T, p *ledgersync.Profile) {
			want := []string{"https://app.example.com", "https://other.example.com:8443", "http://localhost:3000"}
			if !slices.Equal(p.WhiteListURLs, want) {
				t.Errorf("WhiteListURLs = %q, want %q", p.WhiteListURLs, want)
			}
		}},
		{name: "whitelist empty", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = []string{} }, check: func(t *testing.T, p *ledgersync.Profile) {
			if len(p.WhiteListURLs) != 0 {
				t.Errorf("WhiteListURLs = %q, want empty", p.WhiteListURLs)
			}
		}},
		{name: "whitelist 50", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = origins(50) }, check: func(t *testing.T, p *ledgersync.Profile) {
			if len(p.WhiteListURLs) != 50 {
				t.Errorf("len(WhiteListURLs) = %d, want 50", len(p.WhiteListURLs))
			}
		}},
		{name: "whitelist 51", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = origins(51) }, field: "whiteListUrls"},
		{name: "whitelist 100", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = origins(100) }, field: "whiteListUrls"},
		{name: "whitelist first invalid", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"http://evil.com", "https://app.example.com"}
		}, field: "whiteListUrls[0]"},
		{name: "whitelist second invalid", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com", "http://evil.com"}
		}, field: "whiteListUrls[1]"},
		{name: "whitelist index counts duplicates", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://a.com", "https://a.com", "https://a.com", "//evil.com"}
		}, field: "whiteListUrls[3]"},
		{name: "whitelist empty entry", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = []string{""} }, field: "whiteListUrls[0]"},
		{name: "whitelist path", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://a.com", "https://b.com/callback"}
		}, field: "whiteListUrls[1]"},
		{name: "whitelist query", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = []string{"https://a.com?x=1"} }, field: "whiteListUrls[0]"},
		{name: "whitelist fragment", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = []string{"https://a.com#x"} }, field: "whiteListUrls[0]"},
		{name: "whitelist credentials", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = []string{"https://a.com@evil.com"} }, field: "whiteListUrls[0]"},
		{name: "whitelist wildcard", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = []string{"https://*.example.com"} }, field: "whiteListUrls[0]"},
		{name: "whitelist trailing dot", modify: func(p *ledgersync.Profile) { p.WhiteListURLs = []string{"https://a.com."} }, field: "whiteListUrls[0]"},
		{name: "whitelist javascript", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://a.com", "https://b.com", "javascript:alert(1)"}
		}, field: "whiteListUrls[2]"},

		// Frame ancestors follow the same rules, with a limit of 20.
		{name: "frame ancestors normalised", modify: func(p *ledgersync.Profile) {
			p.FrameAncestors = []string{"https://A.com:443", "https://a.com/"}
		}, check: func(t *testing.T, p *ledgersync.Profile) {
			if want := []string{"https://a.com"}; !slices.Equal(p.FrameAncestors, want) {
				t.Errorf("FrameAncestors = %q, want %q", p.FrameAncestors, want)
			}
		}},
		{name: "frame ancestors 20", modify: func(p *ledgersync.Profile) { p.FrameAncestors = origins(20) }},
		{name: "frame ancestors 21", modify: func(p *ledgersync.Profile) { p.FrameAncestors = origins(21) }, field: "frameAncestors"},
		{name: "frame ancestors invalid", modify: func(p *ledgersync.Profile) {
			p.FrameAncestors = []string{"https://a.com", "http://b.com"}
		}, field: "frameAncestors[1]"},

		// Redirect URL: its origin must be on the allowlist.
		{name: "redirect empty", modify: func(p *ledgersync.Profile) { p.RedirectURL = "" }},
		{name: "redirect with placeholder listed", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com/callback/{companyId}"
		}, check: func(t *testing.T, p *ledgersync.Profile) {
			if p.RedirectURL != "https://app.example.com/callback/{companyId}" {
				t.Errorf("RedirectURL = %q, want it unchanged", p.RedirectURL)
			}
		}},
		{name: "redirect placeholder in query", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com/callback?companyId={companyId}&x=1"
		}},
		{name: "redirect placeholder twice", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com/{companyId}/done/{companyId}"
		}},
		{name: "redirect without placeholder", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com/done"
		}},
		{name: "redirect listed in other form", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"HTTPS://APP.EXAMPLE.COM:443/"}
			p.RedirectURL = "https://App.Example.com/callback/{companyId}"
		}},
		{name: "redirect listed second", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://other.example.com", "https://app.example.com"}
			p.RedirectURL = "https://app.example.com/{companyId}"
		}},
		{name: "redirect localhost", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"http://localhost:3000"}
			p.RedirectURL = "http://localhost:3000/callback/{companyId}"
		}},
		{name: "redirect explicit port listed", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com:8443"}
			p.RedirectURL = "https://app.example.com:8443/{companyId}"
		}},
		{name: "redirect no allowlist", modify: func(p *ledgersync.Profile) {
			p.RedirectURL = "https://app.example.com/callback/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect other origin", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://other.example.com"}
			p.RedirectURL = "https://app.example.com/callback/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect other port", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com:8443/callback/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect subdomain", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://example.com"}
			p.RedirectURL = "https://app.example.com/callback/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect parent domain", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://example.com/callback/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect suffix host", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com.evil.com/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect http of listed host", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "http://app.example.com/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect credentials", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com@evil.com/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect scheme-relative", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "//app.example.com/{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect backslash", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = `https://app.example.com\@evil.com/{companyId}`
		}, field: "redirectUrl"},
		{name: "redirect javascript", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "javascript:alert('{companyId}')"
		}, field: "redirectUrl"},
		{name: "redirect fragment", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com/cb#{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect placeholder in host", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://{companyId}.example.com/cb"
		}, field: "redirectUrl"},
		{name: "redirect placeholder in port", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com:{companyId}/cb"
		}, field: "redirectUrl"},
		{name: "redirect newline", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "https://app.example.com/cb\r\n{companyId}"
		}, field: "redirectUrl"},
		{name: "redirect relative", modify: func(p *ledgersync.Profile) {
			p.WhiteListURLs = []string{"https://app.example.com"}
			p.RedirectURL = "/callback/{companyId}"
		}, field: "redirectUrl"},

		// Alert auth header: printable ASCII, at most 1024 bytes.
		{name: "alert header empty", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "" }},
		{name: "alert header bearer", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer abc.DEF-123_~+/=" }},
		{name: "alert header printable bounds", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = " ~!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}" }},
		{name: "alert header 1024", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = strings.Repeat("a", 1024) }},
		{name: "alert header 1025", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = strings.Repeat("a", 1025) }, field: "alertAuthHeader"},
		{name: "alert header newline", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer x\r\nX-Evil: 1" }, field: "alertAuthHeader"},
		{name: "alert header lf", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer x\n" }, field: "alertAuthHeader"},
		{name: "alert header tab", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer\tx" }, field: "alertAuthHeader"},
		{name: "alert header nul", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer \x00" }, field: "alertAuthHeader"},
		{name: "alert header del", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer \x7f" }, field: "alertAuthHeader"},
		{name: "alert header non-ascii", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer café" }, field: "alertAuthHeader"},
		{name: "alert header invalid utf-8", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = "Bearer \xff" }, field: "alertAuthHeader"},
		{name: "alert header 512 two-byte runes", modify: func(p *ledgersync.Profile) { p.AlertAuthHeader = strings.Repeat("é", 512) }, field: "alertAuthHeader"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := validProfile()
			tt.modify(p)
			checkFieldError(t, p.Validate(), tt.field)
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

func TestProfileValidateErrorNamesOneField(t *testing.T) {
	t.Parallel()
	// Several problems at once: the error still names exactly one field
	// and is an *Error with code invalid.
	p := &ledgersync.Profile{
		Name:          "",
		LogoURL:       "http://x.com/a.png",
		PrimaryColor:  "red",
		WhiteListURLs: []string{"//evil.com"},
	}
	err := p.Validate()
	var e *ledgersync.Error
	if !errors.As(err, &e) || e.Code != ledgersync.EInvalid {
		t.Fatalf("Validate() = %v, want an invalid *Error", err)
	}
	if e.Field != "name" {
		t.Fatalf("Field = %q, want %q (the first field checked)", e.Field, "name")
	}
}

func TestProfileValidateIdempotent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    ledgersync.Profile
	}{
		{"lists", ledgersync.Profile{
			Name:           "Acme",
			WhiteListURLs:  []string{"https://A.com", "https://a.com:443/", "http://localhost:3000"},
			FrameAncestors: []string{"https://B.com/", "https://b.com"},
			RedirectURL:    "https://a.com/cb/{companyId}",
		}},
		{"defaults", ledgersync.Profile{Name: "Acme"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := tt.p
			if err := p.Validate(); err != nil {
				t.Fatalf("first Validate() = %v", err)
			}
			first := p
			first.WhiteListURLs = slices.Clone(p.WhiteListURLs)
			first.FrameAncestors = slices.Clone(p.FrameAncestors)
			if err := p.Validate(); err != nil {
				t.Fatalf("second Validate() = %v", err)
			}
			if !slices.Equal(first.WhiteListURLs, p.WhiteListURLs) || !slices.Equal(first.FrameAncestors, p.FrameAncestors) ||
				first.PrimaryColor != p.PrimaryColor || first.RedirectURL != p.RedirectURL {
				t.Fatalf("second Validate changed the profile: %+v then %+v", first, p)
			}
		})
	}
}
