package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"
)

// Resolver looks up a host's addresses; *net.Resolver is one. Tests
// inject their own to map a name to any address without DNS.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// guardedDialer dials only what its guard allows. The check is in
// net.Dialer.Control, on the address being connected to, whichever path
// resolved it.
type guardedDialer struct {
	dialer   *net.Dialer
	resolver Resolver
}

func newGuardedDialer(g Guard, r Resolver, timeout time.Duration) *guardedDialer {
	return &guardedDialer{dialer: &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second, Control: g.Control}, resolver: r}
}

// DialContext dials addr. Without an injected resolver, net.Dialer
// resolves the name itself (with Happy Eyeballs); with one, each address
// it returns is tried in turn.
func (d *guardedDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if _, err := netip.ParseAddr(host); err == nil || d.resolver == nil {
		return d.dialer.DialContext(ctx, network, addr)
	}
	ips, err := d.resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("webhook: no address for %s", host)
	}
	var errs []error
	for _, ip := range ips {
		c, err := d.dialer.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}
