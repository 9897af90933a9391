package api

import (
	"net/http"

	"github.com/ledgersync/ledgersync"
)

// deliveryJSON is one event sent to a rule's webhook. Its id is the
// webhook's AlertId and webhook-id.
type deliveryJSON struct {
	ID               string `json:"id"`
	RuleID           string `json:"ruleId"`
	EventID          string `json:"eventId"`
	Type             string `json:"type"`
	CompanyID        string `json:"companyId"`
	Status           string `json:"status"`
	Attempts         int    `json:"attempts"`
	LastResponseCode int    `json:"lastResponseCode,omitempty"`
	LastError        string `json:"lastError,omitempty"`
	LastAttemptAt    string `json:"lastAttemptAt,omitempty"`
	NextAttemptAt    string `json:"nextAttemptAt,omitempty"`
	DeliveredAt      string `json:"deliveredAt,omitempty"`
	Created          string `json:"created"`
}

func newDeliveryJSON(d *ledgersync.Delivery) deliveryJSON {
	return deliveryJSON{ID: d.ID, RuleID: d.RuleID, EventID: d.EventID, Type: d.EventType, CompanyID: d.CompanyID,
		Status: d.Status, Attempts: d.Attempts, LastResponseCode: d.LastStatusCode, LastError: d.LastError,
		LastAttemptAt: formatTimePtr(d.LastAttemptAt), NextAttemptAt: formatTimePtr(d.NextAttemptAt),
		DeliveredAt: formatTimePtr(d.DeliveredAt), Created: formatTime(d.Created)}
}

func (a *API) listRuleDeliveries(w http.ResponseWriter, r *http.Request) {
	o, err := listOptions(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	ds, total, err := a.store.FindRuleDeliveries(r.Context(), clientFrom(r.Context()).ID, r.PathValue("ruleId"), o)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	out := make([]deliveryJSON, len(ds))
	for i, d := range ds {
		out[i] = newDeliveryJSON(d)
	}
	writeJSON(w, http.StatusOK, newPage(r, o, out, total))
}

// redeliver makes a delivered, failed or cancelled delivery pending again
// and, when a delivery job is wired, schedules it in the same transaction.
func (a *API) redeliver(w http.ResponseWriter, r *http.Request) {
	d, err := a.store.RedeliverDelivery(r.Context(), clientFrom(r.Context()).ID, r.PathValue("ruleId"),
		r.PathValue("deliveryId"), a.enqueueDelivery)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newDeliveryJSON(d))
}
