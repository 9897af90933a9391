package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"

	"github.com/google/uuid"
)

// apiPrefix is where the accounting API lives, as Xero's api.xro/2.0.
const apiPrefix = "/sandbox/api.xro/2.0"

// maxBody caps a request body.
const maxBody = 4 << 20

// call is one authenticated API request for one organisation.
type call struct {
	r     *http.Request
	org   *org
	grant *grant
	// body, idemKey and reqHash are set on writes.
	body    []byte
	idemKey string
	reqHash []byte
}

// reply is a response body ready to send or replay.
type reply struct {
	status int
	body   []byte
}

// apiHandler serves one API route.
type apiHandler func(c *call) (*reply, error)

// apiRoutes lists every route of the accounting API, relative to apiPrefix.
func (s *Sandbox) apiRoutes(handle func(pattern string, h apiHandler)) {
	handle("GET /Organisation", s.getOrganisation)
	handle("GET /Accounts", s.getAccounts)
	handle("GET /Accounts/{id}", s.getAccount)
	handle("PUT /Accounts", s.putAccount)
	handle("GET /TaxRates", s.getTaxRates)
	handle("GET /Contacts", s.getContacts)
	handle("GET /Contacts/{id}", s.getContact)
	for _, k := range documentKinds {
		handle("GET /"+k.collection, s.getDocuments(k))
		handle("GET /"+k.collection+"/{id}", s.getDocument(k))
		handle("PUT /"+k.collection, s.putDocuments(k))
	}
}

func notFoundRoute(*call) (*reply, error) { return nil, errNotFound }

// api authenticates the bearer token and the xero-tenant-id header,
// applies the minute limit, and replays writes by Idempotency-Key.
func (s *Sandbox) api(h apiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g, ok := s.grantOf(w, r)
		if !ok {
			return
		}
		if r.Header.Get("xero-tenant-id") != g.OrgID {
			writeProblem(w, http.StatusForbidden, "Forbidden", "AuthorizationUnsuccessful")
			return
		}
		if !s.admit(w, g.OrgID) {
			return
		}
		c := &call{r: r, grant: g}
		rep, err := s.serve(c, h)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		writeRaw(w, rep.status, rep.body)
	})
}

// admit applies the minute limit, answering 429 as Xero does.
func (s *Sandbox) admit(w http.ResponseWriter, tenant string) bool {
	remaining, wait := s.limiter.admit(tenant, s.now())
	if wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		w.Header().Set("X-Rate-Limit-Problem", "minute")
		writeProblem(w, http.StatusTooManyRequests, "Too Many Requests", "Rate limit exceeded: minute")
		return false
	}
	if remaining >= 0 {
		w.Header().Set("X-MinLimit-Remaining", strconv.Itoa(remaining))
	}
	return true
}

// serve loads the organisation and runs the handler; a write with an
// Idempotency-Key that was seen before is replayed instead.
func (s *Sandbox) serve(c *call, h apiHandler) (*reply, error) {
	o, err := s.findOrg(c.r.Context(), c.grant.OrgID)
	if err != nil {
		return nil, err
	}
	if o == nil {
		return nil, errNotFound
	}
	c.org = o
	if c.r.Method != http.MethodPut && c.r.Method != http.MethodPost {
		return h(c)
	}
	if c.body, err = io.ReadAll(http.MaxBytesReader(nil, c.r.Body, maxBody)); err != nil {
		return nil, invalidMessage("The request body could not be read: " + err.Error())
	}
	c.idemKey = c.r.Header.Get("Idempotency-Key")
	if c.idemKey == "" {
		return h(c)
	}
	c.reqHash = requestHash(c.r, c.body)
	if rep, err := s.replay(c); rep != nil || err != nil {
		return rep, err
	}
	rep, err := h(c)
	if err == errKeyRaced {
		// A request with the same key committed first: answer as it did.
		return s.replay(c)
	}
	return rep, err
}

// ok wraps items in Xero's response envelope under the collection name.
func (s *Sandbox) ok(collection string, items any) (*reply, error) {
	b, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		b = []byte("[]")
	}
	when, _ := msDate(s.now()).MarshalJSON()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `{"Id":"%s","Status":"OK","ProviderName":"ledgersync sandbox","DateTimeUTC":%s,"%s":%s}`,
		uuid.NewString(), when, collection, b)
	return &reply{status: http.StatusOK, body: buf.Bytes()}, nil
}
