package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"
)

// problem is the problem-details body Xero answers 401, 403, 404, 429 and
// 500 with.
type problem struct {
	Type       *string
	Title      string
	Status     int
	Detail     string
	Instance   string
	Extensions struct{}
}

func writeProblem(w http.ResponseWriter, status int, title, detail string) {
	writeJSON(w, status, problem{Title: title, Status: status, Detail: detail, Instance: uuid.NewString()})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"Title":"An error occurred","Status":500}`)
	}
	writeRaw(w, status, b)
}

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// validationFailure is Xero's 400 ValidationException: each refused
// element, echoed with its ValidationErrors.
type validationFailure struct {
	ErrorNumber int
	Type        string
	Message     string
	Elements    []any
}

func (v *validationFailure) Error() string {
	return "sandbox: validation failed"
}

// invalid returns a ValidationException over the refused elements.
func invalid(elements ...any) *validationFailure {
	return &validationFailure{ErrorNumber: 10, Type: "ValidationException",
		Message: "A validation exception occurred", Elements: elements}
}

// invalidMessage returns a ValidationException about the request as a
// whole, with one message.
func invalidMessage(message string) *validationFailure {
	var v validated
	v.fail(message)
	return invalid(v)
}

// errNotFound answers Xero's 404.
var errNotFound = errors.New("sandbox: not found")

// writeError answers an API error in Xero's shapes.
func (s *Sandbox) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var v *validationFailure
	switch {
	case errors.As(err, &v):
		writeJSON(w, http.StatusBadRequest, v)
	case errors.Is(err, errNotFound):
		writeProblem(w, http.StatusNotFound, "Not Found", "The resource you're looking for cannot be found")
	default:
		s.opts.Log.ErrorContext(r.Context(), "sandbox api", "path", r.URL.Path, "error", err)
		writeProblem(w, http.StatusInternalServerError, "An error occurred", "An unexpected error occurred")
	}
}
