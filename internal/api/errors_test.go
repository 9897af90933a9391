package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func contains(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }

func (h *harness) disableIntegration(k tenant, key string) {
	h.t.Helper()
	off := []string{key}
	if _, err := h.store.UpdateClient(context.Background(), k.id, ledgersync.ClientUpdate{DisabledIntegrations: &off}); err != nil {
		h.t.Fatal(err)
	}
}

// assertNotInDatabase reads every value of every table and fails if any
// holds the text.
func assertNotInDatabase(t *testing.T, h *harness, text string) {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if h.store.Dialect() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	rows, err := h.store.DB().QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		_ = rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	for _, table := range tables {
		rows, err := h.store.DB().QueryContext(ctx, `SELECT * FROM `+table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			_ = rows.Scan(ptrs...)
			for i, v := range vals {
				if strings.Contains(fmt.Sprintf("%s", v), text) {
					t.Errorf("%s.%s holds %q in plaintext", table, cols[i], text)
				}
			}
		}
		rows.Close()
	}
}

func (h *harness) companyCount(k tenant) int {
	h.t.Helper()
	return h.listCompanies(k, "").TotalResults
}

func TestAuthentication(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.doAuth("GET", "/companies", "Bearer "+h.a.key, nil).want(http.StatusOK)
		h.doAuth("GET", "/companies", "basic "+strings.TrimPrefix(basic(h.a.key), "Basic "), nil).want(http.StatusOK)
		for name, auth := range map[string]string{
			"none":             "",
			"wrong key":        basic(strings.Repeat("A", ledgersync.APIKeyLength)),
			"short key":        "Bearer abc",
			"not base64":       "Basic !!!",
			"key as user:pass": basic(h.a.key + ":"),
			"unknown scheme":   "Token " + h.a.key,
			"scheme only":      "Bearer",
		} {
			e := h.doAuth("GET", "/companies", auth, nil).want(http.StatusUnauthorized).object()
			if e["statusCode"] != float64(401) || e["error"] != "Unauthorized" {
				t.Errorf("%s: %v", name, e)
			}
		}
		disabled := true
		if _, err := h.store.UpdateClient(context.Background(), h.b.id, ledgersync.ClientUpdate{Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		h.do("GET", "/companies", h.b, nil).want(http.StatusForbidden)
	})
}

func TestBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		cases := []struct {
			name, method, path string
			body               any
			status             int
			field              string
		}{
			{"unknown company", "GET", "/companies/00000000-0000-4000-8000-000000000000", nil, 404, ""},
			{"unknown connection", "GET", "/companies/" + co.ID + "/connections/nope", nil, 404, ""},
			{"unknown company connections", "GET", "/companies/nope/connections", nil, 404, ""},
			{"malformed json", "POST", "/companies", `{"name":`, 400, ""},
			{"json array", "POST", "/companies", `[1]`, 400, ""},
			{"trailing data", "POST", "/companies", `{"name":"a"} {}`, 400, ""},
			{"wrong type", "POST", "/companies", `{"name": 5}`, 400, "name"},
			{"tags wrong type", "POST", "/companies", `{"name": "a", "tags": {"k": 1}}`, 400, "tags"},
			{"no name", "POST", "/companies", `{}`, 400, "name"},
			{"empty body", "POST", "/companies", nil, 400, "name"},
			{"bad name", "POST", "/companies", `{"name":"<script>"}`, 400, "name"},
			{"long name", "POST", "/companies", map[string]string{"name": strings.Repeat("a", 101)}, 400, "name"},
			{"too many tags", "POST", "/companies", map[string]any{"name": "a", "tags": manyTags(11)}, 400, "tags"},
			{"body over cap", "POST", "/companies", `{"name":"` + strings.Repeat("a", 1<<20) + `"}`, 413, ""},
			{"bad page", "GET", "/companies?page=0", nil, 400, "page"},
			{"bad pageSize", "GET", "/companies?pageSize=5001", nil, 400, "pageSize"},
			{"pageSize not a number", "GET", "/companies?pageSize=ten", nil, 400, "pageSize"},
			{"malformed query", "GET", "/companies?query=nonsense", nil, 400, "query"},
			{"unknown query field", "GET", "/companies?query=color%3Dred", nil, 400, "query"},
			{"bad orderBy", "GET", "/companies?orderBy=color", nil, 400, "orderBy"},
			{"unknown platform", "POST", "/companies/" + co.ID + "/connections", `{"platformKey":"abcd"}`, 404, ""},
			{"patch bad status", "PATCH", "/companies/" + co.ID + "/connections/x", `{"status":"Linked"}`, 400, "status"},
			{"branding bad key", "GET", "/config/integrations/GBOL1/branding", nil, 400, "platformKey"},
			{"branding unknown key", "GET", "/config/integrations/abcd/branding", nil, 404, ""},
			{"profile no name", "PUT", "/profile", `{"name":""}`, 400, "name"},
			{"profile bad colour", "PUT", "/profile", `{"name":"A","primaryColor":"blue"}`, 400, "primaryColor"},
			{"profile http logo", "PUT", "/profile", `{"name":"A","logoUrl":"http://cdn.example.com/l.png"}`, 400, "logoUrl"},
			{"profile unlisted redirect", "PUT", "/profile", `{"name":"A","redirectUrl":"https://evil.example/done"}`, 400, "redirectUrl"},
			{"unknown route", "GET", "/nope", nil, 404, ""},
		}
		before := h.companyCount(h.a)
		profileBefore := h.do("GET", "/profile", h.a, nil).want(http.StatusOK).body
		for _, c := range cases {
			r := h.do(c.method, c.path, h.a, c.body)
			if r.status != c.status {
				t.Errorf("%s: status %d, want %d: %s", c.name, r.status, c.status, r.body)
				continue
			}
			e := r.object()
			if e["statusCode"] != float64(c.status) || e["service"] != "PublicApi" || e["error"] == "" {
				t.Errorf("%s: error body %s", c.name, r.body)
			}
			if r.header.Get("X-Correlation-Id") != e["correlationId"] {
				t.Errorf("%s: X-Correlation-Id %q, body %v", c.name, r.header.Get("X-Correlation-Id"), e["correlationId"])
			}
			if c.field != "" && !strings.Contains(string(r.body), `"itemId":"`+c.field+`"`) {
				t.Errorf("%s: validation does not name %s: %s", c.name, c.field, r.body)
			}
			if c.status != 400 && e["validation"] != nil {
				t.Errorf("%s: validation present on %d", c.name, c.status)
			}
		}
		if after := h.companyCount(h.a); after != before {
			t.Fatalf("bad requests changed the company count: %d → %d", before, after)
		}
		if after := h.do("GET", "/profile", h.a, nil).want(http.StatusOK).body; !bytes.Equal(after, profileBefore) {
			t.Fatalf("bad requests changed the profile:\n%s\n%s", profileBefore, after)
		}
	})
}

func manyTags(n int) map[string]string {
	m := map[string]string{}
	for i := range n {
		m[fmt.Sprintf("k%d", i)] = "v"
	}
	return m
}

func TestClientIsolation(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		mine := h.createCompany(h.a, "A's Shop")
		conn := h.createConnection(h.a, mine.ID, "gbol")
		h.createCompany(h.b, "B's Shop")
		companyPath := "/companies/" + mine.ID
		connPath := companyPath + "/connections/" + conn.ID

		for _, r := range []struct{ method, path string }{
			{"GET", companyPath},
			{"GET", companyPath + "/connections"},
			{"GET", connPath},
			{"GET", "/meta/companies/" + mine.ID + "/connections"},
		} {
			h.do(r.method, r.path, h.b, nil).want(http.StatusNotFound)
		}
		h.do("POST", companyPath+"/connections", h.b, map[string]string{"platformKey": "lqai"}).want(http.StatusNotFound)
		h.do("PATCH", connPath, h.b, map[string]string{"status": "Unlinked"}).want(http.StatusNotFound)
		h.do("PUT", connPath+"/authorization", h.b, map[string]string{"k": "v"}).want(http.StatusNotFound)
		h.do("DELETE", companyPath, h.b, nil).want(http.StatusNotFound)

		list := h.listCompanies(h.b, "?query="+strings.ReplaceAll("id="+mine.ID, "=", "%3D"))
		if list.TotalResults != 0 {
			t.Fatalf("B's list shows A's company: %+v", list)
		}
		if all := h.listCompanies(h.b, ""); all.TotalResults != 1 || all.Results[0].Name != "B's Shop" {
			t.Fatalf("B sees %+v", all)
		}
		// A's data is intact.
		var got companyOut
		h.do("GET", companyPath, h.a, nil).want(http.StatusOK).decode(&got)
		if len(got.DataConnections) != 1 || got.DataConnections[0].Status != "PendingAuth" {
			t.Fatalf("A's company changed: %+v", got)
		}
		pa := h.do("GET", "/profile", h.a, nil).want(http.StatusOK).object()
		pb := h.do("GET", "/profile", h.b, nil).want(http.StatusOK).object()
		if pa["clientId"] != h.a.id || pb["clientId"] != h.b.id || pa["webhookSecret"] == pb["webhookSecret"] {
			t.Fatalf("profiles not per client: %v %v", pa, pb)
		}
	})
}

func TestCompanyLimitAnswers402(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		limit := 1
		if _, err := h.store.UpdateClient(context.Background(), h.a.id, ledgersync.ClientUpdate{CompanyLimit: &limit}); err != nil {
			t.Fatal(err)
		}
		h.createCompany(h.a, "First")
		e := h.do("POST", "/companies", h.a, map[string]string{"name": "Second"}).want(http.StatusPaymentRequired).object()
		if e["statusCode"] != float64(402) || e["canBeRetried"] != "False" {
			t.Fatalf("402 body %v", e)
		}
		if n := h.companyCount(h.a); n != 1 {
			t.Fatalf("%d companies", n)
		}
	})
}

func TestRateLimitPerKey(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, d, func(c *config.Config) { c.RatePerMinute = 5 })
			for range 5 {
				h.do("GET", "/companies", h.a, nil).want(http.StatusOK)
			}
			r := h.do("GET", "/companies", h.a, nil).want(http.StatusTooManyRequests)
			if r.header.Get("Retry-After") == "" {
				t.Fatal("429 without Retry-After")
			}
			if e := r.object(); e["canBeRetried"] != "True" || e["statusCode"] != float64(429) {
				t.Fatalf("429 body %v", e)
			}
			// Another key has its own budget.
			h.do("GET", "/companies", h.b, nil).want(http.StatusOK)
		})
	}
}
