package api

import (
	"net/http"

	"github.com/ledgersync/ledgersync"
)

// ruleJSON is the contract's Webhook: a rule with its notifiers.
// companyId is null for a rule on all companies.
type ruleJSON struct {
	ID        string        `json:"id"`
	Type      string        `json:"type"`
	CompanyID *string       `json:"companyId"`
	Notifiers notifiersJSON `json:"notifiers"`
}

// notifiersJSON leaves out a notifier that is not set.
type notifiersJSON struct {
	Emails  []string `json:"emails,omitempty"`
	Webhook string   `json:"webhook,omitempty"`
}

// ruleCreateJSON is the body of POST /rules.
type ruleCreateJSON struct {
	Type      string        `json:"type"`
	CompanyID *string       `json:"companyId"`
	Notifiers notifiersJSON `json:"notifiers"`
}

func newRuleJSON(r *ledgersync.Rule) ruleJSON {
	return ruleJSON{ID: r.ID, Type: r.Type, CompanyID: r.CompanyID,
		Notifiers: notifiersJSON{Emails: r.Notifiers.Emails, Webhook: r.Notifiers.Webhook}}
}

func (a *API) listRules(w http.ResponseWriter, r *http.Request) {
	o, err := listOptions(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	rules, total, err := a.store.FindRules(r.Context(), clientFrom(r.Context()).ID, o)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	out := make([]ruleJSON, len(rules))
	for i, rule := range rules {
		out[i] = newRuleJSON(rule)
	}
	writeJSON(w, http.StatusOK, newPage(r, o, out, total))
}

// createRule validates the rule, its webhook through the injected check,
// and its company against the caller's, then stores it.
func (a *API) createRule(w http.ResponseWriter, r *http.Request) {
	var in ruleCreateJSON
	found, err := decode(r, &in)
	if err == nil && !found {
		err = ledgersync.Errorf(ledgersync.EInvalid, "A rule object is required.")
	}
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	rule := &ledgersync.Rule{ClientID: clientFrom(r.Context()).ID, Type: in.Type, CompanyID: in.CompanyID,
		Notifiers: ledgersync.Notifiers{Emails: in.Notifiers.Emails, Webhook: in.Notifiers.Webhook}}
	if err := rule.Validate(a.checkWebhookURL); err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := a.store.CreateRule(r.Context(), rule); err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newRuleJSON(rule))
}

func (a *API) getRule(w http.ResponseWriter, r *http.Request) {
	rule, err := a.store.FindRuleByID(r.Context(), clientFrom(r.Context()).ID, r.PathValue("ruleId"))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newRuleJSON(rule))
}

func (a *API) deleteRule(w http.ResponseWriter, r *http.Request) {
	if err := a.store.DeleteRule(r.Context(), clientFrom(r.Context()).ID, r.PathValue("ruleId")); err != nil {
		a.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
