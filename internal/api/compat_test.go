package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"testing"
)

// Examples from the contract (SPEC.md §2 and §3). The responses the server
// really sends must have the same fields with the same JSON types.
const (
	specErrorExample = `{"statusCode":400,"service":"PublicApi","error":"Configuration is invalid.","correlationId":"9f1c0a6e2b7d4e0f8a1b2c3d4e5f6a7b",
 "validation":{"errors":[{"itemId":"configuration.sales.salesCustomer.selectedCustomerId","message":"No sales customer has been configured.","validatorName":"Sales"}],"warnings":[]},
 "canBeRetried":"False","detailedErrorCode":0}`
	specPageExample = `{"results":[],"pageNumber":2,"pageSize":100,"totalResults":250,"_links":{"self":{"href":"/companies"},"current":{"href":"/companies?page=2&pageSize=100"},"next":{"href":"/companies?page=3&pageSize=100"},"previous":{"href":"/companies?page=1&pageSize=100"}}}`
	// The Company and Connection fields listed in §3, with an example value
	// of each field's type.
	specCompany = `{"id":"0f2b…","name":"n","description":"d","created":"2024-03-05T20:43:46Z","tags":{"k":"v"},"dataConnections":[],
 "merchantIdentifier":"m","redirect":"","lastSync":"2024-03-05T20:43:46Z","createdByUserName":null,"products":["sync-for-commerce"]}`
	specConnection = `{"id":"x","integrationKey":"gbol","sourceType":"Accounting","platformName":"Xero","status":"PendingAuth","lastSync":"2024-03-05T20:43:46Z",
 "created":"2024-03-05T20:43:46Z","integrationId":"u","sourceId":"u","linkUrl":"","dataConnectionErrors":null,"connectionInfo":null}`
)

// optional lists the contract's fields that are omitted when empty.
var optional = map[string]bool{"description": true, "merchantIdentifier": true, "lastSync": true, "next": true, "previous": true}

func TestCompatibleWithSpecExamples(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		for i := range 3 {
			h.createCompany(h.a, fmt.Sprintf("Shop %d", i))
		}
		var co companyOut
		h.do("POST", "/companies", h.a, map[string]any{"name": "Full", "description": "d", "tags": map[string]string{"k": "v"}}).
			want(http.StatusOK).decode(&co)
		conn := h.do("POST", "/companies/"+co.ID+"/connections", h.a, map[string]string{"platformKey": "gbol"}).want(http.StatusOK)
		sameShape(t, "connection", parse(t, specConnection), parse(t, string(conn.body)))
		company := h.do("GET", "/companies/"+co.ID, h.a, nil).want(http.StatusOK)
		got := parse(t, string(company.body)).(map[string]any)
		conns := got["dataConnections"].([]any)
		if len(conns) != 1 {
			t.Fatalf("dataConnections %v", conns)
		}
		sameShape(t, "company.dataConnections[0]", parse(t, specConnection), conns[0])
		got["dataConnections"] = []any{}
		sameShape(t, "company", parse(t, specCompany), got)

		p := h.do("GET", "/companies?page=2&pageSize=1", h.a, nil).want(http.StatusOK)
		page := parse(t, string(p.body)).(map[string]any)
		page["results"] = []any{}
		sameShape(t, "page", parse(t, specPageExample), page)

		e := h.do("POST", "/companies", h.a, `{"name":""}`).want(http.StatusBadRequest)
		sameShape(t, "error", parse(t, specErrorExample), parse(t, string(e.body)))
		if id := e.object()["correlationId"].(string); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
			t.Fatalf("correlationId %q", id)
		}
	})
}

func parse(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("parse %s: %v", s, err)
	}
	return v
}

// sameShape fails unless got has exactly want's fields (optional ones may
// be missing) with the same JSON types, recursively.
func sameShape(t *testing.T, path string, want, got any) {
	t.Helper()
	if kind(want) != kind(got) && !(want == nil && got == nil) {
		t.Errorf("%s: %s, want %s", path, kind(got), kind(want))
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		for _, k := range keys(w) {
			if _, ok := g[k]; !ok {
				if !optional[k] {
					t.Errorf("%s.%s is missing", path, k)
				}
				continue
			}
			sameShape(t, path+"."+k, w[k], g[k])
		}
		for _, k := range keys(g) {
			if _, ok := w[k]; !ok {
				t.Errorf("%s.%s is not in the contract", path, k)
			}
		}
	case []any:
		g := got.([]any)
		if len(w) > 0 && len(g) > 0 {
			sameShape(t, path+"[0]", w[0], g[0])
		}
	}
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	}
	return fmt.Sprintf("%T", v)
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
