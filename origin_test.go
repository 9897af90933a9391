package ledgersync_test

import (
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// rejectedOrigins must be refused by both OriginOf and CanonicalOrigin: they
// are redirect and origin bypass attempts or plainly not web origins.
var rejectedOrigins = []string{
	"https://ａｌｌｏｗｅｄ.com",
	"https://*.example.com",
	"https://a.com;script-src",
	"https://'self'",
	// Empty and relative.
	"",
	"allowed.com",
	"allowed.com/path",
	"/path",
	"/",
	"?x=https://allowed.com",

	// Scheme-relative and backslash tricks.
	"//evil.com",
	"///evil.com",
	"////evil.com",
	`/\evil.com`,
	`\\evil.com`,
	`\/evil.com`,
	`https:\\evil.com`,
	`https:/\evil.com`,
	`https://allowed.com\@evil.com`,
	`https://evil.com\.allowed.com`,
	`https://allowed.com\`,
	`https://allowed.com/\evil.com`,

	// Missing or malformed authority.
	"https:evil.com",
	"https:/evil.com",
	"https:///evil.com",
	"https://",
	"https:///",
	"https://?x",
	"https://:443",
	"https://:443/",
	"https:",
	"https",

	// Credentials.
	"https://allowed.com@evil.com",
	"https://allowed.com:443@evil.com",
	"https://@evil.com",
	"https://user:pass@allowed.com",
	"https://user@allowed.com",
	"https://:@allowed.com",
	"https://allowed.com%40evil.com",
	"https://allowed.com%2f@evil.com",
	"https://allowed.com%2f.evil.com",

	// Dangerous and non-web schemes.
	"javascript:alert(1)",
	"JavaScript:alert(1)",
	"javascript://allowed.com/%0aalert(1)",
	"javascript://allowed.com",
	"data:text/html,x",
	"data:text/html;base64,PHNjcmlwdD4=",
	"vbscript:msgbox(1)",
	"file:///etc/passwd",
	"file://allowed.com/etc/passwd",
	"ftp://allowed.com",
	"ws://allowed.com",
	"wss://allowed.com",
	"blob:https://allowed.com/uuid",
	"mailto:a@allowed.com",
	"httpss://allowed.com",
	"https+x://allowed.com",

	// Control characters and whitespace.
	"https://allowed.com\r\n",
	"https://allowed.com\n.evil.com",
	"https://allowed.com\r.evil.com",
	"https://evil.com\t.allowed.com",
	"https://allowed.com/\r\nLocation: https://evil.com",
	"https://allowed.com/%0d%0a\r\n",
	"\thttps://allowed.com",
	" https://allowed.com",
	"https://allowed.com ",
	"https://allowed .com",
	"https://allowed.com\x00",
	"https://allowed.com\x00.evil.com",
	"https://allowed.com\x7f",
	"https://allowed.com\x0b",
	"https://allowed.com\x0c",
	"java\nscript:alert(1)",
	"java\tscript:alert(1)",
	"https://allowed.com%09",
	"https://allowed.com%00",

	// Plain http off loopback.
	"http://evil.com",
	"http://allowed.com",
	"HTTP://evil.com",
	"http://localhost.evil.com",
	"http://localhost.",
	"http://evil.com/localhost",
	"http://evil.com?localhost",
	"http://127.0.0.1.nip.io",
	"http://127.0.0.1.evil.com",
	"http://10.0.0.1",
	"http://192.168.1.1:8080",
	"http://0.0.0.0",
	"http://[::]",
	"http://[::2]",
	"http://127.1",
	"http://2130706433",
	"http://0x7f000001",
	"http://localhost@evil.com",
	"http://evil.com#@localhost",

	// Fragments.
	"https://allowed.com#",
	"https://allowed.com#x",
	"https://allowed.com/#/x",
	"https://evil.com#@allowed.com",
	"https://evil.com#.allowed.com",
	"https://allowed.com/path?x=1#frag",
	"https://#",

	// Trailing-dot hosts.
	"https://allowed.com.",
	"https://allowed.com./",
	"https://allowed.com.:443",
	"https://allowed.com./path",
	"https://ALLOWED.COM.",
	"https://.",

	// Bad ports.
	"https://allowed.com:",
	"https://allowed.com:/",
	"https://allowed.com:/path",
	"https://allowed.com:x",
	"https://allowed.com:-1",
	"https://allowed.com:+443",
	"https://allowed.com:443:443",
	"https://allowed.com: 443",
	"https://allowed.com:65536",
	"https://allowed.com:99999",
	"https://[::1]:",
	"https://[::1]x",

	// Malformed hosts.
	"https://[::1",
	"https://::1",
	"https://allowed .com",
	"https://allowed%20.com",
	"https://allowed.com%23.evil.com",
	"https://allowed.com%3f.evil.com",

	// Too long.
	"https://allowed.com/" + strings.Repeat("a", ledgersync.MaxURLLength),
	"https://" + strings.Repeat("a", ledgersync.MaxURLLength) + ".com",
}

// rejectedAsOrigin are valid URLs that OriginOf accepts but that are not bare
// origins, so CanonicalOrigin refuses them.
var rejectedAsOrigin = []struct {
	in, origin string
}{
	{"https://allowed.com/path", "https://allowed.com"},
	{"https://allowed.com//", "https://allowed.com"},
	{"https://allowed.com/.", "https://allowed.com"},
	{"https://allowed.com/%2e%2e", "https://allowed.com"},
	{"https://allowed.com/callback/{companyId}", "https://allowed.com"},
	{"https://allowed.com?", "https://allowed.com"},
	{"https://allowed.com/?", "https://allowed.com"},
	{"https://allowed.com?x=1", "https://allowed.com"},
	{"https://allowed.com/?next=https://evil.com", "https://allowed.com"},
	{"https://Allowed.com:443/a/b?c=d", "https://allowed.com"},
	{"https://allowed.com:8443/cb", "https://allowed.com:8443"},
	{"http://localhost:3000/callback?id=1", "http://localhost:3000"},
	{"https://evil.com/https://allowed.com", "https://evil.com"},
	{"https://evil.com?https://allowed.com", "https://evil.com"},
	{"https://evil.com/@allowed.com", "https://evil.com"},
	{"https://evil.com/.allowed.com", "https://evil.com"},
}

// acceptedOrigins are origins both functions accept, with their canonical
// form.
var acceptedOrigins = []struct {
	in, want string
}{
	{"https://example.com", "https://example.com"},
	{"https://example.com/", "https://example.com"},
	{"HTTPS://EXAMPLE.COM", "https://example.com"},
	{"Https://Example.Com/", "https://example.com"},
	{"https://Example.COM:443", "https://example.com"},
	{"https://example.com:443/", "https://example.com"},
	{"https://example.com:8443", "https://example.com:8443"},
	{"https://EXAMPLE.com:8443/", "https://example.com:8443"},
	{"https://example.com:80", "https://example.com:80"},
	{"https://example.com:1", "https://example.com:1"},
	{"https://example.com:65535", "https://example.com:65535"},
	{"https://sub.example.com", "https://sub.example.com"},
	{"https://a.b.c.example.co.uk", "https://a.b.c.example.co.uk"},
	{"https://my-app.example.com", "https://my-app.example.com"},
	{"https://192.0.2.1", "https://192.0.2.1"},
	{"https://192.0.2.1:8443", "https://192.0.2.1:8443"},
	{"http://localhost:3000", "http://localhost:3000"},
	{"http://localhost:3000/", "http://localhost:3000"},
	{"http://LOCALHOST:3000", "http://localhost:3000"},
	{"HTTP://LocalHost:3000", "http://localhost:3000"},
	{"http://localhost", "http://localhost"},
	{"http://localhost:80", "http://localhost"},
	{"https://localhost", "https://localhost"},
	{"https://localhost:443", "https://localhost"},
	{"https://localhost:3000", "https://localhost:3000"},
	{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
	{"http://127.0.0.1", "http://127.0.0.1"},
	{"http://127.0.0.1:80", "http://127.0.0.1"},
	{"http://127.1.2.3:5000", "http://127.1.2.3:5000"},
	{"http://[::1]", "http://[::1]"},
	{"http://[::1]:3000", "http://[::1]:3000"},
	{"https://[::1]:8443", "https://[::1]:8443"},
	{"https://[::1]:443", "https://[::1]"},
	{"https://[2001:db8::1]", "https://[2001:db8::1]"},
	{"https://[2001:DB8::1]:8443", "https://[2001:db8::1]:8443"},
	{"https://xn--exmple-cua.com", "https://xn--exmple-cua.com"},
	{"https://XN--EXMPLE-CUA.COM", "https://xn--exmple-cua.com"},
	{"https://xn--exmple-cua.com:443/", "https://xn--exmple-cua.com"},
}

func TestOriginRejected(t *testing.T) {
	t.Parallel()
	if len(rejectedOrigins) < 40 {
		t.Fatalf("only %d rejection vectors", len(rejectedOrigins))
	}
	for _, in := range rejectedOrigins {
		name := in
		if len(name) > 80 {
			name = name[:80]
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got, err := ledgersync.OriginOf(in); err == nil || got != "" {
				t.Errorf("OriginOf(%q) = %q, %v; want an error", in, got, err)
			}
			if got, err := ledgersync.CanonicalOrigin(in); err == nil || got != "" {
				t.Errorf("CanonicalOrigin(%q) = %q, %v; want an error", in, got, err)
			}
		})
	}
}

func TestCanonicalOriginRejectsPathAndQuery(t *testing.T) {
	t.Parallel()
	for _, tt := range rejectedAsOrigin {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got, err := ledgersync.CanonicalOrigin(tt.in); err == nil || got != "" {
				t.Errorf("CanonicalOrigin(%q) = %q, %v; want an error", tt.in, got, err)
			}
			got, err := ledgersync.OriginOf(tt.in)
			if err != nil || got != tt.origin {
				t.Errorf("OriginOf(%q) = %q, %v; want %q", tt.in, got, err, tt.origin)
			}
		})
	}
}

func TestOriginAccepted(t *testing.T) {
	t.Parallel()
	for _, tt := range acceptedOrigins {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ledgersync.CanonicalOrigin(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("CanonicalOrigin(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			got, err = ledgersync.OriginOf(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("OriginOf(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			// With a path and query the origin is the same.
			withPath := strings.TrimSuffix(tt.in, "/") + "/callback/x?state=1"
			got, err = ledgersync.OriginOf(withPath)
			if err != nil || got != tt.want {
				t.Errorf("OriginOf(%q) = %q, %v; want %q", withPath, got, err, tt.want)
			}
			// The canonical form is a fixed point.
			again, err := ledgersync.CanonicalOrigin(tt.want)
			if err != nil || again != tt.want {
				t.Errorf("CanonicalOrigin(%q) = %q, %v; want it unchanged", tt.want, again, err)
			}
		})
	}
}

// TestOriginIdempotent checks that an accepted origin's canonical form is a
// valid URL that canonicalises to itself.
func TestOriginIdempotent(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in string }{
		{"plain", "https://example.com"},
		{"default port and path", "https://Example.com:443/x"},
		{"loopback ipv6", "http://[::1]:3000/x"},
		{"escaped utf-8 host", "https://%C3%A9xample.com"},
		// A percent-escaped "%" in the host unescapes to a bare "%", which
		// is not a valid URL once printed back.
		{"escaped percent", "https://a%25b.com"},
		{"double escaped percent", "https://a%25252e.com"},
		// An IPv6 zone is printed with a bare "%" too.
		{"ipv6 zone", "https://[fe80::1%25eth0]"},
		{"ipv6 zone on http", "http://[fe80::1%25lo]:3000"},
		// Lower-casing can lengthen a host ("Ⱥ" is 2 bytes, "ⱥ" 3), pushing
		// the canonical form past MaxURLLength.
		{"lower case grows past limit", "https://" + strings.Repeat("Ⱥ", 1015) + ".com"},
		// Each invalid UTF-8 byte becomes a 3-byte U+FFFD when lower-cased.
		{"invalid utf-8 grows past limit", "https://a" + strings.Repeat("\xa9", 1000) + ".com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkOriginInvariant(t, tt.in)
		})
	}
}

// TestOriginDistinct checks that a different port, scheme or host, however
// close to an allowed origin, is a different origin that the allowlist
// refuses.
func TestOriginDistinct(t *testing.T) {
	t.Parallel()
	p := &ledgersync.Profile{
		Name:          "Acme",
		WhiteListURLs: []string{"https://allowed.com", "http://localhost:3000"},
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	allowed := []string{
		"https://allowed.com/callback",
		"https://ALLOWED.com:443/callback?x=1",
		"HTTPS://allowed.COM",
		"http://localhost:3000/cb",
		"http://LOCALHOST:3000",
	}
	for _, in := range allowed {
		t.Run("allowed "+in, func(t *testing.T) {
			t.Parallel()
			o, err := ledgersync.OriginOf(in)
			if err != nil {
				t.Fatalf("OriginOf(%q) error = %v", in, err)
			}
			if !p.RedirectAllowed(o) {
				t.Fatalf("RedirectAllowed(%q) (from %q) = false, want true", o, in)
			}
		})
	}
	refused := []string{
		"https://allowed.com:8443/callback",
		"https://allowed.com:444",
		"https://allowed.com:80",
		"https://sub.allowed.com/callback",
		"https://www.allowed.com",
		"https://evil.allowed.com",
		"https://allowed.com.evil.com",
		"https://allowedXcom.evil.com",
		"https://evilallowed.com",
		"https://allowed.co",
		"https://allowed.com.au",
		"https://xn--llowed-4qa.com",
		"https://localhost:3000",
		"http://localhost:3001",
		"http://localhost",
		"http://127.0.0.1:3000",
		"http://[::1]:3000",
	}
	for _, in := range refused {
		t.Run("refused "+in, func(t *testing.T) {
			t.Parallel()
			o, err := ledgersync.OriginOf(in)
			if err != nil {
				t.Fatalf("OriginOf(%q) error = %v, want a (different) origin", in, err)
			}
			if p.RedirectAllowed(o) {
				t.Fatalf("RedirectAllowed(%q) (from %q) = true, want false", o, in)
			}
			for _, w := range p.WhiteListURLs {
				if o == w {
					t.Fatalf("OriginOf(%q) = %q, the same as allowed origin %q", in, o, w)
				}
			}
		})
	}
	// Inputs that are not even valid are refused before the allowlist.
	for _, in := range []string{
		"http://allowed.com/callback",
		"//allowed.com/callback",
		"https://allowed.com@evil.com",
		"https://allowed.com.",
		"https://allowed.com:",
	} {
		t.Run("invalid "+in, func(t *testing.T) {
			t.Parallel()
			if o, err := ledgersync.OriginOf(in); err == nil {
				t.Fatalf("OriginOf(%q) = %q, want an error", in, o)
			}
		})
	}
}

// TestOriginInvalidUTF8 checks that hosts differing only in invalid UTF-8
// bytes do not collapse into one origin.
func TestOriginInvalidUTF8(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, a, b string }{
		{"x81 vs x82", "https://a\x81.com", "https://a\x82.com"},
		{"xff vs xfe", "https://allowed\xff.com", "https://allowed\xfe.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, errA := ledgersync.OriginOf(tt.a)
			b, errB := ledgersync.OriginOf(tt.b)
			if errA == nil && errB == nil && a == b {
				t.Fatalf("OriginOf(%q) = OriginOf(%q) = %q; want an error or distinct origins", tt.a, tt.b, a)
			}
		})
	}
}

func TestRedirectAllowedExactMatch(t *testing.T) {
	t.Parallel()
	p := &ledgersync.Profile{WhiteListURLs: []string{"https://allowed.com"}}
	tests := []struct {
		origin string
		want   bool
	}{
		{"https://allowed.com", true},
		{"https://allowed.com/", false},
		{"https://ALLOWED.com", false},
		{"https://allowed.com:443", false},
		{"https://allowed.co", false},
		{"allowed.com", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.origin, func(t *testing.T) {
			t.Parallel()
			if got := p.RedirectAllowed(tt.origin); got != tt.want {
				t.Fatalf("RedirectAllowed(%q) = %t, want %t", tt.origin, got, tt.want)
			}
		})
	}
	empty := &ledgersync.Profile{}
	if empty.RedirectAllowed("https://allowed.com") {
		t.Fatal("an empty allowlist allowed an origin")
	}
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkOriginInvariant checks, for any input, that a successful OriginOf
// returns a bare https (or loopback http) origin that is its own origin.
func checkOriginInvariant(t *testing.T, in string) {
	t.Helper()
	got, err := ledgersync.OriginOf(in)
	if err != nil {
		if got != "" {
			t.Fatalf("OriginOf(%.120q) = %.120q alongside error %v", in, got, err)
		}
		return
	}
	u, err := url.Parse(got)
	if err != nil {
		t.Fatalf("OriginOf(%.120q) = %.120q, which does not parse: %v", in, got, err)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopbackHost(u.Hostname()):
	default:
		t.Fatalf("OriginOf(%.120q) = %.120q: scheme %.120q with host %.120q", in, got, u.Scheme, u.Hostname())
	}
	if u.Hostname() == "" || u.Opaque != "" {
		t.Fatalf("OriginOf(%.120q) = %.120q has no host", in, got)
	}
	if u.User != nil {
		t.Fatalf("OriginOf(%.120q) = %.120q has userinfo", in, got)
	}
	if u.Path != "" || u.RawPath != "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		t.Fatalf("OriginOf(%.120q) = %.120q has a path, query or fragment", in, got)
	}
	if got != strings.ToLower(got) {
		t.Fatalf("OriginOf(%.120q) = %.120q is not lower case", in, got)
	}
	again, err := ledgersync.OriginOf(got)
	if err != nil || again != got {
		t.Fatalf("OriginOf(OriginOf(%.120q)) = %.120q, %v; want %.120q", in, again, err, got)
	}
	canon, err := ledgersync.CanonicalOrigin(got)
	if err != nil || canon != got {
		t.Fatalf("CanonicalOrigin(OriginOf(%.120q)) = %.120q, %v; want %.120q", in, canon, err, got)
	}
}

func FuzzOriginOf(f *testing.F) {
	for _, s := range rejectedOrigins {
		f.Add(s)
	}
	for _, tt := range rejectedAsOrigin {
		f.Add(tt.in)
	}
	for _, tt := range acceptedOrigins {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOriginInvariant(t, s)
	})
}
