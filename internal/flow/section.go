package flow

import (
	"encoding/json"
	"maps"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// section is one part of the configuration (sales, fees, payments,
// schedule, output format), drawn the same way in the wizard and on the
// settings page. On the settings page it is its own form, posted to
// Action.
type section struct {
	Name        string
	Title       string
	Description string
	Note        string
	Groups      []*group
	Action      string
	SaveLabel   string
}

// group is a titled set of fields within a section.
type group struct {
	Title       string
	Description string
	Fields      []*field
	// put, when set, writes the group's fields into a body in place of
	// each field's own, and returns the item ids of errors that belong to
	// one of its fields, mapped to that field's id.
	put func(body map[string]any, fields []*field) map[string]string
}

// allFields lists every field of the sections, in order.
func allFields(sections []*section) []*field {
	var out []*field
	for _, s := range sections {
		for _, g := range s.Groups {
			out = append(out, g.Fields...)
		}
	}
	return out
}

// requestBody writes the fields into base, a partial configuration in the
// contract's wire shape, and returns it with the aliases of item ids.
func requestBody(sections []*section, base map[string]any) ([]byte, map[string]string) {
	aliases := map[string]string{}
	for _, s := range sections {
		for _, g := range s.Groups {
			if g.put != nil {
				maps.Copy(aliases, g.put(base, g.Fields))
				continue
			}
			for _, f := range g.Fields {
				if f.put != nil {
					f.put(base, f.Value)
				}
			}
		}
	}
	b, err := json.Marshal(base)
	if err != nil {
		panic("flow: a request body cannot be encoded: " + err.Error())
	}
	return b, aliases
}

// problem is one line of a form's error summary; Href leads to the field
// that shows it, when one does.
type problem struct {
	Text string
	Href string
}

// attachErrors shows each validation item next to its field and returns
// the summary. An item whose field is not on the page appears in the
// summary only.
func attachErrors(sections []*section, items []ledgersync.ValidationItem, aliases map[string]string, t *texts) []problem {
	byID := map[string]*field{}
	for _, f := range allFields(sections) {
		byID[f.ID] = f
	}
	var out []problem
	for _, it := range items {
		message := translateValidation(t.locale, it.Message)
		f := byID[fieldOfItem(it.ItemID, aliases)]
		if f == nil {
			out = append(out, problem{Text: message})
			continue
		}
		if !strings.Contains(f.Error, message) {
			f.Error = strings.TrimSpace(f.Error + " " + message)
		}
		out = append(out, problem{Text: f.Label + t.msg("problems.separator") + message, Href: "#" + f.ID})
	}
	return out
}

// fieldOfItem is the id of the field an item id is about: an alias, or
// the slot of an "accountOptions" item (no account to choose from).
func fieldOfItem(itemID string, aliases map[string]string) string {
	if id, ok := aliases[itemID]; ok {
		return id
	}
	if slot, ok := strings.CutSuffix(itemID, ".accountOptions"); ok {
		return slot + ".selectedAccountId"
	}
	return itemID
}

// fieldProblem shows a message next to a field and returns its summary
// line.
func fieldProblem(f *field, message string, t *texts) problem {
	f.Error = message
	return problem{Text: f.Label + t.msg("problems.separator") + message, Href: "#" + f.ID}
}
