package flow

import (
	"net/http"
	"slices"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform"
)

// settingsSections are the settings page's editable sections, in order.
// Sales, fees and payments need the platform's accounts, so they are
// shown only while the accounting connection is Linked.
var settingsSections = []string{sectionSchedule, sectionSales, sectionFees, sectionPayments}

// settingsPage is the page a configured company lands on (SPEC §5.2).
type settingsPage struct {
	Heading  string
	Platform string
	Status   string
	Linked   bool
	// Reconnect is the Reconnect form's action, set when the accounting
	// connection is not Linked.
	Reconnect string
	// Disconnect leads to the confirmation, when there is a connection
	// to end.
	Disconnect string
	Action     string
	Enabled    bool
	Saved      bool
	// LastSync is the newest sync and NextSync the next due date, in the
	// merchant's zone; unset, the page says "Not yet".
	LastSync *syncRun
	NextSync string
	// History holds the last 30 syncs, newest first.
	History  []syncRun
	Format   *section
	Sections []*section
	Problems []problem
}

// syncRun is one sync as the history shows it.
type syncRun struct {
	Time, Period, Type, Status, Message string
}

func (f *Flow) showSettings(w http.ResponseWriter, r *http.Request, q *request) {
	c, ok := f.loadForm(w, r, q, 0, "settings")
	if !ok {
		return
	}
	page := c.settingsPage()
	page.Saved = r.URL.Query().Get("saved") == "1"
	f.renderSettings(w, r, q, c, page)
}

// saveSettings saves one of the page's forms, named by its "form" field:
// the sync toggle ("enable") or a section. Saving keeps enable as it is,
// so while sync is on every check of SPEC §6.4 applies.
func (f *Flow) saveSettings(w http.ResponseWriter, r *http.Request, q *request) {
	c, ok := f.loadForm(w, r, q, platform.SnapshotMaxAge, "settings")
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		f.message(w, r, http.StatusBadRequest, q.brand, q.locale, "error")
		return
	}
	page := c.settingsPage()
	base := map[string]any{}
	var posted []*section
	name := r.PostForm.Get("form")
	if name == "enable" {
		base["enable"] = r.PostForm.Get("enable") == "true"
	} else if i := slices.IndexFunc(page.Sections, func(s *section) bool { return s.Name == name }); i >= 0 {
		posted = page.Sections[i : i+1]
		keepTyped(posted, r.PostForm)
	} else {
		http.Redirect(w, r, c.path("settings"), http.StatusSeeOther)
		return
	}
	problems, err := f.save(r.Context(), c, posted, page.Sections, base)
	switch {
	case err != nil:
		f.fail(w, r, q.brand, q.locale, err)
	case len(problems) > 0:
		page.Problems = problems
		f.renderSettings(w, r, q, c, page)
	default:
		http.Redirect(w, r, c.path("settings")+"?saved=1", http.StatusSeeOther)
	}
}

// settingsPage builds the page from the configuration.
func (c *formContext) settingsPage() *settingsPage {
	t := c.text
	p := &settingsPage{Platform: c.platform, Action: c.path("settings"), Enabled: c.cfg.Enable, Linked: c.linked(),
		Format: c.formatSection(true)}
	name := c.cfg.AccountingSoftwareCompanyName
	if conn := lastAccounting(c.loaded.Company); conn != nil {
		p.Status = t.msg("connection." + string(conn.Status))
		if name == "" {
			name = conn.Info["tenantName"]
		}
		if conn.Status != ledgersync.StatusUnlinked {
			p.Disconnect = c.path("disconnect")
		}
	}
	p.Heading = t.msg("settings.heading", c.partner, c.platform)
	if name != "" {
		p.Heading = t.msg("settings.headingCompany", c.partner, c.platform, name)
	}
	if !p.Linked {
		p.Reconnect = c.path("reconnect")
	}
	for _, n := range settingsSections {
		if n == sectionSchedule || p.Linked {
			s := c.section(n)
			s.Action, s.SaveLabel = p.Action, t.msg("settings.save")
			p.Sections = append(p.Sections, s)
		}
	}
	return p
}

func (f *Flow) renderSettings(w http.ResponseWriter, r *http.Request, q *request, c *formContext, p *settingsPage) {
	c.finishFields(p.Sections)
	f.fillHistory(r.Context(), q, c, p)
	status := http.StatusOK
	if len(p.Problems) > 0 {
		status = http.StatusUnprocessableEntity
	}
	f.render(w, r, status, "settings", q.view(p))
}
