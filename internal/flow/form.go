package flow

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
)

// formContext is what the configuration forms are built from: the
// company's configuration with its live options, the page's texts, the
// slots the client shows, and the page that "Create new account…" comes
// back to.
type formContext struct {
	loaded   *configuration.Loaded
	cfg      *ledgersync.Configuration
	text     *texts
	visible  map[string]bool
	company  string
	partner  string
	platform string
	back     string
}

// visibleUniverse is every key SPEC §5.4 lets a client hide; other slots
// are always shown.
var visibleUniverse = func() map[string]bool {
	out := map[string]bool{}
	for _, k := range ledgersync.VisibleAccountKeys() {
		out[k] = true
	}
	return out
}()

// loadForm loads the company's configuration, with options no older than
// maxAge (zero: read again from the platform, as every flow page does).
func (f *Flow) loadForm(w http.ResponseWriter, r *http.Request, q *request, maxAge time.Duration, back string) (*formContext, bool) {
	ctx := r.Context()
	l, err := f.opts.Config.Load(ctx, q.session.ClientID, q.session.CompanyID, maxAge)
	if err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return nil, false
	}
	key := ""
	if conn := lastAccounting(l.Company); conn != nil {
		key = conn.IntegrationKey
	}
	name := platformName(key)
	return &formContext{loaded: l, cfg: l.Config, company: q.session.CompanyID, partner: q.brand.Name, platform: name, back: back,
		text: f.textsFor(ctx, q, name), visible: f.visibleAccounts(ctx, q.session.ClientID, key)}, true
}

// visibleAccounts returns the §5.4 keys the client shows for a platform;
// when they cannot be read, every slot is shown.
func (f *Flow) visibleAccounts(ctx context.Context, clientID, key string) map[string]bool {
	stored, err := f.store.VisibleAccounts(ctx, clientID, key)
	if err != nil {
		f.log.Warn("flow: load visible accounts", "error", err)
		stored = nil
	}
	keys, err := ledgersync.EffectiveVisibleAccounts(stored)
	if err != nil {
		keys = ledgersync.VisibleAccountKeys()
	}
	out := map[string]bool{}
	for _, k := range keys {
		out[k] = true
	}
	return out
}

// lastAccounting is the company's accounting connection: the active one,
// else the one most recently created.
func lastAccounting(co *ledgersync.Company) *ledgersync.Connection {
	var last *ledgersync.Connection
	for _, c := range co.Connections {
		switch {
		case c.SourceType != ledgersync.SourceAccounting:
		case c.Status != ledgersync.StatusUnlinked:
			return c
		case last == nil || c.Created.After(last.Created):
			last = c
		}
	}
	return last
}

// path is the URL of one of the company's pages.
func (c *formContext) path(page string) string { return "/flow/c/" + c.company + "/" + page }

// linked reports whether the accounting connection is Linked, so that
// its accounts, rates and contacts can be chosen.
func (c *formContext) linked() bool {
	return c.loaded.Accounting != nil && c.loaded.Accounting.Status == ledgersync.StatusLinked
}

// shown reports whether a §5.4 key is visible.
func (c *formContext) shown(key string) bool { return !visibleUniverse[key] || c.visible[key] }

// save merges the posted sections' fields, written over base, into the
// configuration. Validation errors come back as problems, shown next to
// their fields among the shown sections; err is for failures that are
// not the merchant's to fix.
func (f *Flow) save(ctx context.Context, c *formContext, posted, shown []*section, base map[string]any) ([]problem, error) {
	body, aliases := requestBody(posted, base)
	items, err := f.apply(ctx, c, body)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	return attachErrors(shown, items, aliases, c.text), nil
}

// apply saves a request body and returns its validation items: the
// refusals of SPEC §6.4, a value of the wrong type, or a save that raced
// another.
func (f *Flow) apply(ctx context.Context, c *formContext, body []byte) ([]ledgersync.ValidationItem, error) {
	_, _, err := f.opts.Config.Apply(ctx, c.loaded, body)
	var invalid *ledgersync.InvalidConfigurationError
	var domain *ledgersync.Error
	switch {
	case err == nil:
		return nil, nil
	case errors.As(err, &invalid):
		return invalid.Items, nil
	case errors.As(err, &domain) && domain.Code == ledgersync.EConflict:
		return []ledgersync.ValidationItem{{Message: c.text.msg("problems.changed")}}, nil
	case errors.As(err, &domain) && domain.Code == ledgersync.EInvalid && domain.Field != "":
		return []ledgersync.ValidationItem{{ItemID: domain.Field, Message: domain.Message}}, nil
	}
	return nil, err
}

// finishFields makes every select show its value, even one no longer
// offered, labelled as such.
func (c *formContext) finishFields(sections []*section) {
	for _, f := range allFields(sections) {
		f.keepChoice(func(v string) string { return c.text.msg("choice.unavailable", v) })
	}
}
