package flow

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform"
)

// stepPage is a wizard step's page.
type stepPage struct {
	Title         string
	Sidebar       sidebar
	Action        string
	Sections      []*section
	Problems      []problem
	RequiredNote  string
	Previous      string
	PreviousLabel string
	NextLabel     string
}

// showStep shows a step with the configuration's values. Its options are
// read again from the platform (SPEC §6.1: on each flow page).
func (f *Flow) showStep(s wizardStep) sessionHandler {
	return func(w http.ResponseWriter, r *http.Request, q *request) {
		c, ok := f.wizardForm(w, r, q, 0, s)
		if ok {
			f.renderStep(w, r, q, c, s, c.sections(s.sections...), nil)
		}
	}
}

// saveStep saves a step's fields. Steps before finish save with enable
// off, so only the membership checks can refuse them; finish saves with
// enable on, so every check applies. On refusal the step is shown again
// with what was typed and each error next to its field.
func (f *Flow) saveStep(s wizardStep) sessionHandler {
	return func(w http.ResponseWriter, r *http.Request, q *request) {
		c, ok := f.wizardForm(w, r, q, platform.SnapshotMaxAge, s)
		if !ok {
			return
		}
		sections := c.sections(s.sections...)
		keepTyped(sections, r.PostForm)
		problems, err := f.save(r.Context(), c, sections, sections, c.stepBase(s.name))
		switch {
		case err != nil:
			f.fail(w, r, q.brand, q.locale, err)
		case len(problems) > 0:
			f.renderStep(w, r, q, c, s, sections, problems)
		case s.name == stepFinish:
			http.Redirect(w, r, f.finishTarget(q), http.StatusSeeOther)
		default:
			http.Redirect(w, r, c.path(nextStep(s.name)), http.StatusSeeOther)
		}
	}
}

// wizardForm loads a step's form. The wizard is for the first
// configuration: once sync is enabled the company is sent to its
// settings, and one whose accounting connection is not Linked to the
// landing, which leads to the connect step. (A company may be configured,
// its configuration complete, before it finishes: steps before finish
// save with enable off, which records completeness too.)
func (f *Flow) wizardForm(w http.ResponseWriter, r *http.Request, q *request, maxAge time.Duration, s wizardStep) (*formContext, bool) {
	if err := r.ParseForm(); err != nil {
		f.message(w, r, http.StatusBadRequest, q.brand, q.locale, "error")
		return nil, false
	}
	c, ok := f.loadForm(w, r, q, maxAge, s.name)
	switch {
	case !ok:
	case c.cfg.Enable:
		http.Redirect(w, r, c.path("settings"), http.StatusSeeOther)
	case !c.linked():
		http.Redirect(w, r, "/flow/c/"+c.company, http.StatusSeeOther)
	default:
		return c, true
	}
	return nil, false
}

// stepBase is what a step's save sends besides its fields. The first
// save also turns the three sections on and picks the defaults, so the
// steps that follow start from them.
func (c *formContext) stepBase(step string) map[string]any {
	base := map[string]any{"enable": step == stepFinish}
	if step == sectionFormat && c.loaded.Version == 0 {
		for _, p := range [][]string{
			{"configuration", "sales", "syncSales"}, {"configuration", "fees", "syncFees"}, {"configuration", "payments", "syncPayments"},
		} {
			setPath(base, p, true)
		}
		setPath(base, []string{"configuration", "sales", "grouping", "groupingPeriod", "selectedGroupingPeriod"}, string(ledgersync.GroupingDaily))
		setPath(base, []string{"schedule", "selectedFrequency"}, string(ledgersync.FrequencyDaily))
	}
	return base
}

// nextStep is the step after name.
func nextStep(name string) string {
	for i, s := range wizardSteps[:len(wizardSteps)-1] {
		if s.name == name {
			return wizardSteps[i+1].name
		}
	}
	return stepFinish
}

func (f *Flow) renderStep(w http.ResponseWriter, r *http.Request, q *request, c *formContext, s wizardStep, sections []*section, problems []problem) {
	c.finishFields(sections)
	t := c.text
	page := stepPage{Title: c.stepLabel(s.name), Sidebar: c.sidebar(s.name), Action: c.path(s.name), Sections: sections,
		Problems: problems, RequiredNote: t.ui("required-indicator"), NextLabel: t.ui("misc-nextButton")}
	for i, step := range wizardSteps {
		if step.name == s.name && i > 0 {
			page.Previous, page.PreviousLabel = c.path(wizardSteps[i-1].name), t.ui("misc-previousButton")
		}
	}
	if s.name == stepFinish {
		page.NextLabel = t.msg("finish.button")
		f.allowFormTarget(q, f.finishTarget(q))
	}
	status := http.StatusOK
	if len(problems) > 0 {
		status = http.StatusUnprocessableEntity
	}
	f.render(w, r, status, "step", q.view(page))
}

// finishTarget is where the merchant goes once configured: the link's
// redirect URL, else the profile's, else the success page.
func (f *Flow) finishTarget(q *request) string {
	for _, u := range []string{q.session.RedirectURL, q.brand.RedirectURL} {
		if u != "" {
			return strings.ReplaceAll(u, "{companyId}", url.PathEscape(q.session.CompanyID))
		}
	}
	return "/flow/c/" + q.session.CompanyID + "/done"
}

// allowFormTarget lets the page's form lead to an address elsewhere:
// browsers apply the page's form-action to the redirect that follows a
// form's submission.
func (f *Flow) allowFormTarget(q *request, target string) {
	if origin, err := ledgersync.OriginOf(target); err == nil {
		q.brand.FormTargets = append(q.brand.FormTargets, origin)
	}
}

// done is the success page, for a partner without a redirect URL.
func (f *Flow) done(w http.ResponseWriter, r *http.Request, q *request) {
	f.message(w, r, http.StatusOK, q.brand, q.locale, "done")
}
