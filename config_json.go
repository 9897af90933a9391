package ledgersync

import (
	"bytes"
	"encoding/json"
	"strings"
)

// jsonObject is one layer of a JSON body, kept raw so that an absent
// property can be told from a null one.
type jsonObject map[string]json.RawMessage

// parseObject decodes a JSON object found at path; null gives nil.
func parseObject(raw json.RawMessage, path string) (jsonObject, error) {
	if isNull(raw) {
		return nil, nil
	}
	var o jsonObject
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, wrongType(path)
	}
	return o, nil
}

// isNull reports whether raw is the JSON null.
func isNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

// wrongType is the error of a value that does not decode.
func wrongType(path string) error {
	if path == "" {
		return Errorf(EInvalid, "Malformed JSON: the body must be a JSON object.")
	}
	return FieldError(path, "Field %s has the wrong type.", path)
}

// joinPath appends a property name to a JSON path.
func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// lookupFold returns the key of m that is name, or else the first, in
// order, that matches it ignoring case.
func lookupFold[V any](m map[string]V, name string) (string, bool) {
	if _, ok := m[name]; ok {
		return name, true
	}
	for _, k := range sortedKeys(m) {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

// field returns the property name, matched case-insensitively.
func (o jsonObject) field(name string) (json.RawMessage, bool) {
	k, ok := lookupFold(o, name)
	return o[k], ok
}

// object returns the nested object name; nil when absent or null.
func (o jsonObject) object(name, path string) (jsonObject, error) {
	raw, ok := o.field(name)
	if !ok {
		return nil, nil
	}
	return parseObject(raw, joinPath(path, name))
}

// setValue decodes property name into dst when it is present and not
// null; a null is ignored.
func setValue[T any](o jsonObject, name, path string, dst *T) error {
	if raw, ok := o.field(name); !ok || isNull(raw) {
		return nil
	}
	return setNullable(o, name, path, dst)
}

// setNullable decodes property name into dst when it is present; null
// sets the zero value, which clears a selection.
func setNullable[T any](o jsonObject, name, path string, dst *T) error {
	raw, ok := o.field(name)
	if !ok {
		return nil
	}
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return wrongType(joinPath(path, name))
	}
	*dst = v
	return nil
}

// setNested is setNullable on property field of the nested object.
func setNested[T any](o jsonObject, object, field, path string, dst *T) error {
	inner, err := o.object(object, path)
	if err != nil {
		return err
	}
	return setNullable(inner, field, joinPath(path, object), dst)
}
