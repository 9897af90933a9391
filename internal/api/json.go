package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// writeJSON answers with a JSON body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"statusCode":500,"service":"PublicApi","error":"encode response"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// readBody reads the whole request body; bodies over the server's cap
// give ETooLarge.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, ledgersync.Errorf(ledgersync.ETooLarge, "Request body is larger than %d bytes.", tooLarge.Limit)
	}
	if err != nil {
		return nil, ledgersync.Errorf(ledgersync.EInvalid, "Request body could not be read.")
	}
	return b, nil
}

// decode reads a JSON body into dst. Property names match
// case-insensitively and unknown ones are ignored, as the contract says.
// It reports whether there was a body at all.
func decode(r *http.Request, dst any) (bool, error) {
	b, err := readBody(r)
	if err != nil {
		return false, err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return false, nil
	}
	return true, decodeBytes(b, dst)
}

func decodeBytes(b []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return ledgersync.Errorf(ledgersync.EInvalid, "Malformed JSON: unexpected data after the body.")
	}
	return nil
}

// jsonError turns a decoding error into a message naming the field.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		field := typeErr.Field
		if field == "" {
			return ledgersync.Errorf(ledgersync.EInvalid, "Malformed JSON: the body must be a JSON %s.", jsonKind(typeErr.Type.Kind().String()))
		}
		return ledgersync.FieldError(field, "Field %s must be %s, not %s.", field, jsonKind(typeErr.Type.Kind().String()), typeErr.Value)
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) || errors.Is(err, io.ErrUnexpectedEOF) {
		return ledgersync.Errorf(ledgersync.EInvalid, "Malformed JSON: %v.", err)
	}
	var valErr *fieldValueError
	if errors.As(err, &valErr) {
		return ledgersync.FieldError(valErr.field, "%s", valErr.msg)
	}
	return ledgersync.Errorf(ledgersync.EInvalid, "Malformed JSON: %v.", err)
}

// fieldValueError is returned by custom unmarshalers to name a field.
type fieldValueError struct{ field, msg string }

func (e *fieldValueError) Error() string { return e.msg }

func jsonKind(goKind string) string {
	switch {
	case goKind == "string":
		return "a string"
	case goKind == "bool":
		return "a boolean"
	case strings.HasPrefix(goKind, "int"), strings.HasPrefix(goKind, "uint"), strings.HasPrefix(goKind, "float"):
		return "a number"
	case goKind == "slice", goKind == "array":
		return "an array"
	case goKind == "map", goKind == "struct":
		return "an object"
	}
	return fmt.Sprintf("a %s", goKind)
}
