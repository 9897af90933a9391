package ledgersync

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// setKeys lists the properties of a JSON object that are set: their value
// is neither null nor "" (SPEC W3). ok is false when raw is not an object.
// raw must be valid JSON, as the elements of a decoded array are. It is a
// scan rather than a decode because every pushed record goes through it.
func setKeys(raw []byte) (keys []string, ok bool) {
	i := skipSpace(raw, 0)
	if i == len(raw) || raw[i] != '{' {
		return nil, false
	}
	depth := 0
	for ; i < len(raw); i++ {
		switch raw[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '"':
			end := stringEnd(raw, i)
			colon := skipSpace(raw, end)
			if depth == 1 && colon < len(raw) && raw[colon] == ':' {
				if !isUnset(raw[skipSpace(raw, colon+1):]) {
					keys = append(keys, keyText(raw[i:end]))
				}
				i = colon
				continue
			}
			i = end - 1
		}
	}
	return keys, true
}

// skipSpace returns the index of the first non-space byte from i.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just after the string starting at b[i].
func stringEnd(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

func isUnset(value []byte) bool {
	return bytes.HasPrefix(value, []byte("null")) || bytes.HasPrefix(value, []byte(`""`))
}

// keyText decodes a quoted key; escapes are rare, so only they decode.
func keyText(quoted []byte) string {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	_ = json.Unmarshal(quoted, &s)
	return s
}

// hasKey reports whether keys holds name, ignoring case as decoding does.
func hasKey(keys []string, name string) bool {
	return slices.ContainsFunc(keys, func(k string) bool { return strings.EqualFold(k, name) })
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// badField finds the innermost value of raw that does not decode into t,
// and returns its JSON path (from path) and what it must be. Decoding
// errors of amounts and dates do not say where they are; this does.
func badField(raw []byte, t reflect.Type, path string) (string, string) {
	if json.Unmarshal(raw, reflect.New(t).Interface()) == nil {
		return "", ""
	}
	switch {
	case reflect.PointerTo(t).Implements(unmarshalerType):
	case t.Kind() == reflect.Pointer:
		return badField(raw, t.Elem(), path)
	case t.Kind() == reflect.Struct:
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) == nil {
			for _, f := range reflect.VisibleFields(t) {
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if key, ok := lookupFold(m, name); name != "" && ok {
					if p, want := badField(m[key], f.Type, joinPath(path, name)); p != "" {
						return p, want
					}
				}
			}
		}
	case t.Kind() == reflect.Slice:
		var a []json.RawMessage
		if json.Unmarshal(raw, &a) == nil {
			for i, v := range a {
				if p, want := badField(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); p != "" {
					return p, want
				}
			}
		}
	}
	if path == "" {
		path = "record"
	}
	return path, expectation(t)
}

// expectation says what a value of type t must be.
func expectation(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[Amount]():
		return fmt.Sprintf("a decimal number with at most %d decimal places", AmountScale)
	case reflect.TypeFor[DateTime]():
		return "an RFC 3339 date-time"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a " + t.Kind().String()
}
