package api

import (
	"errors"
	"net/http"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/server"
)

// statusOf maps domain error codes to HTTP statuses.
var statusOf = map[string]int{
	ledgersync.EInvalid:      http.StatusBadRequest,
	ledgersync.EUnauthorized: http.StatusUnauthorized,
	ledgersync.ELimit:        http.StatusPaymentRequired,
	ledgersync.EForbidden:    http.StatusForbidden,
	ledgersync.ENotFound:     http.StatusNotFound,
	ledgersync.EConflict:     http.StatusConflict,
	ledgersync.EMismatch:     http.StatusUnprocessableEntity,
	ledgersync.ETooLarge:     http.StatusRequestEntityTooLarge,
	ledgersync.ERateLimited:  http.StatusTooManyRequests,
	ledgersync.EInternal:     http.StatusInternalServerError,
}

// errorBody is the contract's ErrorMessage, the body of every 4XX and 5XX.
type errorBody struct {
	StatusCode        int         `json:"statusCode"`
	Service           string      `json:"service"`
	Error             string      `json:"error"`
	CorrelationID     string      `json:"correlationId"`
	Validation        *validation `json:"validation,omitempty"`
	CanBeRetried      string      `json:"canBeRetried"`
	DetailedErrorCode int         `json:"detailedErrorCode"`
}

type validation struct {
	Errors   []validationItem `json:"errors"`
	Warnings []validationItem `json:"warnings"`
}

type validationItem struct {
	ItemID        string `json:"itemId"`
	Message       string `json:"message"`
	ValidatorName string `json:"validatorName"`
}

// writeError answers with the error body; unexpected errors are logged
// and reported without detail.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := ledgersync.ErrorCode(err)
	status := statusOf[code]
	if code == ledgersync.EInternal {
		a.log.ErrorContext(r.Context(), "request failed", "request_id", server.RequestID(r.Context()), "error", err)
	}
	body := errorBody{
		StatusCode:    status,
		Service:       "PublicApi",
		Error:         ledgersync.ErrorMessage(err),
		CorrelationID: server.RequestID(r.Context()),
		CanBeRetried:  "False",
	}
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable:
		body.CanBeRetried = "True"
	}
	if status == http.StatusBadRequest {
		body.Validation = validationOf(err)
	}
	writeJSON(w, status, body)
}

// validationOf lists what a 400 found wrong: every item of an invalid
// configuration or push, or the one field a domain error names.
func validationOf(err error) *validation {
	v := &validation{Errors: []validationItem{}, Warnings: []validationItem{}}
	var cfg *ledgersync.InvalidConfigurationError
	var recs *ledgersync.InvalidRecordsError
	var e *ledgersync.Error
	switch {
	case errors.As(err, &cfg):
		v.Errors = appendItems(v.Errors, cfg.Items)
	case errors.As(err, &recs):
		v.Errors = appendItems(v.Errors, recs.Items)
	case errors.As(err, &e) && e.Field != "":
		v.Errors = append(v.Errors, validationItem{ItemID: e.Field, Message: e.Message, ValidatorName: "Request"})
	}
	return v
}

// appendItems adds domain validation items, in the wire's shape.
func appendItems(out []validationItem, items []ledgersync.ValidationItem) []validationItem {
	for _, item := range items {
		out = append(out, validationItem{ItemID: item.ItemID, Message: item.Message, ValidatorName: item.ValidatorName})
	}
	return out
}
