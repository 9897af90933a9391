package ledgersync

import (
	"errors"
	"net/netip"
	"net/url"
	"strings"
)

// CheckWebhookURL is the check of a rule's webhook URL when the rule is
// created: an absolute https URL with a valid host and port, no userinfo
// and no fragment, whose host is not a literal private, loopback,
// link-local or reserved address. With allowLoopback (for development and
// tests), a loopback host is accepted over http or https. A host name is
// only judged by its shape here: the delivery judges the addresses it
// resolves to when it dials.
func CheckWebhookURL(raw string, allowLoopback bool) error {
	u, err := parseWebhookURL(raw)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if loopbackHost(host) {
		if !allowLoopback {
			return errors.New("it must not point to a loopback address")
		}
		if u.Scheme != "https" && u.Scheme != "http" {
			return errors.New("it must use https")
		}
		return nil
	}
	if u.Scheme != "https" {
		return errors.New("it must use https")
	}
	if ip, err := netip.ParseAddr(host); err == nil && !PublicAddr(ip) {
		return errors.New("it must not point to a private, link-local or reserved address")
	}
	return nil
}

// parseWebhookURL checks the URL's shape, whatever its scheme.
func parseWebhookURL(raw string) (*url.URL, error) {
	if len(raw) > MaxURLLength {
		return nil, errors.New("it is longer than 2048 characters")
	}
	for _, r := range raw {
		if r < 0x21 || r >= 0x7f || r == '\\' {
			return nil, errors.New("it contains a forbidden character")
		}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.Host == "" {
		return nil, errors.New("it must be an absolute URL")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := u.Hostname()
	switch {
	case u.User != nil:
		return nil, errors.New("it must not contain credentials")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return nil, errors.New("it must not contain a fragment")
	case !validHost(host) || strings.Contains(u.Host, "%") || numericName(host):
		return nil, errors.New("its host is not valid")
	case !validPort(u.Port()) || (u.Port() == "" && strings.HasSuffix(u.Host, ":")):
		return nil, errors.New("its port is not valid")
	}
	return u, nil
}

// numericName reports a host that is not an IP literal but that some
// resolvers read as one ("2130706433", "127.1", "0x7f.0.0.1"): no real
// top-level domain is numeric.
func numericName(host string) bool {
	if _, err := netip.ParseAddr(host); err == nil {
		return false
	}
	last := strings.ToLower(host[strings.LastIndex(host, ".")+1:])
	if strings.HasPrefix(last, "0x") {
		return true
	}
	return strings.Trim(last, "0123456789") == ""
}

func loopbackHost(host string) bool {
	h := strings.ToLower(host)
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// reservedPrefixes are the ranges beyond netip's predicates that are not
// publicly routable, or that embed an IPv4 address that may not be.
var reservedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("2001::/23"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("2002::/16"),
	netip.MustParsePrefix("fec0::/10"),
}

// PublicAddr reports whether an address is publicly routable: not
// loopback, private (including fc00::/7), link-local, multicast,
// unspecified, shared (100.64/10) or otherwise reserved. An IPv4-mapped
// IPv6 address is judged as its IPv4 address.
func PublicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.Zone() != "" || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsMulticast() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range reservedPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}
