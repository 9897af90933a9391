package flow

import (
	"context"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// texts are the words of a configuration page: the client's overrides of
// the customisable texts (SPEC §5.3), else their defaults, and the flow's
// own messages, with {commerce} (the partner's name) and {accounting}
// (the platform's name) filled in.
type texts struct {
	locale    string
	overrides map[string]string
	names     *strings.Replacer
}

// textsFor loads the client's overrides for the page's locale; if they
// cannot be read the defaults still make a usable page.
func (f *Flow) textsFor(ctx context.Context, q *request, accounting string) *texts {
	overrides, err := f.store.UITextOverrides(ctx, q.session.ClientID, q.locale)
	if err != nil {
		f.log.Warn("flow: load text overrides", "error", err)
	}
	return &texts{locale: q.locale, overrides: overrides,
		names: strings.NewReplacer("{commerce}", q.brand.Name, "{accounting}", accounting)}
}

// ui returns a customisable text by its key without the "configure-"
// prefix.
func (t *texts) ui(key string) string {
	full := ledgersync.UITextPrefix + key
	text, ok := t.overrides[full]
	if !ok {
		text = ledgersync.UITextDefault(full, t.locale)
	}
	return t.names.Replace(text)
}

// msg returns one of the flow's own messages.
func (t *texts) msg(key string, args ...any) string {
	return t.names.Replace(translate(t.locale, key, args...))
}

// percent writes a tax percentage as the locale does: "17,5" in French.
func (t *texts) percent(p string) string {
	if t.locale == "fr-fr" {
		return strings.ReplaceAll(p, ".", ",")
	}
	return p
}
