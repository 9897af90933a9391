package flow

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform"
)

// Limits on a new account's fields, as the platforms set them.
const (
	maxAccountName = 150
	maxAccountCode = 10
)

// accountBacks are the pages "Create new account…" may return to.
var accountBacks = []string{sectionSales, sectionFees, sectionPayments, stepFinish, "settings"}

// accountPage is "Create new account…" for one slot: a name, a code and
// one of the types the slot allows (SPEC §5.1).
type accountPage struct {
	Slot     string
	Action   string
	Back     string
	Section  string
	Key      string
	BackStep string
	Fields   []*field
	Problems []problem
}

// newAccount is what a "Create new account…" page is for: a slot, and
// the page to return to.
type newAccount struct {
	slots slotSection
	key   string
	back  string
}

func (f *Flow) newAccountPage(w http.ResponseWriter, r *http.Request, q *request) {
	c, req, ok := f.accountForm(w, r, q, 0)
	if ok {
		f.renderAccount(w, r, c, q, req, c.newAccountFields(req), nil)
	}
}

// createAccount creates the account on the company's platform, selects
// it in its slot, and returns to the page it came from, at the slot.
func (f *Flow) createAccount(w http.ResponseWriter, r *http.Request, q *request) {
	c, req, ok := f.accountForm(w, r, q, platform.SnapshotMaxAge)
	if !ok {
		return
	}
	fields := c.newAccountFields(req)
	keepTyped([]*section{{Groups: []*group{{Fields: fields}}}}, r.PostForm)
	problems := c.checkAccount(fields)
	if len(problems) > 0 {
		f.renderAccount(w, r, c, q, req, fields, problems)
		return
	}
	// The registry reads the platform's data again after creating, and
	// reports a failure of that read with the account it created.
	acct, err := f.opts.Registry.CreateAccount(r.Context(), c.loaded.Accounting,
		ledgersync.AccountCreate{Name: fields[0].Value, Code: fields[1].Value, Type: ledgersync.AccountType(fields[2].Value)})
	var refused *ledgersync.PlatformError
	switch {
	case acct == nil && errors.As(err, &refused):
		problems = []problem{{Text: c.text.msg("account.refused", c.platform, refused.Message)}}
	case acct == nil:
		f.fail(w, r, q.brand, q.locale, err)
		return
	default:
		if problems, err = f.selectAccount(r.Context(), q, c, req, acct.ID); err != nil {
			f.fail(w, r, q.brand, q.locale, err)
			return
		}
	}
	if len(problems) > 0 {
		f.renderAccount(w, r, c, q, req, fields, problems)
		return
	}
	http.Redirect(w, r, c.path(req.back)+"#"+strings.Join(req.slots.slotPath(req.key), "."), http.StatusSeeOther)
}

// selectAccount selects a new account in its slot, against options read
// after it was created.
func (f *Flow) selectAccount(ctx context.Context, q *request, c *formContext, req newAccount, id string) ([]problem, error) {
	l, err := f.opts.Config.Load(ctx, q.session.ClientID, q.session.CompanyID, platform.SnapshotMaxAge)
	if err != nil {
		return nil, err
	}
	c.loaded, c.cfg = l, l.Config
	slot := newField(kindSelect, c.slotLabel(req.slots, req.key), putSelection, req.slots.slotPath(req.key)...)
	slot.Value = id
	return f.save(ctx, c, []*section{{Groups: []*group{{Fields: []*field{slot}}}}}, nil, map[string]any{})
}

// accountForm loads the configuration and reads which slot the account
// is for. A request for no known slot, or while the accounting
// connection is not Linked, goes back to the landing.
func (f *Flow) accountForm(w http.ResponseWriter, r *http.Request, q *request, maxAge time.Duration) (*formContext, newAccount, bool) {
	if err := r.ParseForm(); err != nil {
		f.message(w, r, http.StatusBadRequest, q.brand, q.locale, "error")
		return nil, newAccount{}, false
	}
	slots, known := slotSections[r.Form.Get("section")]
	req := newAccount{slots: slots, key: r.Form.Get("key"), back: r.Form.Get("back")}
	c, ok := f.loadForm(w, r, q, maxAge, req.back)
	if !ok {
		return nil, req, false
	}
	if !known || !slices.Contains(accountBacks, req.back) || slots.slots(c.cfg)[req.key] == nil || !c.linked() {
		http.Redirect(w, r, "/flow/c/"+q.session.CompanyID, http.StatusSeeOther)
		return nil, req, false
	}
	return c, req, true
}

// newAccountFields are the name, the code and the type, the first type
// chosen.
func (c *formContext) newAccountFields(req newAccount) []*field {
	t := c.text
	kind := &field{ID: "type", Kind: kindRadio, Label: t.msg("account.type"),
		Options: enumChoices(t, "type.", req.slots.allowedTypes(req.key))}
	if len(kind.Options) > 0 {
		kind.Value = kind.Options[0].Value
	}
	return []*field{
		{ID: "name", Kind: kindText, Label: t.msg("account.name"), Required: true},
		{ID: "code", Kind: kindText, Label: t.msg("account.code"), Hint: t.msg("account.code.hint", maxAccountCode), Required: true},
		kind,
	}
}

// checkAccount checks the fields before the platform is asked.
func (c *formContext) checkAccount(fields []*field) []problem {
	t := c.text
	name, code, kind := fields[0], fields[1], fields[2]
	var out []problem
	if n := utf8.RuneCountInString(name.Value); n == 0 || n > maxAccountName {
		out = append(out, fieldProblem(name, t.msg("account.name.invalid", maxAccountName), t))
	}
	if n := utf8.RuneCountInString(code.Value); n == 0 || n > maxAccountCode {
		out = append(out, fieldProblem(code, t.msg("account.code.invalid", maxAccountCode), t))
	}
	if !slices.ContainsFunc(kind.Options, func(o choice) bool { return o.Value == kind.Value }) {
		out = append(out, fieldProblem(kind, t.msg("account.type.invalid"), t))
	}
	return out
}

func (f *Flow) renderAccount(w http.ResponseWriter, r *http.Request, c *formContext, q *request, req newAccount, fields []*field, problems []problem) {
	status := http.StatusOK
	if len(problems) > 0 {
		status = http.StatusUnprocessableEntity
	}
	f.render(w, r, status, "account", q.view(accountPage{Slot: c.slotLabel(req.slots, req.key), Action: c.path("accounts"),
		Back: c.path(req.back), Section: req.slots.name, Key: req.key, BackStep: req.back, Fields: fields, Problems: problems}))
}
