package flow

import (
	"net/url"
	"strconv"
	"strings"
)

// Kinds of input a field is drawn as.
const (
	kindSelect = "select"
	kindToggle = "toggle"
	kindRadio  = "radio"
	kindDate   = "date"
	kindText   = "text"
	// kindZone is a time zone's text input, which a small script fills
	// with the browser's zone when it is empty.
	kindZone = "zone"
	// kindStatic shows a value that cannot be changed.
	kindStatic = "static"
)

// putFunc writes a field's value into a configuration request body.
type putFunc func(body map[string]any, value string)

// field is one input of a configuration form. Its ID is the JSON path of
// the value it edits, which is also the item id of the validation errors
// about it, the input's name and its element id.
type field struct {
	ID       string
	Kind     string
	Label    string
	Hint     string
	Value    string
	Error    string
	Options  []choice
	Required bool
	// CreateURL leads to "Create new account…" for an account slot.
	CreateURL   string
	CreateLabel string
	put         putFunc
}

// choice is one option of a select or radio field.
type choice struct {
	Value, Label string
}

// newField returns a field that edits the value at path.
func newField(kind, label string, put func(path []string) putFunc, path ...string) *field {
	f := &field{ID: strings.Join(path, "."), Kind: kind, Label: label}
	if put != nil {
		f.put = put(path)
	}
	return f
}

// Checked reports whether a toggle is on.
func (f *field) Checked() bool { return f.Value == "true" }

// HintID and ErrorID are the ids of the field's hint and error, which
// the input names in aria-describedby.
func (f *field) HintID() string  { return f.ID + "-hint" }
func (f *field) ErrorID() string { return f.ID + "-error" }

// DescribedBy is the input's aria-describedby: its hint and its error.
func (f *field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.HintID())
	}
	if f.Error != "" {
		ids = append(ids, f.ErrorID())
	}
	return strings.Join(ids, " ")
}

// keepChoice makes sure the field's value is one of its choices, so a
// stored or typed value that is no longer offered still shows, labelled.
func (f *field) keepChoice(label func(value string) string) {
	if f.Value == "" || f.Kind != kindSelect {
		return
	}
	for _, c := range f.Options {
		if c.Value == f.Value {
			return
		}
	}
	f.Options = append(f.Options, choice{Value: f.Value, Label: label(f.Value)})
}

// setPath sets a value deep in a JSON object, creating objects on the
// way.
func setPath(body map[string]any, path []string, v any) {
	m := body
	for _, k := range path[:len(path)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

// putSelection writes a selection: empty is null, which clears it.
func putSelection(path []string) putFunc {
	return func(body map[string]any, v string) {
		if v == "" {
			setPath(body, path, nil)
			return
		}
		setPath(body, path, v)
	}
}

// putToggle writes a boolean.
func putToggle(path []string) putFunc {
	return func(body map[string]any, v string) { setPath(body, path, v == "true") }
}

// putHour writes an hour; what is not a number is sent as -1, so the
// validator reports it as out of range.
func putHour(path []string) putFunc {
	return func(body map[string]any, v string) {
		h, err := strconv.Atoi(v)
		if err != nil {
			h = -1
		}
		setPath(body, path, h)
	}
}

// keepTyped replaces the fields' values with what was posted, so a form
// shown again after an error keeps what the merchant typed. An unticked
// checkbox is not posted: it is off.
func keepTyped(sections []*section, posted url.Values) {
	for _, f := range allFields(sections) {
		switch {
		case f.Kind == kindStatic:
		case f.Kind == kindToggle:
			f.Value = strconv.FormatBool(posted.Get(f.ID) == "true")
		case posted.Has(f.ID):
			f.Value = strings.TrimSpace(posted.Get(f.ID))
		}
	}
}
