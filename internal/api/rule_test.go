package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// ruleOut is the contract's Webhook.
type ruleOut struct {
	ID        string  `json:"id"`
	Type      string  `json:"type"`
	CompanyID *string `json:"companyId"`
	Notifiers struct {
		Emails  []string `json:"emails"`
		Webhook string   `json:"webhook"`
	} `json:"notifiers"`
}

type rulesOut struct {
	Results      []ruleOut `json:"results"`
	TotalResults int       `json:"totalResults"`
}

const hook = "https://hooks.partner.example/ledgersync"

func (h *harness) createRule(k tenant, body map[string]any) ruleOut {
	h.t.Helper()
	var r ruleOut
	h.do("POST", "/rules", k, body).want(http.StatusOK).decode(&r)
	return r
}

func (h *harness) listRules(k tenant, query string) rulesOut {
	h.t.Helper()
	var p rulesOut
	h.do("GET", "/rules?query="+url.QueryEscape(query), k, nil).want(http.StatusOK).decode(&p)
	return p
}

func ruleIDsOf(p rulesOut) string {
	ids := make([]string, len(p.Results))
	for i, r := range p.Results {
		ids[i] = r.ID
	}
	return strings.Join(ids, " ")
}

func TestRuleLifecycle(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		res := h.do("POST", "/rules", h.a, map[string]any{"type": "sync failed", "companyId": co.ID,
			"notifiers": map[string]any{"webhook": hook, "emails": []string{"ops@partner.example"}}}).want(http.StatusOK)
		var one ruleOut
		res.decode(&one)
		if one.Type != "Sync Failed" || one.CompanyID == nil || *one.CompanyID != co.ID || one.Notifiers.Webhook != hook ||
			len(one.Notifiers.Emails) != 1 {
			t.Fatalf("created %s", res.body)
		}
		// A rule on all companies has companyId null; an unset notifier is left out.
		res = h.do("POST", "/rules", h.a, map[string]any{"Type": "DataConnectionStatusChanged", "companyId": nil,
			"notifiers": map[string]any{"webhook": hook}}).want(http.StatusOK)
		all := res.object()
		if v, ok := all["companyId"]; !ok || v != nil {
			t.Fatalf("companyId of a rule on all companies: %s", res.body)
		}
		if _, ok := all["notifiers"].(map[string]any)["emails"]; ok {
			t.Fatalf("emails present though none were set: %s", res.body)
		}
		allID := all["id"].(string)

		var got ruleOut
		h.do("GET", "/rules/"+one.ID, h.a, nil).want(http.StatusOK).decode(&got)
		if got.ID != one.ID || got.Type != one.Type || *got.CompanyID != co.ID || got.Notifiers.Webhook != hook {
			t.Fatalf("GET %+v", got)
		}
		for query, want := range map[string]string{
			"":                                 one.ID + " " + allID,
			`type="Sync Failed"`:               one.ID,
			"type=datAconnectionstatuschanged": allID,
			"companyId=" + co.ID:               one.ID,
			`type~sync && companyId=` + co.ID:  one.ID,
			`type="Sync Completed"`:            "",
		} {
			if p := h.listRules(h.a, query); ruleIDsOf(p) != want || p.TotalResults != len(strings.Fields(want)) {
				t.Errorf("query %q: %q (total %d), want %q", query, ruleIDsOf(p), p.TotalResults, want)
			}
		}
		h.do("GET", "/rules?query=colour%3Dred", h.a, nil).want(http.StatusBadRequest)

		h.do("DELETE", "/rules/"+one.ID, h.a, nil).want(http.StatusNoContent)
		h.do("GET", "/rules/"+one.ID, h.a, nil).want(http.StatusNotFound)
		h.do("DELETE", "/rules/"+one.ID, h.a, nil).want(http.StatusNotFound)
		if p := h.listRules(h.a, ""); ruleIDsOf(p) != allID {
			t.Fatalf("after delete: %q", ruleIDsOf(p))
		}
	})
}

func TestRuleValidation(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		foreign := h.createCompany(h.b, "Other shop")
		emails := make([]string, 21)
		for i := range emails {
			emails[i] = fmt.Sprintf("ops%d@partner.example", i)
		}
		web := func(u string) map[string]any {
			return map[string]any{"type": "Sync Completed", "notifiers": map[string]any{"webhook": u}}
		}
		for _, c := range []struct {
			name        string
			body        any
			item, error string
		}{
			{"unknown type", map[string]any{"type": "PushOperationStatusChanged", "notifiers": map[string]any{"webhook": hook}},
				"type", "Unknown rule type"},
			{"no type", map[string]any{"notifiers": map[string]any{"webhook": hook}}, "type", "Unknown rule type"},
			{"type not a string", `{"type": 1, "notifiers": {"webhook": "` + hook + `"}}`, "type", "Field type must be a string, not number."},
			{"no notifier", map[string]any{"type": "Sync Failed", "notifiers": map[string]any{"emails": []string{}}},
				"notifiers", "At least one notifier is required: notifiers.webhook or notifiers.emails."},
			{"http webhook", web("http://hooks.partner.example/"), "notifiers.webhook", "notifiers.webhook is not allowed: it must use https."},
			{"loopback webhook", web("http://127.0.0.1:9000/"), "notifiers.webhook",
				"notifiers.webhook is not allowed: it must not point to a loopback address."},
			{"private webhook", web("https://10.0.0.8/"), "notifiers.webhook",
				"notifiers.webhook is not allowed: it must not point to a private, link-local or reserved address."},
			{"metadata webhook", web("https://169.254.169.254/latest"), "notifiers.webhook",
				"notifiers.webhook is not allowed: it must not point to a private, link-local or reserved address."},
			{"credentials", web("https://user:pw@hooks.partner.example/"), "notifiers.webhook",
				"notifiers.webhook is not allowed: it must not contain credentials."},
			{"relative webhook", web("/hooks"), "notifiers.webhook", "notifiers.webhook is not allowed: it must be an absolute URL."},
			{"bad email", map[string]any{"type": "Sync Failed", "notifiers": map[string]any{"emails": []string{"ops@partner.example", "ops"}}},
				"notifiers.emails[1]", "notifiers.emails[1] is not a valid email address."},
			{"too many emails", map[string]any{"type": "Sync Failed", "notifiers": map[string]any{"emails": emails}},
				"notifiers.emails", "notifiers.emails may hold at most 20 addresses."},
			{"another client's company", map[string]any{"type": "Sync Failed", "companyId": foreign.ID,
				"notifiers": map[string]any{"webhook": hook}}, "companyId", "companyId must be the id of one of your companies, or null for all of them."},
			{"unknown company", map[string]any{"type": "Sync Failed", "companyId": "00000000-0000-4000-8000-000000000000",
				"notifiers": map[string]any{"webhook": hook}}, "companyId", "companyId must be the id of one of your companies, or null for all of them."},
			{"no body", nil, "", "A rule object is required."},
		} {
			e := h.do("POST", "/rules", h.a, c.body).want(http.StatusBadRequest).object()
			if e["error"] != c.error {
				t.Errorf("%s: error %q, want %q", c.name, e["error"], c.error)
			}
			items := e["validation"].(map[string]any)["errors"].([]any)
			switch {
			case c.item == "" && len(items) != 0:
				t.Errorf("%s: validation items %v", c.name, items)
			case c.item != "" && (len(items) != 1 || items[0].(map[string]any)["itemId"] != c.item ||
				items[0].(map[string]any)["message"] != c.error):
				t.Errorf("%s: validation items %v, want itemId %s", c.name, items, c.item)
			}
		}
		if p := h.listRules(h.a, ""); p.TotalResults != 0 {
			t.Fatalf("refused rules were stored: %+v", p)
		}
	})
}

func TestLoopbackWebhooksWhenAllowed(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, d, func(c *config.Config) { c.WebhookAllowLoopback = true })
			for _, u := range []string{"http://127.0.0.1:9000/hook", "http://localhost:9000/hook", "https://[::1]/hook"} {
				if r := h.createRule(h.a, map[string]any{"type": "Sync Completed", "notifiers": map[string]any{"webhook": u}}); r.Notifiers.Webhook != u {
					t.Errorf("%s stored as %q", u, r.Notifiers.Webhook)
				}
			}
			h.do("POST", "/rules", h.a, map[string]any{"type": "Sync Completed",
				"notifiers": map[string]any{"webhook": "https://192.168.1.10/hook"}}).want(http.StatusBadRequest)
		})
	}
}

func TestRulesAreIsolated(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		r := h.createRule(h.a, map[string]any{"type": ledgersync.EventDataConnectionStatusChanged, "notifiers": map[string]any{"webhook": hook}})
		id := recordStatusEvent(t, h, h.a, co.ID, r.ID)
		for _, req := range []struct{ method, path string }{
			{"GET", "/rules/" + r.ID},
			{"DELETE", "/rules/" + r.ID},
			{"GET", "/rules/" + r.ID + "/deliveries"},
			{"POST", "/rules/" + r.ID + "/deliveries/" + id + "/redeliver"},
		} {
			h.do(req.method, req.path, h.b, nil).want(http.StatusNotFound)
		}
		if p := h.listRules(h.b, ""); p.TotalResults != 0 {
			t.Fatalf("client B lists A's rules: %+v", p)
		}
		// A's own other rule does not reach this rule's deliveries either.
		other := h.createRule(h.a, map[string]any{"type": "Sync Failed", "notifiers": map[string]any{"webhook": hook}})
		h.do("POST", "/rules/"+other.ID+"/deliveries/"+id+"/redeliver", h.a, nil).want(http.StatusNotFound)
		h.do("GET", "/rules/"+r.ID, h.a, nil).want(http.StatusOK)
	})
}

// recordStatusEvent records a status change of the company, as the
// connection code does, and returns the rule's newest delivery.
func recordStatusEvent(t *testing.T, h *harness, k tenant, companyID, ruleID string) string {
	t.Helper()
	ctx := context.Background()
	err := h.store.RecordEvents(ctx, []ledgersync.Event{{ClientID: k.id, CompanyID: companyID,
		Type: ledgersync.EventDataConnectionStatusChanged, Message: "changed", Data: map[string]any{"newStatus": "Linked"}}})
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := h.store.FindRuleDeliveries(ctx, k.id, ruleID, ledgersync.ListOptions{Page: 1, PageSize: 1})
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries %v: %v", ds, err)
	}
	return ds[0].ID
}
