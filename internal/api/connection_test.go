package api_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"
)

type connectionOut struct {
	ID             string            `json:"id"`
	IntegrationKey string            `json:"integrationKey"`
	IntegrationID  string            `json:"integrationId"`
	SourceID       string            `json:"sourceId"`
	SourceType     string            `json:"sourceType"`
	PlatformName   string            `json:"platformName"`
	Status         string            `json:"status"`
	LinkURL        string            `json:"linkUrl"`
	ConnectionInfo map[string]string `json:"connectionInfo"`
}

func (h *harness) createConnection(k tenant, companyID, key string) connectionOut {
	h.t.Helper()
	var c connectionOut
	h.do("POST", "/companies/"+companyID+"/connections", k, map[string]string{"platformKey": key}).want(http.StatusOK).decode(&c)
	return c
}

func TestConnectionLifecycle(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		commerce := h.createConnection(h.a, co.ID, "lqai")
		if commerce.Status != "Linked" || commerce.SourceType != "Commerce" || commerce.PlatformName != "Partner Commerce" {
			t.Fatalf("commerce connection %+v", commerce)
		}
		acct := h.createConnection(h.a, co.ID, "gbol")
		if acct.Status != "PendingAuth" || acct.SourceType != "Accounting" || acct.PlatformName != "Xero" || acct.LinkURL != "" {
			t.Fatalf("accounting connection %+v", acct)
		}
		if acct.IntegrationID == acct.SourceID || acct.IntegrationID == commerce.IntegrationID {
			t.Fatalf("integration and source ids must differ per key: %+v %+v", acct, commerce)
		}
		e := h.do("POST", "/companies/"+co.ID+"/connections", h.a, map[string]string{"platformKey": "qhyg"}).want(http.StatusBadRequest).object()
		if e["error"] != "Company already has an active Accounting connection" {
			t.Fatalf("second active accounting connection: %v", e["error"])
		}

		var page struct {
			Results      []connectionOut `json:"results"`
			TotalResults int             `json:"totalResults"`
		}
		h.do("GET", "/companies/"+co.ID+"/connections?query=sourceType%3DAccounting", h.a, nil).want(http.StatusOK).decode(&page)
		if page.TotalResults != 1 || page.Results[0].ID != acct.ID {
			t.Fatalf("query by sourceType: %+v", page)
		}
		var company companyOut
		h.do("GET", "/companies/"+co.ID, h.a, nil).want(http.StatusOK).decode(&company)
		if len(company.DataConnections) != 2 || company.DataConnections[0].ID != commerce.ID {
			t.Fatalf("company lists its connections in creation order: %+v", company.DataConnections)
		}

		path := "/companies/" + co.ID + "/connections/" + acct.ID
		var got connectionOut
		h.do("GET", path, h.a, nil).want(http.StatusOK).decode(&got)
		if !reflect.DeepEqual(got, acct) {
			t.Fatalf("get %+v, want %+v", got, acct)
		}
		e = h.do("PATCH", path, h.a, map[string]string{"status": "Linked"}).want(http.StatusBadRequest).object()
		if e["error"] != "Only status Unlinked can be set" {
			t.Fatalf("PATCH Linked: %v", e["error"])
		}
		h.do("PATCH", path, h.a, map[string]string{"status": "unlinked"}).want(http.StatusOK).decode(&got)
		if got.Status != "Unlinked" {
			t.Fatalf("after PATCH: %+v", got)
		}
		h.do("PATCH", path, h.a, map[string]string{"status": "Unlinked"}).want(http.StatusOK).decode(&got)
		if got.Status != "Unlinked" {
			t.Fatalf("PATCH again is a no-op: %+v", got)
		}
		// The unlinked connection is no longer active: a new one may be added.
		h.createConnection(h.a, co.ID, "qhyg")
	})
}

func TestConnectionBareKeyAlias(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		var c connectionOut
		h.do("POST", "/meta/companies/"+co.ID+"/connections", h.a, `"mqjo"`).want(http.StatusOK).decode(&c)
		if c.IntegrationKey != "mqjo" || c.PlatformName != "Sandbox" {
			t.Fatalf("bare key: %+v", c)
		}
		h.do("GET", "/meta/companies/"+co.ID+"/connections", h.a, nil).want(http.StatusOK)
		h.do("GET", "/meta/companies", h.a, nil).want(http.StatusOK)
	})
}

func TestConnectionAuthorization(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		commerce := h.createConnection(h.a, co.ID, "lqai")
		acct := h.createConnection(h.a, co.ID, "gbol")
		r := h.do("PUT", "/companies/"+co.ID+"/connections/"+commerce.ID+"/authorization", h.a,
			map[string]string{"apiToken": "partner-token-value"}).want(http.StatusOK)
		if string(r.body) == "" || contains(r.body, "partner-token-value") {
			t.Fatalf("credentials echoed: %s", r.body)
		}
		if c := r.object(); c["status"] != "Linked" {
			t.Fatalf("status after PUT: %v", c["status"])
		}
		e := h.do("PUT", "/companies/"+co.ID+"/connections/"+acct.ID+"/authorization", h.a,
			map[string]string{"code": "x"}).want(http.StatusBadRequest).object()
		if e["error"] != "Accounting connections are authorized in the sync flow" {
			t.Fatalf("accounting PUT: %v", e["error"])
		}
		// Sealed at rest: the plaintext is nowhere in the database.
		var n int
		err := h.store.DB().QueryRowContext(context.Background(),
			`SELECT count(*) FROM connections WHERE credentials_sealed IS NOT NULL`).Scan(&n)
		if err != nil || n != 1 {
			t.Fatalf("sealed credentials rows = %d, %v", n, err)
		}
		assertNotInDatabase(t, h, "partner-token-value")
	})
}

func TestDisabledAndUnknownIntegrations(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		h.disableIntegration(h.a, "qhyg")
		e := h.do("POST", "/companies/"+co.ID+"/connections", h.a, map[string]string{"platformKey": "qhyg"}).want(http.StatusBadRequest).object()
		if e["error"] != "Integration qhyg is not enabled" {
			t.Fatalf("disabled: %v", e["error"])
		}
		h.do("POST", "/companies/"+co.ID+"/connections", h.a, map[string]string{"platformKey": "zzzz"}).want(http.StatusNotFound)
		h.do("POST", "/companies/"+co.ID+"/connections", h.a, map[string]string{}).want(http.StatusBadRequest)
		h.createConnection(h.b, h.createCompany(h.b, "Other").ID, "qhyg") // B is unaffected
		var page struct {
			TotalResults int `json:"totalResults"`
		}
		h.do("GET", "/companies/"+co.ID+"/connections", h.a, nil).want(http.StatusOK).decode(&page)
		if page.TotalResults != 0 {
			t.Fatalf("refused creates left %d connections", page.TotalResults)
		}
	})
}

func TestSandboxAuthorizationWithoutABrowser(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		org, err := h.app.Sandbox.CreateOrg(context.Background(), "Test Org")
		if err != nil {
			t.Fatal(err)
		}
		co := h.createCompany(h.a, "Shop")
		conn := h.createConnection(h.a, co.ID, "mqjo")
		path := "/companies/" + co.ID + "/connections/" + conn.ID + "/authorization"
		e := h.do("PUT", path, h.a, map[string]string{"username": org.Username, "password": "wrong"}).want(http.StatusBadRequest).object()
		if e["error"] != "Sandbox credentials were not accepted" {
			t.Fatalf("wrong password: %v", e["error"])
		}
		var got connectionOut
		h.do("PUT", path, h.a, map[string]string{"username": org.Username, "password": org.Password}).want(http.StatusOK).decode(&got)
		if got.Status != "Linked" || got.ConnectionInfo["tenantId"] != org.TenantID || got.ConnectionInfo["tenantName"] != "Test Org" {
			t.Fatalf("after PUT: %+v", got)
		}
		assertNotInDatabase(t, h, org.Password)

		// Unlinking revokes the grant at the platform and records the events.
		tok, err := h.store.ConnectionToken(context.Background(), conn.ID)
		if err != nil {
			t.Fatal(err)
		}
		h.do("PATCH", "/companies/"+co.ID+"/connections/"+conn.ID, h.a, map[string]string{"status": "Unlinked"}).want(http.StatusOK)
		req, _ := http.NewRequest("GET", h.srv.URL+"/sandbox/connections", nil)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		res, err := h.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("the unlinked connection's token still works at the sandbox: %d", res.StatusCode)
		}
		events, _ := h.store.FindEvents(context.Background(), h.a.id)
		var deleted int
		for _, e := range events {
			if e.Type == "Sync Connection Deleted" && e.ConnectionID == conn.ID {
				deleted++
			}
		}
		if deleted != 1 {
			t.Fatalf("%d Sync Connection Deleted events for the unlinked connection", deleted)
		}
	})
}
