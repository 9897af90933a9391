package flow_test

import (
	"net/http"
	"testing"

	"github.com/ledgersync/ledgersync/internal/flow"
)

// BenchmarkOpenLink measures opening a start link: the code checked, the
// link consumed, a session created, and the 303.
func BenchmarkOpenLink(b *testing.B) {
	h := buildHarness(b, "sqlite", false, func(o *flow.Options) { o.LinkAttemptsPerIP, o.LinkAttemptsPerClient = 1<<30, 1<<30 })
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		l := h.link("Bench")
		b.StartTimer()
		if p := h.get(startPath(l), ""); p.StatusCode != http.StatusSeeOther {
			b.Fatalf("open: %d", p.StatusCode)
		}
	}
}

// BenchmarkPages renders each page of the flow through the full HTTP
// stack (session lookup, configuration with its options from the stored
// snapshot, template) for a company linked to the sandbox.
func BenchmarkPages(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			h := buildHarness(b, d, true)
			wizardMerchant := h.linked("Wizard", "")
			settingsMerchant := h.configured()
			pages := []struct {
				name string
				m    *merchant
			}{
				{"connect", wizardMerchant}, {"format", wizardMerchant}, {"sales", wizardMerchant},
				{"fees", wizardMerchant}, {"payments", wizardMerchant}, {"schedule", wizardMerchant},
				{"finish", wizardMerchant}, {"settings", settingsMerchant}, {"disconnect", settingsMerchant},
			}
			for _, pg := range pages {
				b.Run(pg.name, func(b *testing.B) {
					path := pg.m.path(pg.name)
					if p := h.get(path, pg.m.cookie); p.StatusCode != http.StatusOK {
						b.Fatalf("%s: %d", pg.name, p.StatusCode)
					}
					b.ReportAllocs()
					for b.Loop() {
						h.get(path, pg.m.cookie)
					}
				})
			}
		})
	}
}
