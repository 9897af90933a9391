package flow

import (
	"strings"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
)

// wizardStep is one page of the first configuration (SPEC §5.1, steps 3
// to 8) and the sections it edits.
type wizardStep struct {
	name     string
	sections []string
}

// stepFinish is the last step: it shows every section and saves with
// enable on.
const stepFinish = "finish"

// wizardSteps are the steps in order.
var wizardSteps = []wizardStep{
	{sectionFormat, []string{sectionFormat}},
	{sectionSales, []string{sectionSales}},
	{sectionFees, []string{sectionFees}},
	{sectionPayments, []string{sectionPayments}},
	{sectionSchedule, []string{sectionSchedule}},
	{stepFinish, []string{sectionFormat, sectionSales, sectionFees, sectionPayments, sectionSchedule}},
}

// unfinished reports the steps that still need the merchant, from what
// the configuration holds: nothing is done before the first save (the
// output format's); after it, a step is done when no completeness check
// (SPEC §6.4) fails on its section. A section that is not synced is done;
// finish is done once sync is enabled.
func unfinished(l *configuration.Loaded) map[string]bool {
	out := map[string]bool{}
	if l.Version == 0 {
		for _, s := range wizardSteps {
			out[s.name] = true
		}
		return out
	}
	vc := ledgersync.ValidationContext{Ready: l.Ready, TaxPercentages: l.Sources.TaxPercentages}
	for _, it := range ledgersync.CheckCompleteness(l.Config, vc) {
		if s := stepOfItem(it.ItemID); s != "" {
			out[s] = true
		}
	}
	out[stepFinish] = !l.Config.Enable
	return out
}

// stepOfItem is the step whose page shows the field an item is about.
func stepOfItem(itemID string) string {
	for _, s := range []string{sectionSales, sectionFees, sectionPayments} {
		if strings.HasPrefix(itemID, "configuration."+s+".") {
			return s
		}
	}
	if strings.HasPrefix(itemID, "schedule.") {
		return sectionSchedule
	}
	return ""
}

// firstUnfinished is the step a company that is not configured lands on.
func firstUnfinished(l *configuration.Loaded) string {
	todo := unfinished(l)
	for _, s := range wizardSteps {
		if todo[s.name] {
			return s.name
		}
	}
	return stepFinish
}

// sidebar is the list of the wizard's steps, with those done marked.
type sidebar struct {
	Title    string
	Label    string
	DoneText string
	Steps    []stepLink
}

// stepLink is one entry of the sidebar; Href is empty for a step that
// cannot be revisited.
type stepLink struct {
	Label   string
	Href    string
	Done    bool
	Current bool
}

// sidebar lists the connections and the wizard's steps.
func (c *formContext) sidebar(current string) sidebar {
	t := c.text
	s := sidebar{Title: t.ui("setupSidebar-title"), Label: t.msg("steps.label"), DoneText: t.msg("steps.done"),
		Steps: []stepLink{
			{Label: t.ui("setupSidebar-checkboxes-connectToCommerce"), Done: true},
			{Label: t.ui("setupSidebar-checkboxes-connectToAccounting"), Done: c.linked()},
		}}
	todo := unfinished(c.loaded)
	for _, step := range wizardSteps {
		s.Steps = append(s.Steps, stepLink{Label: c.stepLabel(step.name), Href: c.path(step.name),
			Done: !todo[step.name], Current: step.name == current})
	}
	return s
}

// stepLabel names a step: the customisable texts where SPEC §5.3 has
// one, else the flow's own.
func (c *formContext) stepLabel(name string) string {
	switch name {
	case sectionSales, sectionFees, sectionPayments:
		return c.text.ui("setupSidebar-checkboxes-" + name)
	case sectionSchedule:
		return c.text.ui("setupSidebar-checkboxes-syncSchedule")
	}
	return c.text.msg("step." + name)
}
