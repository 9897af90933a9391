package api

import (
	"encoding/json"
	"net/http"
	"sort"

	"github.com/ledgersync/ledgersync"
)

// uiTextJSON is one entry of the text map.
type uiTextJSON struct {
	Text     *string `json:"text"`
	Required bool    `json:"required"`
}

// uiLocale reads the required locale parameter.
func uiLocale(r *http.Request) (string, error) {
	l, ok := ledgersync.ValidLocale(r.URL.Query().Get("locale"))
	if !ok {
		return "", ledgersync.FieldError("locale", "locale must be en-us or fr-fr.")
	}
	return l, nil
}

// uiTexts returns every key's effective text for the client and locale.
func (a *API) uiTexts(r *http.Request, locale string) (map[string]uiTextJSON, error) {
	overrides, err := a.store.UITextOverrides(r.Context(), clientFrom(r.Context()).ID, locale)
	if err != nil {
		return nil, err
	}
	out := map[string]uiTextJSON{}
	for _, key := range ledgersync.UITextKeys() {
		text, ok := overrides[key]
		if !ok {
			text = ledgersync.UITextDefault(key, locale)
		}
		entry := uiTextJSON{Required: ledgersync.UITextRequired(key)}
		if ok || text != "" {
			entry.Text = &text
		}
		out[key] = entry
	}
	return out, nil
}

func (a *API) getUIText(w http.ResponseWriter, r *http.Request) {
	locale, err := uiLocale(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	texts, err := a.uiTexts(r, locale)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, texts)
}

// patchUIText takes {key: "text" | "" | null} or {key: {"text": …}}: null
// resets a key, "" blanks it (refused for required keys).
func (a *API) patchUIText(w http.ResponseWriter, r *http.Request) {
	locale, err := uiLocale(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var body map[string]json.RawMessage
	if _, err := decode(r, &body); err != nil {
		a.writeError(w, r, err)
		return
	}
	changes, err := uiTextChanges(body)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if err := a.store.SetUITexts(r.Context(), clientFrom(r.Context()).ID, locale, changes); err != nil {
		a.writeError(w, r, err)
		return
	}
	a.getUIText(w, r)
}

// uiTextChanges validates a PATCH body, key by key in sorted order so the
// first error reported is stable.
func uiTextChanges(body map[string]json.RawMessage) (map[string]*string, error) {
	names := make([]string, 0, len(body))
	for k := range body {
		names = append(names, k)
	}
	sort.Strings(names)
	changes := map[string]*string{}
	for _, name := range names {
		key, ok := ledgersync.UITextKey(name)
		if !ok {
			return nil, ledgersync.FieldError(name, "Unknown text key %s.", name)
		}
		text, err := uiTextValue(body[name])
		if err != nil {
			return nil, ledgersync.FieldError(name, "Text for %s must be a string, null, or an object with a text.", name)
		}
		if text != nil && *text == "" && ledgersync.UITextRequired(key) {
			return nil, ledgersync.FieldError(name, "Text for %s is required", key)
		}
		changes[key] = text
	}
	return changes, nil
}

func uiTextValue(raw json.RawMessage) (*string, error) {
	var text *string
	if err := json.Unmarshal(raw, &text); err == nil {
		return text, nil
	}
	var obj struct {
		Text *string `json:"text"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	return obj.Text, nil
}
