package xero

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/ledgersync/ledgersync"
)

// defaultRetryAfter is the wait after a 429 that names none: Xero's
// limits are per minute.
const defaultRetryAfter = time.Minute

// statusError classifies a platform's non-2xx answer.
// https://developer.xero.com/documentation/api/accounting/responsecodes
func (p *Platform) statusError(status int, h http.Header, message string) *ledgersync.PlatformError {
	if message == "" {
		message = http.StatusText(status)
	}
	e := &ledgersync.PlatformError{Status: status, Message: message}
	switch {
	case lapsed(status, message):
		e.Kind = ledgersync.PlatformBilling
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		e.Kind = ledgersync.PlatformReauthorize
	case status == http.StatusTooManyRequests:
		e.Kind = ledgersync.PlatformRateLimited
		e.RetryAfter = p.retryAfter(h.Get("Retry-After"))
	case status == http.StatusNotFound:
		e.Kind = ledgersync.PlatformNotFound
	case status >= 500:
		e.Kind = ledgersync.PlatformUnavailable
	default:
		e.Kind = ledgersync.PlatformRejected
	}
	return e
}

// lapsed reports whether an answer says the organisation's subscription
// has lapsed: 402, or a 403 that names the subscription.
func lapsed(status int, message string) bool {
	return status == http.StatusPaymentRequired ||
		(status == http.StatusForbidden && strings.Contains(strings.ToLower(message), "subscription"))
}

// retryAfter reads a Retry-After header: seconds (Xero's form) or an
// HTTP date.
func (p *Platform) retryAfter(v string) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(p.now()), 0)
	}
	return defaultRetryAfter
}

// errorBody holds the fields of Xero's error answers: a validation
// exception lists messages per element; other errors carry a Message or,
// from the identity and gateway layers, a Title and Detail.
type errorBody struct {
	Message  string
	Detail   string
	Title    string
	Elements []struct {
		ValidationErrors []struct{ Message string }
	}
}

// bodyMessage extracts the explanation from an error answer, or "" when
// the answer is not one of Xero's error bodies.
func bodyMessage(body []byte) string {
	var b errorBody
	if json.Unmarshal(body, &b) != nil {
		return ""
	}
	var msgs []string
	for _, el := range b.Elements {
		for _, v := range el.ValidationErrors {
			if v.Message != "" {
				msgs = append(msgs, v.Message)
			}
		}
	}
	if len(msgs) > 0 {
		return strings.Join(msgs, "; ")
	}
	for _, m := range []string{b.Message, b.Detail, b.Title} {
		if m != "" {
			return m
		}
	}
	return ""
}

// unreachable classifies a request (named by what) that got no answer. The
// URL is left out: the cause is enough, and shorter.
func unreachable(what string, err error) *ledgersync.PlatformError {
	msg := err.Error()
	var ue *url.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		msg = "timed out"
	case errors.As(err, &ue):
		msg = ue.Err.Error()
	}
	return &ledgersync.PlatformError{Kind: ledgersync.PlatformUnavailable, Message: what + ": " + msg}
}

// tokenError classifies a failure of the token endpoint. invalid_grant
// means the grant is gone, whatever the status.
func (p *Platform) tokenError(op string, err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.Response == nil {
		return unreachable(op, err)
	}
	status := re.Response.StatusCode
	msg := op + ": " + cmp.Or(re.ErrorCode, http.StatusText(status))
	if re.ErrorDescription != "" {
		msg += ": " + re.ErrorDescription
	}
	e := p.statusError(status, re.Response.Header, msg)
	if re.ErrorCode == "invalid_grant" {
		e.Kind, e.RetryAfter = ledgersync.PlatformReauthorize, 0
	}
	return e
}

// redact removes secret from a PlatformError's message, in case a platform
// echoes what it was sent.
func redact(err error, secret string) error {
	var pe *ledgersync.PlatformError
	if secret != "" && errors.As(err, &pe) {
		pe.Message = strings.ReplaceAll(pe.Message, secret, "[redacted]")
	}
	return err
}
