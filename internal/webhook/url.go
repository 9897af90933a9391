package webhook

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// maxURLLength bounds a webhook URL, as other URLs of the API.
const maxURLLength = 2048

// CheckURL validates a rule's webhook URL before it is stored. It must be
// an absolute https URL with a host and no user information; plain http
// is accepted only when AllowLoopback is set and the host is loopback. A
// host that is an IP address the guard refuses, in any notation, is
// rejected here with a clear message. Host names are not resolved: the
// dial-time check stays the authority.
func (g Guard) CheckURL(raw string) (*url.URL, error) {
	if len(raw) > maxURLLength {
		return nil, fmt.Errorf("webhook URL must be at most %d characters", maxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Opaque != "" || u.Host == "" {
		return nil, fmt.Errorf("webhook URL must be an absolute https URL")
	}
	if u.User != nil {
		return nil, fmt.Errorf("webhook URL must not contain user information")
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	loopback, err := g.checkHost(host)
	if err != nil {
		return nil, err
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopback:
	case u.Scheme == "http" && g.AllowLoopback:
		return nil, fmt.Errorf("webhook URL must use https (http is allowed for loopback only)")
	default:
		return nil, fmt.Errorf("webhook URL must use https")
	}
	return u, nil
}

// checkHost refuses literal addresses the guard refuses, IPv4 addresses
// in legacy notations, and localhost names unless loopback is allowed.
// It reports whether host is loopback (and allowed).
func (g Guard) checkHost(host string) (bool, error) {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		if !g.AllowLoopback {
			return false, fmt.Errorf("webhook URL host %s is loopback; public addresses only", host)
		}
		return true, nil
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if err := g.Check(ip); err != nil {
			return false, fmt.Errorf("webhook URL host %s is %s; public addresses only", ip, refusal(ip))
		}
		return ip.Unmap().IsLoopback(), nil
	}
	if ip, ok := legacyIPv4(host); ok {
		return false, fmt.Errorf("webhook URL host %s is the IPv4 address %s in another notation; write it as %s", host, ip, ip)
	}
	if endsInNumber(host) {
		return false, fmt.Errorf("webhook URL host %s is not a valid host name", host)
	}
	return false, nil
}

// endsInNumber reports whether host's last label is a number, which no
// real domain has and which URL parsers read as an IPv4 address.
func endsInNumber(host string) bool {
	labels := strings.Split(host, ".")
	last := labels[len(labels)-1]
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") {
		last = last[2:]
		return strings.Trim(last, "0123456789abcdef") == ""
	}
	return strings.Trim(last, "0123456789") == ""
}

// legacyIPv4 parses host as inet_aton (and the WHATWG URL standard) do:
// one to four parts in decimal, octal (leading 0) or hex (0x), the last
// part filling the remaining bytes, so 2130706433, 0x7f.1 and
// 0177.0.0.1 are all 127.0.0.1.
func legacyIPv4(host string) (netip.Addr, bool) {
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var v uint64
	for i, p := range parts {
		n, ok := legacyNumber(p)
		if !ok {
			return netip.Addr{}, false
		}
		bits := uint(8 * (4 - i))
		if i < len(parts)-1 {
			if n > 255 {
				return netip.Addr{}, false
			}
			v |= n << (bits - 8)
			continue
		}
		if n >= 1<<bits {
			return netip.Addr{}, false
		}
		v |= n
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// legacyNumber parses one part of a legacy IPv4 address: 0x… is hex, a
// leading 0 octal, anything else decimal.
func legacyNumber(p string) (uint64, bool) {
	base := 10
	switch {
	case strings.HasPrefix(p, "0x"):
		p, base = p[2:], 16
	case len(p) > 1 && p[0] == '0':
		p, base = p[1:], 8
	}
	n, err := strconv.ParseUint(p, base, 32)
	return n, err == nil
}
