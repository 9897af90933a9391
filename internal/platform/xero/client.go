package xero

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"

	"github.com/ledgersync/ledgersync"
)

// maxBody caps how much of a response is read.
const maxBody = 10 << 20

// withDeadline gives ctx a deadline of RequestTimeout unless it already
// has one, so that no call to a platform can hang.
func withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, RequestTimeout)
}

// apiRequest builds a request to the accounting API: path is relative to
// the API base, such as "/Accounts"; body, when not nil, is sent as JSON.
func (p *Platform) apiRequest(ctx context.Context, method, path string, query url.Values, body any) (*http.Request, error) {
	u := p.endpoints.APIBase + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// send runs req and decodes a successful JSON answer into out (unless out
// is nil). Every failure is a *ledgersync.PlatformError.
func (p *Platform) send(req *http.Request, out any) error {
	resp, err := p.client.Do(req)
	if err != nil {
		return unreachable(describe(req), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return unreachable(describe(req), err)
	}
	if len(body) > maxBody {
		return &ledgersync.PlatformError{
			Kind:    ledgersync.PlatformRejected,
			Message: describe(req) + ": the answer is larger than 10 MiB",
			Status:  resp.StatusCode,
		}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return p.statusError(resp.StatusCode, resp.Header, bodyMessage(body))
	}
	if out == nil {
		return nil
	}
	return decode(req, resp.StatusCode, body, out)
}

// decode reads a JSON answer keeping numbers as json.Number, so decimal
// amounts and rates never pass through a float.
func decode(req *http.Request, status int, body []byte, out any) error {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	if err := d.Decode(out); err != nil {
		return &ledgersync.PlatformError{
			Kind:    ledgersync.PlatformUnavailable,
			Message: describe(req) + ": the answer is not the JSON expected",
			Status:  status,
		}
	}
	return nil
}

// describe names a request in messages: its method and path, never its
// query or headers.
func describe(req *http.Request) string {
	return req.Method + " " + req.URL.Path
}
