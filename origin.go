package ledgersync

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// CanonicalOrigin parses an origin (scheme, host and optional port, with at
// most a trailing "/") and returns it in canonical form: lower case, default
// port removed. Only https, and http for localhost, are accepted.
func CanonicalOrigin(s string) (string, error) {
	u, err := parseAbsoluteURL(s)
	if err != nil {
		return "", err
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.ForceQuery {
		return "", errors.New("an origin has no path or query")
	}
	return originOf(u), nil
}

// OriginOf returns the canonical origin of an absolute URL, validated as
// CanonicalOrigin validates origins, with any path allowed.
func OriginOf(s string) (string, error) {
	u, err := parseAbsoluteURL(s)
	if err != nil {
		return "", err
	}
	return originOf(u), nil
}

func originOf(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if ip, err := netip.ParseAddr(host); err == nil {
		host = ip.String()
		if ip.Is6() {
			host = "[" + host + "]"
		}
	}
	port, _ := strconv.Atoi(u.Port())
	if port == 0 || (u.Scheme == "https" && port == 443) || (u.Scheme == "http" && port == 80) {
		return u.Scheme + "://" + host
	}
	return u.Scheme + "://" + host + ":" + strconv.Itoa(port)
}

// validHost accepts an IP literal without zone, or a DNS name of ASCII
// letters, digits and hyphens (internationalised names in punycode), so
// no two hosts share a canonical form and none carries CSP syntax.
func validHost(host string) bool {
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Zone() == ""
	}
	if host == "" || len(host) > 253 {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return false
			}
		}
	}
	return true
}

func validPort(p string) bool {
	if p == "" {
		return true
	}
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535 && len(p) <= 5
}

// parseAbsoluteURL accepts an absolute https URL (http only for localhost
// and loopback addresses) with a host, no userinfo, no fragment and no
// control characters or backslashes.
func parseAbsoluteURL(s string) (*url.URL, error) {
	if len(s) > MaxURLLength {
		return nil, errors.New("URL is too long")
	}
	for _, r := range s {
		if r < 0x21 || r >= 0x7f || r == '\\' {
			return nil, errors.New("URL contains a forbidden character")
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, errors.New("URL is not valid")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.Opaque != "" || u.Host == "":
		return nil, errors.New("URL must be absolute")
	case u.User != nil:
		return nil, errors.New("URL must not contain credentials")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return nil, errors.New("URL must not contain a fragment")
	case u.Scheme == "https":
	case u.Scheme == "http" && isLocalHost(u.Hostname()):
	default:
		return nil, errors.New("URL must use https")
	}
	if !validHost(u.Hostname()) || strings.ContainsAny(u.Host, "%") {
		return nil, errors.New("URL host is not valid")
	}
	if p := u.Port(); !validPort(p) || (p == "" && strings.HasSuffix(u.Host, ":")) {
		return nil, errors.New("URL port is not valid")
	}
	return u, nil
}

func isLocalHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
