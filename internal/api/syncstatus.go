package api

import (
	"net/http"
	"time"

	"github.com/ledgersync/ledgersync"
)

// dateRange is the contract's syncDateRangeUtc.
type dateRange struct {
	Start  string `json:"start"`
	Finish string `json:"finish"`
}

// companySyncStatus is the contract's CompanySyncStatus, with
// ledgersync's additions (period, type, finish time).
type companySyncStatus struct {
	CompanyID            string    `json:"companyId"`
	SyncID               string    `json:"syncId"`
	SyncStatusCode       int       `json:"syncStatusCode"`
	SyncStatus           string    `json:"syncStatus"`
	ErrorMessage         *string   `json:"errorMessage"`
	SyncExceptionMessage *string   `json:"syncExceptionMessage"`
	SyncUtc              string    `json:"syncUtc"`
	DataPushed           bool      `json:"dataPushed"`
	SyncDateRangeUtc     dateRange `json:"syncDateRangeUtc"`
	SyncType             string    `json:"syncType"`
	FinishedUtc          string    `json:"finishedUtc,omitempty"`
}

// syncSummary is the contract's SyncSummary and, with syncId, SyncStatus.
type syncSummary struct {
	companySyncStatus
	CommerceSyncID  string           `json:"commerceSyncId"`
	DataConnections []connectionJSON `json:"dataConnections"`
}

// longRunning is when a running sync reports 1010 instead of 1000.
const longRunning = 10 * time.Minute

func newCompanySyncStatus(r *ledgersync.SyncRun) companySyncStatus {
	code := r.StatusCode
	if code == ledgersync.CodePending && r.StartedAt != nil && time.Since(*r.StartedAt) > longRunning {
		code = ledgersync.CodeRunningLong
	}
	return companySyncStatus{
		CompanyID: r.CompanyID, SyncID: r.ID, SyncStatusCode: code, SyncStatus: r.Status,
		ErrorMessage: r.ErrorMessage, SyncExceptionMessage: r.ExceptionMessage, SyncUtc: formatTime(r.QueuedAt),
		DataPushed: r.DataPushed, SyncDateRangeUtc: dateRange{Start: formatTime(r.Start), Finish: formatTime(r.Finish)},
		SyncType: r.Type, FinishedUtc: formatTimePtr(r.FinishedAt),
	}
}

func (a *API) newSyncSummary(r *http.Request, run *ledgersync.SyncRun) (syncSummary, error) {
	co, err := a.store.FindCompanyByID(r.Context(), clientFrom(r.Context()).ID, run.CompanyID)
	if err != nil {
		return syncSummary{}, err
	}
	s := syncSummary{companySyncStatus: newCompanySyncStatus(run), CommerceSyncID: run.ID, DataConnections: []connectionJSON{}}
	for _, c := range co.Connections {
		s.DataConnections = append(s.DataConnections, newConnectionJSON(c))
	}
	return s, nil
}

// newestRun is a company's newest sync, or its newest successful one;
// ENotFound when there is none.
func (a *API) newestRun(r *http.Request, successfulOnly bool) (*ledgersync.SyncRun, error) {
	runs, err := a.store.ListSyncRuns(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), 1, successfulOnly)
	if err != nil {
		return nil, err
	}
	if len(runs) == 0 {
		return nil, ledgersync.Errorf(ledgersync.ENotFound, "No syncs found for company")
	}
	return runs[0], nil
}

// getSyncStatus answers …/syncs/{syncId|latest|lastSuccessful}/status.
func (a *API) getSyncStatus(w http.ResponseWriter, r *http.Request) {
	var run *ledgersync.SyncRun
	var err error
	switch which := r.PathValue("syncId"); which {
	case "latest", "lastSuccessful":
		run, err = a.newestRun(r, which == "lastSuccessful")
	default:
		run, err = a.store.FindSyncRun(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), which)
	}
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newCompanySyncStatus(run))
}

// listSyncStatus answers …/syncs/list/status: at most 1,000, newest first.
func (a *API) listSyncStatus(w http.ResponseWriter, r *http.Request) {
	runs, err := a.store.ListSyncRuns(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"), 1000, false)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	out := make([]companySyncStatus, len(runs))
	for i, run := range runs {
		out[i] = newCompanySyncStatus(run)
	}
	writeJSON(w, http.StatusOK, out)
}

// getMetaSyncStatus answers GET /meta/companies/{companyId}/sync/commerce/status
// with the SyncStatus of the latest sync.
func (a *API) getMetaSyncStatus(w http.ResponseWriter, r *http.Request) {
	run, err := a.newestRun(r, false)
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
