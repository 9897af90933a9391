package sandbox

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// pageSize is Xero's page size when a page is asked for.
const pageSize = 100

// filter selects list items by equality on Xero's fields: where terms
// Field=="value" joined by AND, and the list parameters (IDs,
// InvoiceNumbers, Statuses, ContactIDs). Xero's other where operators are
// not supported and are refused with a 400 that says so.
type filter struct {
	terms   []term
	pageNum int
}

// term matches a field, a dotted path into the item's JSON, against any
// of its values.
type term struct {
	path   []string
	values []string
}

var (
	andSplit   = regexp.MustCompile(`(?i)\s+AND\s+|\s*&&\s*`)
	termSyntax = regexp.MustCompile(`^\s*([A-Za-z][A-Za-z.]*)\s*==?\s*(?:"([^"]*)"|Guid\("([^"]*)"\)|([A-Za-z0-9._-]+))\s*$`)
)

// listParams maps Xero's list parameters to the field they match.
var listParams = map[string]string{
	"InvoiceNumbers": "InvoiceNumber", "CreditNoteNumbers": "CreditNoteNumber",
	"Statuses": "Status", "ContactIDs": "Contact.ContactID", "References": "Reference",
}

func parseFilter(q url.Values, collection string) (*filter, error) {
	f := &filter{}
	for name, field := range listParams {
		f.add(field, q.Get(name))
	}
	f.add(strings.TrimSuffix(collection, "s")+"ID", q.Get("IDs"))
	if w := strings.TrimSpace(q.Get("where")); w != "" {
		for _, part := range andSplit.Split(w, -1) {
			m := termSyntax.FindStringSubmatch(part)
			if m == nil {
				return nil, invalidMessage(fmt.Sprintf(`The where filter %q is not supported by the sandbox: use Field=="value" terms joined by AND.`, w))
			}
			f.terms = append(f.terms, term{path: strings.Split(m[1], "."), values: []string{m[2] + m[3] + m[4]}})
		}
	}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return nil, invalidMessage("page must be a whole number from 1.")
		}
		f.pageNum = n
	}
	return f, nil
}

// add adds a comma-separated list parameter.
func (f *filter) add(field, list string) {
	if list != "" {
		f.terms = append(f.terms, term{path: strings.Split(field, "."), values: strings.Split(list, ",")})
	}
}

// matches reports whether the item satisfies every term.
func (f *filter) matches(item any) bool {
	if len(f.terms) == 0 {
		return true
	}
	b, err := json.Marshal(item)
	var fields map[string]any
	if err != nil || json.Unmarshal(b, &fields) != nil {
		return false
	}
	for _, t := range f.terms {
		if !slices.Contains(t.values, lookup(fields, t.path)) {
			return false
		}
	}
	return true
}

// lookup returns the text of the value at path, or "".
func lookup(fields map[string]any, path []string) string {
	var v any = fields
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[p]
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// paged returns the asked-for page of items, or all of them.
func paged[T any](f *filter, items []T) []T {
	if f.pageNum == 0 {
		return items
	}
	start := min((f.pageNum-1)*pageSize, len(items))
	return items[start:min(start+pageSize, len(items))]
}
