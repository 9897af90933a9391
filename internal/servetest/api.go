package servetest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Org is a sandbox organisation's credentials, as `sandbox create-org`
// prints them.
type Org struct {
	TenantID string `json:"tenantId"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// Client speaks the partner API to one serve with an API key.
type Client struct {
	Key  string
	HTTP *http.Client
	// Serve is the process answering; a request it cuts short by dying
	// fails with ErrDown.
	Serve *Child
}

// NewClient returns a client of serve with the API key.
func NewClient(serve *Child, key string) *Client {
	return &Client{Key: key, HTTP: &http.Client{Timeout: Wait}, Serve: serve}
}

// ErrDown is a request to a serve that is gone.
var ErrDown = errors.New("serve is not running")

// Request sends a request; body may be nil, a string sent verbatim, or a
// value encoded as JSON.
func (c *Client) Request(method, path string, body any) (int, []byte, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, "http://"+c.Serve.Addr+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(c.Key)))
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		// A request cut by a kill fails before the exit is reaped.
		select {
		case <-c.Serve.Done():
			return 0, nil, ErrDown
		case <-time.After(2 * time.Second):
		}
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// Do sends a request that must answer want, and decodes the answer.
func (c *Client) Do(method, path string, body any, want int) (map[string]any, error) {
	status, b, err := c.Request(method, path, body)
	if err != nil || status != want {
		return nil, fmt.Errorf("%s %s: %d %v, want %d\n%s", method, path, status, err, want, b)
	}
	var out map[string]any
	if len(b) > 0 {
		if err := json.Unmarshal(b, &out); err != nil {
			return nil, fmt.Errorf("%s %s: %v\n%s", method, path, err, b)
		}
	}
	return out, nil
}

// Call is Do, failing the test on an error.
func (c *Client) Call(t testing.TB, method, path string, body any, want int) map[string]any {
	t.Helper()
	out, err := c.Do(method, path, body, want)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Link creates a company with a commerce connection and a sandbox
// connection authorized to the organisation, configures it, and returns
// its id.
func (c *Client) Link(name string, o Org) (string, error) {
	out, err := c.Do("POST", "/companies", map[string]any{"name": name}, http.StatusOK)
	if err != nil {
		return "", err
	}
	id, _ := out["id"].(string)
	if _, err := c.Do("POST", "/companies/"+id+"/connections", map[string]string{"platformKey": "lqai"}, http.StatusOK); err != nil {
		return "", err
	}
	if out, err = c.Do("POST", "/companies/"+id+"/connections", map[string]string{"platformKey": "mqjo"}, http.StatusOK); err != nil {
		return "", err
	}
	conn, _ := out["id"].(string)
	if _, err := c.Do("PUT", "/companies/"+id+"/connections/"+conn+"/authorization",
		map[string]string{"username": o.Username, "password": o.Password}, http.StatusOK); err != nil {
		return "", err
	}
	cfg, err := Configuration(id)
	if err != nil {
		return "", err
	}
	if _, err := c.Do("POST", "/config/companies/"+id+"/sync/commerce", cfg, http.StatusOK); err != nil {
		return "", err
	}
	return id, nil
}

// LinkCompany is Link, failing the test on an error.
func (c *Client) LinkCompany(t testing.TB, name string, o Org) string {
	t.Helper()
	id, err := c.Link(name, o)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Configuration is testdata/config/complete.json for the company, as the
// API tests adapt it: pushed data reaches no option list, so its product
// category slot and tax component mapping are left out. Its schedule is
// Daily at midnight, Europe/London, from 2024-03-01.
func Configuration(companyID string) (map[string]any, error) {
	b, err := os.ReadFile(filepath.Join(root, "testdata", "config", "complete.json"))
	if err != nil {
		return nil, err
	}
	var cfg map[string]any
	if err := json.Unmarshal(b, &cfg); err != nil {
		return nil, err
	}
	cfg["companyId"] = companyID
	sales := cfg["configuration"].(map[string]any)["sales"].(map[string]any)
	delete(sales["accounts"].(map[string]any), "productCategory-cat-1")
	sales["newTaxRates"].(map[string]any)["taxRateMappings"] = []any{}
	return cfg, nil
}

// Send pushes records of one data type to the company.
func (c *Client) Send(companyID, dataType, body string) error {
	_, err := c.Do("POST", "/data/companies/"+companyID+"/sync/commerce-"+dataType, body, http.StatusOK)
	return err
}

// Push is Send, failing the test on an error.
func (c *Client) Push(t testing.TB, companyID, dataType, body string) {
	t.Helper()
	if err := c.Send(companyID, dataType, body); err != nil {
		t.Fatal(err)
	}
}

// SendSource pushes the source's orders, payments and transactions.
func (c *Client) SendSource(companyID string, s *Source) error {
	for _, p := range []struct{ kind, body string }{{"orders", s.Orders}, {"payments", s.Payments}, {"transactions", s.Transactions}} {
		if err := c.Send(companyID, p.kind, p.body); err != nil {
			return err
		}
	}
	return nil
}

// StartLatest requests a Latest sync up to syncTo and returns its id.
func (c *Client) StartLatest(t testing.TB, companyID, syncTo string) string {
	t.Helper()
	return c.Call(t, "POST", "/companies/"+companyID+"/sync/commerce/latest", map[string]string{"syncTo": syncTo},
		http.StatusOK)["syncId"].(string)
}

// SyncStatus is what the API says of a sync.
type SyncStatus struct {
	ID      string `json:"syncId"`
	Code    int    `json:"syncStatusCode"`
	Pushed  bool   `json:"dataPushed"`
	Message string `json:"errorMessage"`
	Type    string `json:"syncType"`
	Range   struct {
		Start  string `json:"start"`
		Finish string `json:"finish"`
	} `json:"syncDateRangeUtc"`
}

func (s SyncStatus) String() string {
	if s.Message != "" {
		return fmt.Sprintf("%d (%s)", s.Code, s.Message)
	}
	return strconv.Itoa(s.Code)
}

// Succeeded reports whether the sync ended well, with or without data.
func (s SyncStatus) Succeeded() bool { return s.Code == 2000 || s.Code == 2040 }

// Final reports whether the sync has ended: it is neither pending (1000)
// nor running (1010).
func (s SyncStatus) Final() bool { return s.Code != 1000 && s.Code != 1010 }

// StatusOf is a sync's status; syncID may be "latest". It fails with
// ErrDown when serve is gone.
func (c *Client) StatusOf(companyID, syncID string) (SyncStatus, error) {
	var s SyncStatus
	code, b, err := c.Request("GET", "/companies/"+companyID+"/sync/commerce/syncs/"+syncID+"/status", nil)
	if err != nil {
		return s, err
	}
	if code != http.StatusOK {
		return s, fmt.Errorf("sync status: %d\n%s", code, b)
	}
	err = json.Unmarshal(b, &s)
	return s, err
}

// Status is StatusOf, failing the test on an error other than ErrDown;
// ok is false when serve is gone.
func (c *Client) Status(t testing.TB, companyID, syncID string) (s SyncStatus, ok bool) {
	t.Helper()
	s, err := c.StatusOf(companyID, syncID)
	if errors.Is(err, ErrDown) {
		return s, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return s, true
}

// AwaitSync waits until the sync's status is final, or serve is gone (ok
// false), within limit.
func (c *Client) AwaitSync(t testing.TB, companyID, syncID string, limit time.Duration) (s SyncStatus, ok bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		s, ok = c.Status(t, companyID, syncID)
		if !ok {
			select {
			case <-c.Serve.Done():
			case <-time.After(Wait):
				t.Fatalf("serve stopped answering but did not exit\n%s", c.Serve.Tail())
			}
			return s, false
		}
		if s.Final() {
			return s, true
		}
		if time.Now().After(deadline) {
			t.Fatalf("sync %s still %d after %s\n%s", syncID, s.Code, limit, c.Serve.Tail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
