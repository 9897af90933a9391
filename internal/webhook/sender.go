package webhook

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds one attempt, from dial to the end of the
// response (SPEC §10).
const DefaultTimeout = 15 * time.Second

// maxResponseRead is how much of a response body is read, and thrown
// away, so that the connection can be reused.
const maxResponseRead = 64 << 10

// Options configure a Sender. The zero value is production's.
type Options struct {
	// Timeout bounds each attempt; 0 means DefaultTimeout.
	Timeout time.Duration
	// Guard decides which addresses may be dialled.
	Guard Guard
	// Resolver replaces the system resolver, for tests.
	Resolver Resolver
	// Now stamps webhook-timestamp; nil means time.Now.
	Now func() time.Time
}

// Sender makes delivery attempts. It is safe for concurrent use and
// should be shared, so that connections are reused.
type Sender struct {
	client  *http.Client
	timeout time.Duration
	now     func() time.Time
}

// NewSender returns a Sender whose client never follows redirects, never
// uses a proxy from the environment, and dials through the guard.
func NewSender(o Options) *Sender {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	transport := &http.Transport{
		Proxy:                  nil,
		DialContext:            newGuardedDialer(o.Guard, o.Resolver, o.Timeout).DialContext,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    o.Timeout,
		ForceAttemptHTTP2:      true,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: maxResponseRead,
	}
	client := &http.Client{
		Transport:     transport,
		Timeout:       o.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Sender{client: client, timeout: o.Timeout, now: o.Now}
}

// Delivery is what one attempt sends.
type Delivery struct {
	// URL is the rule's webhook, as ledgersync.CheckWebhookURL accepted it.
	URL string
	// ID is the envelope's AlertId, sent as webhook-id.
	ID string
	// Body is the marshalled envelope, sent as is.
	Body []byte
	// Authorization is the client's alertAuthHeader; "" sends none.
	Authorization string
	// Signer signs the body with the client's secrets.
	Signer *Signer
}

// Send makes one attempt, timestamped now, and classifies its result. It
// never returns an error: every failure is a Result.
func (s *Sender) Send(ctx context.Context, d *Delivery) Result {
	if d.Signer == nil {
		return Result{Outcome: Failed, Error: "no signing secret"}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Body))
	// Stored URLs passed ledgersync.CheckWebhookURL; this guards against one that did not,
	// as net/http would turn user information into basic auth.
	if err != nil || (req.URL.Scheme != "https" && req.URL.Scheme != "http") || req.URL.User != nil {
		return Result{Outcome: Failed, Error: "invalid webhook URL"}
	}
	now := s.now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "ledgersync-webhook/1")
	if d.Authorization != "" {
		req.Header.Set("Authorization", d.Authorization)
	}
	d.Signer.SetHeaders(req.Header, d.ID, now, d.Body)
	resp, err := s.client.Do(req)
	if err != nil {
		return Result{Outcome: Failed, Error: s.describe(err)}
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxResponseRead))
	return classify(resp, now)
}

// describe turns a transport error into a short text holding no URL
// (whose query may carry a token) and no header.
func (s *Sender) describe(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var ne net.Error
	switch {
	case errors.Is(err, ErrRefused):
		return shorten(err.Error())
	case errors.Is(err, context.Canceled):
		return "attempt canceled"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no response within %s", s.timeout)
	}
	return shorten(err.Error())
}

// shorten keeps an error text to one short line.
func shorten(s string) string {
	s = strings.ReplaceAll(s, "\n", "; ")
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "…"
	}
	return s
}
