package xero

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

// assertKind fails unless err is a *PlatformError of the kind.
func assertKind(t *testing.T, err error, want ledgersync.PlatformErrorKind) *ledgersync.PlatformError {
	t.Helper()
	var pe *ledgersync.PlatformError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a PlatformError", err)
	}
	if pe.Kind != want {
		t.Errorf("kind = %q (%v), want %q", pe.Kind, err, want)
	}
	return pe
}

// assertNoSecret fails if err's text holds any of the secrets.
func assertNoSecret(t *testing.T, err error, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if err != nil && strings.Contains(err.Error(), s) {
			t.Errorf("error %q holds a token", err)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tenant     string
		kind       ledgersync.PlatformErrorKind
		status     int
		message    string
		retryAfter time.Duration
	}{
		{"fail-401", ledgersync.PlatformReauthorize, 401, "AuthenticationUnsuccessful", 0},
		{"fail-403", ledgersync.PlatformReauthorize, 403, "AuthorizationUnsuccessful", 0},
		{"other-tenant", ledgersync.PlatformReauthorize, 403, "AuthorizationUnsuccessful", 0},
		{"fail-404", ledgersync.PlatformNotFound, 404, "Not Found", 0},
		{"fail-402", ledgersync.PlatformBilling, 402, "Payment Required", 0},
		{"fail-lapsed", ledgersync.PlatformBilling, 403, "The organisation's subscription has expired", 0},
		{"fail-429", ledgersync.PlatformRateLimited, 429, "Too Many Requests", 17 * time.Second},
		{"fail-400", ledgersync.PlatformRejected, 400, "Account code must be unique.; Name is too long.", 0},
		{"fail-400-msg", ledgersync.PlatformRejected, 400, "No property or field 'Foo' exists", 0},
		{"fail-500", ledgersync.PlatformUnavailable, 500, "An error occurred in Xero. Check the API Status page for current service status.", 0},
		{"fail-503", ledgersync.PlatformUnavailable, 503, "Service Unavailable", 0},
		{"fail-html", ledgersync.PlatformUnavailable, 200, "GET /api.xro/2.0/Accounts: the answer is not the JSON expected", 0},
		{"fail-huge", ledgersync.PlatformRejected, 200, "GET /api.xro/2.0/Accounts: the answer is larger than 10 MiB", 0},
		{"fail-echo", ledgersync.PlatformRejected, 400, "bad header Bearer [redacted]", 0},
	}
	f := newFake(t)
	for _, tt := range tests {
		t.Run(tt.tenant, func(t *testing.T) {
			t.Parallel()
			tok := f.grant(tt.tenant)
			_, err := f.platform().Connect(StaticTokenSource(tok)).Accounts(context.Background())
			pe := assertKind(t, err, tt.kind)
			if pe.Status != tt.status || pe.Message != tt.message || pe.RetryAfter != tt.retryAfter {
				t.Errorf("got status %d, message %q, retry after %v; want %d, %q, %v",
					pe.Status, pe.Message, pe.RetryAfter, tt.status, tt.message, tt.retryAfter)
			}
			assertNoSecret(t, err, tok.AccessToken)
		})
	}
}

func TestUnreachable(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	slow := f.platform().Connect(StaticTokenSource(f.grant("fail-slow")))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := slow.Organisation(ctx)
	if pe := assertKind(t, err, ledgersync.PlatformUnavailable); pe.Message != "GET /api.xro/2.0/Organisation: timed out" {
		t.Errorf("message = %q", pe.Message)
	}

	closed := newFake(t)
	p, tok := closed.platform(), closed.grant(testTenant)
	closed.srv.Close()
	_, err = p.Connect(StaticTokenSource(tok)).TaxRates(context.Background())
	assertKind(t, err, ledgersync.PlatformUnavailable)
	assertNoSecret(t, err, tok.AccessToken)
	_, err = p.Exchange(context.Background(), "code", testVerifier, testRedirect)
	assertKind(t, err, ledgersync.PlatformUnavailable)
}

// failingSource is a TokenSource whose refresh was refused.
type failingSource struct{}

func (failingSource) Token(context.Context) (*ledgersync.Token, error) {
	return nil, &ledgersync.PlatformError{Kind: ledgersync.PlatformReauthorize, Message: "invalid_grant"}
}

func TestTokenSourceError(t *testing.T) {
	t.Parallel()
	c := newFake(t).platform().Connect(failingSource{})
	_, err := c.Contacts(context.Background())
	assertKind(t, err, ledgersync.PlatformReauthorize)
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	p := New(Options{Now: func() time.Time { return testNow }})
	tests := map[string]time.Duration{
		"17":  17 * time.Second,
		" 0 ": 0,
		testNow.Add(time.Minute).Format("Mon, 02 Jan 2006 15:04:05 GMT"): time.Minute,
		testNow.Add(-time.Hour).Format("Mon, 02 Jan 2006 15:04:05 GMT"):  0,
		"":   defaultRetryAfter,
		"-3": defaultRetryAfter,
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			if got := p.retryAfter(in); got != want {
				t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
			}
		})
	}
}
