package flow_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform/xero"
)

func TestSettingsPageOfAConfiguredCompany(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.configured()
		expect(t, h.get("/flow/c/"+m.CompanyID, m.cookie), http.StatusSeeOther, m.path("settings"))
		p := h.page(m, m.path("settings"))
		contains(t, p, "<h1>Bank of Dave ↔ Sandbox: Sandbox Trading Ltd</h1>", `<strong class="badge ok">Connected</strong>`,
			`aria-pressed="true">Sync enabled</button>`, "<dd>Not yet</dd>", "No syncs yet.", "Daily sales invoice",
			`<input type="hidden" name="form" value="sales">`, `<option value="acc-4000" selected>4000 – Sales</option>`,
			`<button type="submit" class="danger">Disconnect Sandbox</button>`)
		if strings.Contains(p.body, `name="`+outputFormat+`"`) {
			t.Fatal("the output format can be changed on the settings page")
		}
	})
}

func TestSettingsToggleAndSections(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.configured()
		settings := m.path("settings")
		expect(t, h.post(settings, m.cookie, url.Values{"form": {"enable"}, "enable": {"false"}}), http.StatusSeeOther, settings+"?saved=1")
		if c := h.loaded(m).Config; c.Enable || !c.Configured {
			t.Fatalf("after disabling: enable %v, configured %v", c.Enable, c.Configured)
		}
		contains(t, h.page(m, settings+"?saved=1"), `role="status">Your changes are saved.`, `aria-pressed="false"`)

		sales := sectionValues(t, h.page(m, settings).body, settings, "sales")
		sales.Set(gratuitySlot, "acc-2110")
		expect(t, h.post(settings, m.cookie, sales), http.StatusSeeOther, settings+"?saved=1")
		if c := h.loaded(m).Config; c.SelectedAccount(ledgersync.SectionSales, "gratuity") != "acc-2110" {
			t.Fatal("the sales section was not saved")
		}

		expect(t, h.post(settings, m.cookie, url.Values{"form": {"enable"}, "enable": {"true"}}), http.StatusSeeOther, settings+"?saved=1")
		sales.Set(refundSlot, "")
		refused := h.post(settings, m.cookie, sales)
		expect(t, refused, http.StatusUnprocessableEntity, "")
		contains(t, refused, `<a href="#`+refundSlot+`">Refunds: Config contains required accounts without selections.</a>`)
		if c := h.loaded(m).Config; c.SelectedAccount(ledgersync.SectionSales, "refund") != "acc-4010" || !c.Enable {
			t.Fatal("an incomplete change was saved while sync is on")
		}
	})
}

func TestDisconnectKeepsTheConfigurationAndOffersReconnect(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		m := h.configured()
		contains(t, h.page(m, m.path("disconnect")), "Disconnect Sandbox?", `action="`+m.path("disconnect")+`"`)
		expect(t, h.post(m.path("disconnect"), m.cookie, url.Values{}), http.StatusSeeOther, m.path("settings"))

		co, err := h.store.FindCompanyByID(ctx, h.client.ID, m.CompanyID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range co.Connections {
			if c.IntegrationKey == "mqjo" && c.Status != ledgersync.StatusUnlinked {
				t.Fatalf("connection %s after disconnect", c.Status)
			}
		}
		if c := h.loaded(m).Config; !c.Enable || c.SelectedAccount(ledgersync.SectionSales, "sales") != "acc-4000" {
			t.Fatal("disconnecting lost the configuration")
		}
		if _, err := h.xero.Connect(xero.StaticTokenSource(m.token)).Organisation(ctx); err == nil {
			t.Fatal("the platform's grant was not revoked")
		}
		events, err := h.store.FindEvents(ctx, h.client.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(events, func(e ledgersync.Event) bool {
			return e.Type == ledgersync.EventSyncConnectionDeleted && e.CompanyID == m.CompanyID
		}) {
			t.Fatalf("no Sync Connection Deleted event in %+v", events)
		}

		expect(t, h.get("/flow/c/"+m.CompanyID, m.cookie), http.StatusSeeOther, m.path("settings"))
		p := h.page(m, m.path("settings"))
		contains(t, p, "Sandbox is not connected", `<form method="post" action="`+m.path("reconnect")+`">`,
			"Reconnect to Sandbox", "Disconnected", "Reconnect to Sandbox to change sales, fees and payments.")
		reconnect := h.post(m.path("reconnect"), m.cookie, url.Values{})
		if reconnect.StatusCode != http.StatusSeeOther || !strings.HasPrefix(reconnect.Header.Get("Location"), h.srv.URL+"/sandbox/identity/connect/authorize?") {
			t.Fatalf("reconnect: %d %s", reconnect.StatusCode, reconnect.Header.Get("Location"))
		}
		if co, _ = h.store.FindCompanyByID(ctx, h.client.ID, m.CompanyID); lastStatus(co) != ledgersync.StatusPendingAuth {
			t.Fatalf("after reconnect the accounting connection is %s", lastStatus(co))
		}
	})
}

// lastStatus is the status of the company's active accounting connection,
// or Unlinked.
func lastStatus(co *ledgersync.Company) ledgersync.ConnectionStatus {
	for _, c := range co.Connections {
		if c.SourceType == ledgersync.SourceAccounting && c.Status != ledgersync.StatusUnlinked {
			return c.Status
		}
	}
	return ledgersync.StatusUnlinked
}

func TestSettingsInFrench(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.configured()
		p := h.page(m, m.path("settings")+"?lang=fr")
		contains(t, p, "Bank of Dave ↔ Sandbox : Sandbox Trading Ltd", "Synchronisation activée", "Pas encore",
			"Aucune synchronisation pour le moment.", "Facture de ventes quotidienne", "Calendrier de synchronisation",
			"Enregistrer", "Déconnecter Sandbox")
		contains(t, h.page(m, m.path("disconnect")), "Déconnecter Sandbox ?", "Annuler")
	})
}

func TestSettingsShowsTheSyncHistoryAndNextSync(t *testing.T) {
	t.Parallel()
	eachSandbox(t, func(t *testing.T, h *harness) {
		m := h.configured()
		ctx := context.Background()
		start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
		failed := &ledgersync.SyncRun{CompanyID: m.CompanyID, Type: ledgersync.SyncScheduled, Start: start, Finish: start.AddDate(0, 0, 1)}
		if err := h.store.CreateSyncRun(ctx, failed, nil); err != nil {
			t.Fatal(err)
		}
		msg := "No account mapped for gratuity"
		failed.StatusCode, failed.ErrorMessage = ledgersync.CodeMapCoreError, &msg
		if err := h.store.FinishSyncRun(ctx, failed); err != nil {
			t.Fatal(err)
		}
		p := h.get(m.path("settings"), m.cookie)
		contains(t, p, "Failed", msg, "Scheduled", "2024-03-01 00:00")
		if strings.Contains(p.body, "Not yet") {
			t.Fatalf("settings page still says Not yet:\n%s", p.body)
		}
	})
}
