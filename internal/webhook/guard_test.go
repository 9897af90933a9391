package webhook

import (
	"errors"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestAllowed runs the pure rule over addresses that must never be
// dialled from a test: they are only parsed.
func TestAllowed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr string
		want string // "" = allowed, else a word of the refusal
	}{
		// Public addresses (never dialled here).
		{"8.8.8.8", ""}, {"1.1.1.1", ""}, {"93.184.215.14", ""}, {"100.63.255.255", ""}, {"100.128.0.0", ""},
		{"172.15.255.255", ""}, {"172.32.0.0", ""}, {"192.167.255.255", ""}, {"169.253.255.255", ""},
		{"2606:4700:4700::1111", ""}, {"2a00:1450:4001:80b::200e", ""}, {"64:ff9b::808:808", ""}, {"::ffff:8.8.8.8", ""},
		// Loopback and unspecified.
		{"127.0.0.1", "loopback"}, {"127.255.255.254", "loopback"}, {"::1", "loopback"}, {"::ffff:127.0.0.1", "loopback"},
		{"0.0.0.0", "unspecified"}, {"0.1.2.3", "unspecified"}, {"::", "unspecified"}, {"::ffff:0.0.0.0", "unspecified"},
		// Private, shared and link-local IPv4, plain and IPv4-mapped.
		{"10.0.0.1", "private"}, {"10.255.255.255", "private"}, {"172.16.0.1", "private"}, {"172.31.255.255", "private"},
		{"192.168.0.1", "private"}, {"192.168.255.255", "private"}, {"::ffff:10.1.2.3", "private"},
		{"::ffff:192.168.1.1", "private"}, {"::ffff:172.20.0.1", "private"},
		{"100.64.0.1", "CGNAT"}, {"100.127.255.255", "CGNAT"},
		{"169.254.169.254", "link-local"}, {"169.254.0.1", "link-local"}, {"::ffff:169.254.169.254", "link-local"},
		// NAT64 carrying a refused IPv4 address.
		{"64:ff9b::7f00:1", "loopback"}, {"64:ff9b::a9fe:a9fe", "link-local"}, {"64:ff9b::a00:1", "private"},
		// Multicast, broadcast and reserved IPv4.
		{"224.0.0.1", "multicast"}, {"239.255.255.250", "multicast"}, {"255.255.255.255", "broadcast"},
		{"240.0.0.1", "reserved"}, {"192.0.0.8", "reserved"}, {"192.0.2.1", "documentation"},
		{"198.51.100.7", "documentation"}, {"203.0.113.9", "documentation"}, {"198.18.0.1", "benchmarking"},
		{"192.88.99.1", "6to4"},
		// IPv6 outside global unicast, and reserved parts of it.
		{"fc00::1", "unique local"}, {"fd12:3456:789a::1", "unique local"}, {"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"}, {"febf::1", "link-local"}, {"fec0::1", "reserved"}, {"ff02::1", "multicast"},
		{"ff0e::1", "multicast"}, {"::127.0.0.1", "reserved"}, {"100::1", "reserved"}, {"64:ff9b:1::1", "reserved"},
		{"2001:db8::1", "documentation"}, {"2001::1", "Teredo"}, {"2002:7f00:1::1", "6to4"}, {"3fff::1", "documentation"},
	}
	for _, tt := range tests {
		ip := netip.MustParseAddr(tt.addr)
		why := refusal(ip)
		if allowed(ip) != (tt.want == "") || !strings.Contains(why, tt.want) {
			t.Errorf("%s: refusal %q, want %q", tt.addr, why, tt.want)
		}
	}
	if allowed(netip.Addr{}) {
		t.Error("the zero Addr is allowed")
	}
}

func TestGuardAllowLoopback(t *testing.T) {
	t.Parallel()
	dev := Guard{AllowLoopback: true}
	for _, a := range []string{"127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"} {
		if err := dev.Check(netip.MustParseAddr(a)); err != nil {
			t.Errorf("AllowLoopback: %s refused: %v", a, err)
		}
		if err := (Guard{}).Check(netip.MustParseAddr(a)); !errors.Is(err, ErrRefused) {
			t.Errorf("default guard: %s: err = %v, want ErrRefused", a, err)
		}
	}
	// Loopback only: every other refused range stays refused.
	for _, a := range []string{"0.0.0.0", "::", "10.0.0.1", "169.254.169.254", "fc00::1", "fe80::1", "100.64.0.1"} {
		if err := dev.Check(netip.MustParseAddr(a)); !errors.Is(err, ErrRefused) {
			t.Errorf("AllowLoopback: %s: err = %v, want ErrRefused", a, err)
		}
	}
}

// TestControlRefusesBeforeConnect dials loopback addresses where
// listeners wait: Control must refuse each before any connection, so the
// listeners accept nothing.
func TestControlRefusesBeforeConnect(t *testing.T) {
	t.Parallel()
	var accepted atomic.Int32
	listen := func(addr string) string {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return ""
		}
		t.Cleanup(func() { ln.Close() })
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				accepted.Add(1)
				c.Close()
			}
		}()
		return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	}
	v4 := listen("127.0.0.1:0")
	if v4 == "" {
		t.Fatal("cannot listen on 127.0.0.1")
	}
	targets := []string{net.JoinHostPort("127.0.0.1", v4), net.JoinHostPort("0.0.0.0", v4), net.JoinHostPort("::ffff:127.0.0.1", v4)}
	if v6 := listen("[::1]:0"); v6 != "" {
		targets = append(targets, net.JoinHostPort("::1", v6))
	}
	d := &net.Dialer{Control: Guard{}.Control}
	for _, addr := range targets {
		c, err := d.Dial("tcp", addr)
		if err == nil {
			c.Close()
			t.Errorf("dial %s succeeded", addr)
			continue
		}
		if !errors.Is(err, ErrRefused) {
			t.Errorf("dial %s: err = %v, want ErrRefused", addr, err)
		}
	}
	if n := accepted.Load(); n != 0 {
		t.Errorf("the listeners accepted %d connections, want 0", n)
	}
	if c, err := (&net.Dialer{Control: Guard{AllowLoopback: true}.Control}).Dial("udp", "127.0.0.1:9"); err == nil {
		c.Close()
		t.Error("a udp dial was allowed")
	}
}
