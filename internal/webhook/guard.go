package webhook

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// ErrRefused wraps every refusal of the SSRF guard.
var ErrRefused = errors.New("webhook: address not allowed")

// Guard decides which addresses webhooks may reach. The zero Guard allows
// public unicast addresses only.
type Guard struct {
	// AllowLoopback also allows 127.0.0.0/8 and ::1 (and plain http to
	// them, see ledgersync.CheckWebhookURL), for development and tests
	// only. The config sets it from LEDGERSYNC_WEBHOOK_ALLOW_LOOPBACK.
	AllowLoopback bool
}

// Check returns nil when ip may be dialled, else an error wrapping
// ErrRefused that says which range ip is in.
func (g Guard) Check(ip netip.Addr) error {
	why := refusal(ip)
	if why == "" || (why == "loopback" && g.AllowLoopback) {
		return nil
	}
	return fmt.Errorf("%w: %s is %s", ErrRefused, ip, why)
}

// Control is a net.Dialer Control function: it runs after name
// resolution and before connect, on the address actually dialled, so a
// name that resolves (or rebinds) to a refused address is refused too.
func (g Guard) Control(network, address string, _ syscall.RawConn) error {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return fmt.Errorf("%w: network %s", ErrRefused, network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot parse %q", ErrRefused, address)
	}
	return g.Check(ap.Addr())
}

// allowed is the pure rule: true when ip is a public unicast address.
func allowed(ip netip.Addr) bool { return refusal(ip) == "" }

// refusal names the refused range ip is in, or returns "" when ip is a
// public unicast address. IPv4-mapped IPv6 (::ffff:a.b.c.d) and NAT64
// (64:ff9b::a.b.c.d) addresses are judged by the IPv4 address they carry;
// a zone is ignored, since netip.Prefix.Contains never matches a zoned
// address.
func refusal(ip netip.Addr) string {
	if !ip.IsValid() {
		return "not an IP address"
	}
	ip = ip.WithZone("").Unmap()
	if ip.Is6() && nat64.Contains(ip) {
		b := ip.As16()
		ip = netip.AddrFrom4([4]byte(b[12:]))
	}
	if ip.Is6() && !globalUnicast6.Contains(ip) {
		return ipv6Outside(ip)
	}
	for _, r := range refusedRanges {
		if r.prefix.Contains(ip) {
			return r.why
		}
	}
	return ""
}

// ipv6Outside names an IPv6 address outside 2000::/3, all of which is
// refused: loopback, unspecified, IPv4-compatible, discard, unique-local,
// link-local, site-local, multicast and unassigned space.
func ipv6Outside(ip netip.Addr) string {
	switch {
	case ip.IsLoopback():
		return "loopback"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsMulticast():
		return "multicast"
	case ip.IsLinkLocalUnicast():
		return "link-local"
	case ip.IsPrivate():
		return "private (unique local)"
	}
	return "reserved (outside 2000::/3)"
}

var (
	nat64          = netip.MustParsePrefix("64:ff9b::/96")
	globalUnicast6 = netip.MustParsePrefix("2000::/3")
)

// refusedRanges are the refused IPv4 ranges and the refused parts of
// IPv6 global unicast space (IANA special-purpose registries).
var refusedRanges = []struct {
	prefix netip.Prefix
	why    string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified (this network)"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared address space (CGNAT)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private"},
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved (IETF protocol assignments)"},
	{netip.MustParsePrefix("192.0.2.0/24"), "reserved (documentation)"},
	{netip.MustParsePrefix("192.88.99.0/24"), "reserved (6to4 relay)"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private"},
	{netip.MustParsePrefix("198.18.0.0/15"), "reserved (benchmarking)"},
	{netip.MustParsePrefix("198.51.100.0/24"), "reserved (documentation)"},
	{netip.MustParsePrefix("203.0.113.0/24"), "reserved (documentation)"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved (including broadcast)"},
	{netip.MustParsePrefix("2001::/23"), "reserved (IETF protocol assignments, Teredo)"},
	{netip.MustParsePrefix("2001:db8::/32"), "reserved (documentation)"},
	{netip.MustParsePrefix("2002::/16"), "reserved (6to4)"},
	{netip.MustParsePrefix("3fff::/20"), "reserved (documentation)"},
}
