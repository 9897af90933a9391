package mapping

import "fmt"

// The sync status codes a mapping failure ends with (SPEC §7.5).
const (
	// CodeMissingMapping (4200, MapCoreError): an account, tax rate or
	// contact the data needs is not mapped.
	CodeMissingMapping = 4200
	// CodeInconsistentData (5120, ProcessingError): the commerce data
	// cannot be posted as it is.
	CodeInconsistentData = 5120
)

// Error is a mapping failure. Message is written for the merchant, in the
// contract's wording.
type Error struct {
	Code    int
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("mapping: %d: %s", e.Code, e.Message) }

// missing returns a CodeMissingMapping error.
func missing(format string, args ...any) *Error {
	return &Error{Code: CodeMissingMapping, Message: fmt.Sprintf(format, args...)}
}

// inconsistent returns a CodeInconsistentData error.
func inconsistent(format string, args ...any) *Error {
	return &Error{Code: CodeInconsistentData, Message: fmt.Sprintf(format, args...)}
}
