package api

import (
	"net/http"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer"
)

// startLatest queues a Latest sync: {"syncTo": date-time | null}, or no
// body, which syncs up to now.
func (a *API) startLatest(w http.ResponseWriter, r *http.Request) {
	var in struct {
		SyncTo *ledgersync.DateTime `json:"syncTo"`
	}
	if _, err := decode(r, &in); err != nil {
		a.writeError(w, r, err)
		return
	}
	req := syncer.Request{Type: ledgersync.SyncLatest}
	if in.SyncTo != nil {
		req.Finish = &in.SyncTo.Time
	}
	a.startSync(w, r, req)
}

// historicRange accepts the three shapes the sources disagree on:
// {"dateRange":{"start","finish"}}, {"start","finish"} and {"start","end"}.
type historicRange struct {
	DateRange *struct {
		Start  *ledgersync.DateTime `json:"start"`
		Finish *ledgersync.DateTime `json:"finish"`
	} `json:"dateRange"`
	Start  *ledgersync.DateTime `json:"start"`
	Finish *ledgersync.DateTime `json:"finish"`
	End    *ledgersync.DateTime `json:"end"`
}

func (h historicRange) bounds() (start, finish *ledgersync.DateTime) {
	if h.DateRange != nil {
		return h.DateRange.Start, h.DateRange.Finish
	}
	if h.Finish == nil {
		return h.Start, h.End
	}
	return h.Start, h.Finish
}

// startHistoric queues a Historic sync over a date range.
func (a *API) startHistoric(w http.ResponseWriter, r *http.Request) {
	var in historicRange
	if _, err := decode(r, &in); err != nil {
		a.writeError(w, r, err)
		return
	}
	start, finish := in.bounds()
	if start == nil || finish == nil {
		a.writeError(w, r, ledgersync.FieldError("dateRange", "dateRange.start and dateRange.finish are required."))
		return
	}
	a.startSync(w, r, syncer.Request{Type: ledgersync.SyncHistoric, Start: &start.Time, Finish: &finish.Time})
}

func (a *API) startSync(w http.ResponseWriter, r *http.Request, req syncer.Request) {
	run, err := a.syncs.Start(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), req)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	s, err := a.newSyncSummary(r, run)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}
