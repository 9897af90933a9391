package ledgersync

import (
	"errors"
	"net/netip"
	"net/url"
	"strings"
)

// AddressPolicy refuses an IP address a webhook may not be sent to; the
// webhook package's guard, which also checks every address it dials, is
// the one in use.
type AddressPolicy func(netip.Addr) error

// CheckWebhookURL is the check of a rule's webhook URL when the rule is
// created: an absolute https URL with a valid host and port, no userinfo
// and no fragment, whose host, when an IP literal, the policy accepts.
// With allowLoopback (for development and tests), a loopback host is
// accepted over http or https. A host name is only judged by its shape
// here: the delivery judges the addresses it resolves to when it dials.
func CheckWebhookURL(raw string, allowLoopback bool, public AddressPolicy) error {
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
	if ip, err := netip.ParseAddr(host); err == nil && (ip.Zone() != "" || public(ip) != nil) {
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
