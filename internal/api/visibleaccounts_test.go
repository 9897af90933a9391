package api_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/ledgersync/ledgersync"
)

type visibleAccountsOut struct {
	VisibleAccounts []string `json:"visibleAccounts"`
}

// visiblePath is the client-scoped GET of a platform's visible accounts.
func visiblePath(clientID, platformKey string) string {
	return "/clients/" + clientID + "/config/ui/accounts/platform/" + platformKey
}

// visibleFlowPath is the POST path, also the GET and PATCH aliases.
func visibleFlowPath(platformKey string) string {
	return "/sync/commerce/config/ui/accounts/platform/" + platformKey
}

// visibleAccounts GETs a client's keys for a platform, by both paths.
func (h *harness) visibleAccounts(k tenant, platformKey string) []string {
	h.t.Helper()
	var got, alias visibleAccountsOut
	h.do("GET", visiblePath(k.id, platformKey), k, nil).want(http.StatusOK).decode(&got)
	h.do("GET", visibleFlowPath(platformKey), k, nil).want(http.StatusOK).decode(&alias)
	if !slices.Equal(got.VisibleAccounts, alias.VisibleAccounts) {
		h.t.Fatalf("GET paths disagree: %v and %v", got.VisibleAccounts, alias.VisibleAccounts)
	}
	return got.VisibleAccounts
}

// setVisibleAccounts sends body to the POST path (or the PATCH alias) and
// returns the effective keys answered.
func (h *harness) setVisibleAccounts(method string, k tenant, platformKey string, body any) []string {
	h.t.Helper()
	var got visibleAccountsOut
	h.do(method, visibleFlowPath(platformKey), k, body).want(http.StatusOK).decode(&got)
	return got.VisibleAccounts
}

// withRequired returns the required keys plus keys, in the order of
// SPEC §5.4.
func withRequired(keys ...string) []string {
	var out []string
	for _, k := range ledgersync.VisibleAccountKeys() {
		if slices.Contains(keys, k) || slices.Contains(ledgersync.RequiredVisibleAccountKeys(), k) {
			out = append(out, k)
		}
	}
	return out
}

func TestVisibleAccounts(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		all := ledgersync.VisibleAccountKeys()
		if len(all) != 31 {
			t.Fatalf("%d keys", len(all))
		}
		for _, key := range []string{"gbol", "qhyg", "mqjo", "lqai"} {
			if got := h.visibleAccounts(h.a, key); !slices.Equal(got, all) {
				t.Fatalf("default for %s: %v", key, got)
			}
		}

		// A list shows the keys plus the required ones, matched without
		// case and spelled as in the contract.
		want := withRequired("fees-accounts-paymentFee", "payments-accounts-cash")
		got := h.setVisibleAccounts("POST", h.a, "gbol", map[string]any{"visibleAccounts": []string{"payments-accounts-cash", "FEES-accounts-paymentfee", "sales-accounts-sales"}})
		if !slices.Equal(got, want) {
			t.Fatalf("POST answered %v, want %v", got, want)
		}
		if got := h.visibleAccounts(h.a, "gbol"); !slices.Equal(got, want) {
			t.Fatalf("GET after POST: %v", got)
		}
		if got := h.visibleAccounts(h.a, "qhyg"); !slices.Equal(got, all) {
			t.Fatalf("another platform changed: %v", got)
		}
		if got := h.visibleAccounts(h.b, "gbol"); !slices.Equal(got, all) {
			t.Fatalf("another client changed: %v", got)
		}

		// [] is only the required keys.
		required := ledgersync.RequiredVisibleAccountKeys()
		if got := h.setVisibleAccounts("POST", h.a, "gbol", `{"visibleAccounts":[]}`); !slices.Equal(got, required) {
			t.Fatalf("[] answered %v", got)
		}
		if got := h.visibleAccounts(h.a, "gbol"); !slices.Equal(got, required) {
			t.Fatalf("GET after []: %v", got)
		}

		// {}, null and no body mean every key.
		for _, body := range []any{`{}`, `{"visibleAccounts":null}`, nil, `{"VisibleAccounts":null}`} {
			h.setVisibleAccounts("POST", h.a, "gbol", `{"visibleAccounts":["payments-accounts-payout"]}`)
			if got := h.setVisibleAccounts("POST", h.a, "gbol", body); !slices.Equal(got, all) {
				t.Fatalf("%v answered %v", body, got)
			}
			if got := h.visibleAccounts(h.a, "gbol"); !slices.Equal(got, all) {
				t.Fatalf("GET after %v: %v", body, got)
			}
		}

		// The PATCH alias, with a commerce key as its documentation names it.
		want = withRequired("payments-accounts-payout")
		if got := h.setVisibleAccounts("PATCH", h.a, "lqai", `{"VisibleAccounts":["payments-accounts-payout"]}`); !slices.Equal(got, want) {
			t.Fatalf("PATCH answered %v", got)
		}
		if got := h.visibleAccounts(h.a, "lqai"); !slices.Equal(got, want) {
			t.Fatalf("GET after PATCH: %v", got)
		}
		if got := h.setVisibleAccounts("PATCH", h.a, "GBOL", `{"visibleAccounts":["payments-accounts-payout"]}`); !slices.Equal(got, want) {
			t.Fatalf("PATCH with an upper-case key answered %v", got)
		}
		if got := h.visibleAccounts(h.a, "gbol"); !slices.Equal(got, want) {
			t.Fatalf("a key in upper case is not the same platform: %v", got)
		}
	})
}

func TestVisibleAccountsRefusals(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		want := withRequired("fees-accounts-loan")
		h.setVisibleAccounts("POST", h.a, "gbol", `{"visibleAccounts":["fees-accounts-loan"]}`)

		for name, c := range map[string]struct {
			method, path string
			body         any
			status       int
			itemID, msg  string
		}{
			"unknown key":                    {"POST", visibleFlowPath("gbol"), `{"visibleAccounts":["sales-accounts-sales","sales-taxRates-15"]}`, http.StatusBadRequest, "visibleAccounts[1]", "Unknown visible account key 'sales-taxRates-15'."},
			"unknown key, PATCH":             {"PATCH", visibleFlowPath("gbol"), `{"visibleAccounts":["gratuity"]}`, http.StatusBadRequest, "visibleAccounts[0]", "Unknown visible account key 'gratuity'."},
			"not a list":                     {"POST", visibleFlowPath("gbol"), `{"visibleAccounts":"sales-accounts-sales"}`, http.StatusBadRequest, "visibleAccounts", ""},
			"not strings":                    {"POST", visibleFlowPath("gbol"), `{"visibleAccounts":[1]}`, http.StatusBadRequest, "", ""},
			"bare list":                      {"POST", visibleFlowPath("gbol"), `["sales-accounts-sales"]`, http.StatusBadRequest, "", ""},
			"bad JSON":                       {"POST", visibleFlowPath("gbol"), `{"visibleAccounts":[`, http.StatusBadRequest, "", ""},
			"unknown platform":               {"POST", visibleFlowPath("abcd"), `{}`, http.StatusNotFound, "", ""},
			"unknown platform, PATCH":        {"PATCH", visibleFlowPath("abcd"), `{}`, http.StatusNotFound, "", ""},
			"unknown platform, GET":          {"GET", visiblePath(h.a.id, "abcd"), nil, http.StatusNotFound, "", ""},
			"unknown platform, alias":        {"GET", visibleFlowPath("abcd"), nil, http.StatusNotFound, "", ""},
			"another client's id":            {"GET", visiblePath(h.b.id, "gbol"), nil, http.StatusForbidden, "", ""},
			"someone's id":                   {"GET", visiblePath("6f1f7c1e-0000-4000-8000-000000000000", "gbol"), nil, http.StatusForbidden, "", ""},
			"someone's id, unknown platform": {"GET", visiblePath(h.b.id, "abcd"), nil, http.StatusForbidden, "", ""},
		} {
			e := h.do(c.method, c.path, h.a, c.body).want(c.status).object()
			if e["statusCode"] != float64(c.status) || e["service"] != "PublicApi" {
				t.Errorf("%s: %s", name, indentJSON(e))
			}
			if c.status == http.StatusBadRequest {
				items, _ := jsonAt(e, "validation.errors").([]any)
				if c.itemID != "" && (len(items) != 1 || jsonAt(items[0], "itemId") != c.itemID) {
					t.Errorf("%s: validation %s", name, indentJSON(e["validation"]))
				}
				if c.msg != "" && (e["error"] != c.msg || jsonAt(items[0], "message") != c.msg) {
					t.Errorf("%s: error %q, want %q", name, e["error"], c.msg)
				}
			}
			if got := h.visibleAccounts(h.a, "gbol"); !slices.Equal(got, want) {
				t.Fatalf("%s changed the keys: %v", name, got)
			}
		}
		// Client B reads its own keys with its own id.
		if got := h.visibleAccounts(h.b, "gbol"); !slices.Equal(got, ledgersync.VisibleAccountKeys()) {
			t.Fatalf("client B: %v", got)
		}
	})
}

// TestVisibleAccountKeysInOpenAPI: the document's enum is the list of keys.
func TestVisibleAccountKeysInOpenAPI(t *testing.T) {
	t.Parallel()
	var enum []string
	for _, v := range openAPISchema(t, "VisibleAccountKey").Enum {
		enum = append(enum, v.(string))
	}
	if !slices.Equal(enum, ledgersync.VisibleAccountKeys()) {
		t.Errorf("openapi.yaml VisibleAccountKey = %v, want %v", enum, ledgersync.VisibleAccountKeys())
	}
}
