package app_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/logtest"
	"github.com/ledgersync/ledgersync/internal/platform/sandbox"
	"github.com/ledgersync/ledgersync/internal/store"
)

// journeyLocale is a language the journey runs in, with the browser's
// settings for it and what the pages must show.
type journeyLocale struct {
	code, merchant, htmlLang string
	// acceptLanguage and timeZone set up the browser.
	acceptLanguage, timeZone string
	// texts are what each page must show, by screenshot name.
	texts map[string][]string
	// absent are texts of the other language, which no page may show.
	absent []string
	// stepsOnly limits the screenshots to the wizard's steps at desktop
	// width.
	stepsOnly bool
}

var journeyLocales = []journeyLocale{
	{code: "en", merchant: "Corner Café", htmlLang: "en",
		acceptLanguage: "en-GB,en;q=0.9", timeZone: "Europe/London",
		absent: []string{"Suivant", "Précédent", "Choisissez", "Configurer"},
		texts: map[string][]string{
			"01-connect":    {"Connect to Sandbox", "Sign in to Sandbox and allow access"},
			"02-format":     {"Set up Sync to Sandbox", "Daily sales invoice", "Daily journal entry", "Next"},
			"03-sales":      {"Sales", "Accounts", "Tax rates", "0% tax rate", "Invoice status", "Grouping period", "Previous", "Next"},
			"04-fees":       {"Fees", "Sync fees", "Supplier for fees", "Payment fee"},
			"05-payments":   {"Payments", "Sync payments", "Card", "Cash", "Payout"},
			"06-schedule":   {"Sync schedule", "Start date", "Time zone", "Sync hour", "Frequency"},
			"07-finish":     {"Review and finish", "Output format", "Finish"},
			"08-settings":   {partnerName + " ↔ Sandbox: Sandbox Trading Ltd", "Connected", "Sync enabled", "History", "Disconnect Sandbox"},
			"09-disconnect": {"Disconnect Sandbox?", "Your settings and data are kept", "Cancel"},
			"10-reconnect":  {"Disconnected", "Sandbox is not connected", "Reconnect to Sandbox", "Off"},
		}},
	{code: "fr", merchant: "Boulangerie Étoile", htmlLang: "fr", stepsOnly: true,
		acceptLanguage: "fr-FR,fr;q=0.9", timeZone: "Europe/Paris",
		absent: []string{"Next", "Previous", "Choose an", "Set up"},
		texts: map[string][]string{
			"01-connect":    {"Se connecter à Sandbox", "Connectez-vous à Sandbox"},
			"02-format":     {"Configurer la synchronisation avec Sandbox", "Facture de ventes quotidienne", "Suivant"},
			"03-sales":      {"Ventes", "Comptes", "Taux de taxe 0 %", "Statut des factures", "Période de regroupement", "Précédent", "Suivant"},
			"04-fees":       {"Frais", "Synchroniser les frais", "Fournisseur des frais", "Frais de paiement"},
			"05-payments":   {"Paiements", "Synchroniser les paiements", "Carte", "Espèces", "Versement"},
			"06-schedule":   {"Calendrier de synchronisation", "Date de début", "Fuseau horaire", "Heure de synchronisation", "Fréquence"},
			"07-finish":     {"Vérifier et terminer", "Format de sortie", "Terminer"},
			"08-settings":   {partnerName + " ↔ Sandbox : Sandbox Trading Ltd", "Connecté", "Synchronisation activée", "Historique", "Déconnecter Sandbox"},
			"09-disconnect": {"Déconnecter Sandbox ?", "Vos réglages et vos données sont conservés", "Annuler"},
			"10-reconnect":  {"Déconnecté", "Sandbox n'est pas connecté", "Se reconnecter à Sandbox", "Désactivée"},
		}},
}

// formField is a form input, named by its id (the JSON path of the
// configuration value it edits), and the value a merchant gives it.
type formField struct{ id, value string }

// wizardStep is one page of the wizard: what the merchant picks there and
// what the page must offer.
type wizardStep struct {
	path, shot string
	click      []string            // radio buttons to choose, by CSS selector
	set        []formField         // selects and inputs to fill
	offers     map[string][]string // a select's id: the exact options it offers
	on         []string            // toggles that must be on
}

func slotField(section, key string) string {
	return "configuration." + section + ".accounts." + key + ".selectedAccountId"
}

const (
	customerField = "configuration.sales.salesCustomer.selectedCustomerId"
	supplierField = "configuration.fees.feesSupplier.selectedSupplierId"
	zeroRateField = "configuration.sales.taxRates.0.selectedTaxRateId"
)

var wizardSteps = []wizardStep{
	{path: "format", shot: "02-format", click: []string{`input[name="configuration.mapSettings.outputFormat"][value="Invoice"]`}},
	{path: "sales", shot: "03-sales", on: []string{"configuration.sales.syncSales"},
		set: []formField{{slotField("sales", "sales"), "acc-4000"}, {slotField("sales", "refund"), "acc-4010"},
			{slotField("sales", "gratuity"), "acc-2110"}, {slotField("sales", "prepaid"), "acc-2100"}, {zeroRateField, "tr-0"},
			{"configuration.sales.invoiceStatus.selectedInvoiceStatus", "Submitted"}, {customerField, "cus-1"},
			{"configuration.sales.grouping.groupingPeriod.selectedGroupingPeriod", "Daily"}},
		offers: map[string][]string{
			slotField("sales", "sales"):   {"", "acc-4000", "acc-4010", "acc-4100"},
			slotField("sales", "prepaid"): {"", "acc-2100", "acc-2110", "acc-2200"},
			zeroRateField:                 {"", "tr-0", "tr-5", "tr-20"},
			customerField:                 {"", "cus-1"},
		}},
	{path: "fees", shot: "04-fees", on: []string{"configuration.fees.syncFees"},
		set: []formField{{supplierField, "sup-1"}, {slotField("fees", "paymentFee"), "acc-6100"}},
		offers: map[string][]string{
			slotField("fees", "paymentFee"): {"", "acc-1000", "acc-1010", "acc-6100"},
			supplierField:                   {"", "sup-1"},
		}},
	{path: "payments", shot: "05-payments", on: []string{"configuration.payments.syncPayments"},
		set: []formField{{slotField("payments", "card"), "acc-1200"}, {slotField("payments", "cash"), "acc-1000"},
			{slotField("payments", "payout"), "acc-1010"}},
		offers: map[string][]string{
			slotField("payments", "card"):   {"", "acc-1000", "acc-1010", "acc-1100", "acc-1200"},
			slotField("payments", "payout"): {"", "acc-1000", "acc-1010"},
		}},
	{path: "schedule", shot: "06-schedule",
		set: []formField{{"schedule.startDate", "2024-03-01"}, {"schedule.timeZone", "Europe/London"},
			{"schedule.syncHour", "2"}, {"schedule.selectedFrequency", "Daily"}},
		offers: map[string][]string{"schedule.selectedFrequency": {"Daily", "Monthly"}}},
	{path: "finish", shot: "07-finish"},
}

// The partner's profile, as the flow must show it.
const (
	partnerName  = "Bank of Dave"
	partnerColor = "#0B6E4F"
)

// partner is a client calling the API with its key, and the page its
// merchants come back to.
type partner struct {
	live          *liveApp
	clientID, key string
	receiver      *doneReceiver
	// hooks receives the partner's webhooks; secret is the signing
	// secret GET /profile shows.
	hooks  *receiver
	secret string
}

// newPartner creates a client and its key, and sets its profile: the
// flow's name and colour, and the receiver's origin as the only one
// allowed for redirects.
func newPartner(t *testing.T, live *liveApp) *partner {
	t.Helper()
	c, err := live.Store.CreateClient(t.Context(), "Partner", 0)
	if err != nil {
		t.Fatal(err)
	}
	key, err := live.Store.CreateAPIKey(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := &partner{live: live, clientID: c.ID, key: key, receiver: newDoneReceiver(t)}
	var profile map[string]any
	p.call(t, http.MethodPut, "/profile", map[string]any{"name": partnerName, "primaryColor": partnerColor,
		"whiteListUrls": []string{p.receiver.URL}, "redirectUrl": ""}, &profile)
	if profile["name"] != partnerName {
		t.Fatalf("PUT /profile answered %v", profile)
	}
	p.secret, _ = profile["webhookSecret"].(string)
	p.hooks = &receiver{}
	hooks := httptest.NewServer(p.hooks)
	t.Cleanup(hooks.Close)
	var rule map[string]any
	p.call(t, http.MethodPost, "/rules", map[string]any{"type": ledgersync.EventSyncConnectionDeleted,
		"notifiers": map[string]any{"webhook": hooks.URL + "/ledgersync"}}, &rule)
	return p
}

// call sends an API request with the partner's key (Basic) and decodes
// the 200 answer into out.
func (p *partner) call(t *testing.T, method, path string, body, out any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, p.live.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(p.key)))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK || json.Unmarshal(raw, out) != nil {
		t.Fatalf("%s %s: %d %s %v", method, path, res.StatusCode, raw, err)
	}
}

// startURL asks for a merchant's start link, coming back to the receiver.
func (p *partner) startURL(t *testing.T, merchant string) *url.URL {
	t.Helper()
	q := url.Values{"merchantIdentifier": {merchant}, "redirectUrl": {p.receiver.URL + "/done/{companyId}"}}
	var out struct{ URL string }
	p.call(t, http.MethodGet, "/config/sync/commerce/lqai/mqjo/start?"+q.Encode(), nil, &out)
	u, err := url.Parse(out.URL)
	if err != nil || !strings.HasPrefix(out.URL, p.live.URL+"/flow/"+p.clientID+"/lqai/mqjo/start?") {
		t.Fatalf("start URL %q: %v", out.URL, err)
	}
	return u
}

func (p *partner) config(t *testing.T, company string) map[string]any {
	t.Helper()
	var cfg map[string]any
	p.call(t, http.MethodGet, "/config/companies/"+company+"/sync/commerce", nil, &cfg)
	return cfg
}

// connection returns the id of the company's first connection of the
// source type with the status, or "".
func (p *partner) connection(t *testing.T, company, sourceType, status string) string {
	t.Helper()
	var co struct {
		DataConnections []struct{ ID, SourceType, Status string }
	}
	p.call(t, http.MethodGet, "/companies/"+company, nil, &co)
	for _, c := range co.DataConnections {
		if c.SourceType == sourceType && c.Status == status {
			return c.ID
		}
	}
	return ""
}

// accountingConnection is connection for the accounting side, which must
// exist.
func (p *partner) accountingConnection(t *testing.T, company, status string) string {
	t.Helper()
	id := p.connection(t, company, "Accounting", status)
	if id == "" {
		t.Fatalf("company %s has no %s accounting connection", company, status)
	}
	return id
}

// assertConfigured checks through the API what the browser did: both
// connections Linked, and the configuration as assertKept wants it.
func (p *partner) assertConfigured(t *testing.T, company string, enabled bool) {
	t.Helper()
	if p.connection(t, company, "Commerce", "Linked") == "" {
		t.Errorf("company %s has no Linked commerce connection", company)
	}
	p.accountingConnection(t, company, "Linked")
	p.assertKept(t, company, enabled)
}

// assertKept checks the configuration: configured, enable as expected,
// invoice mode, and every choice made in the wizard.
func (p *partner) assertKept(t *testing.T, company string, enabled bool) {
	t.Helper()
	cfg := p.config(t, company)
	if cfg["enable"] != enabled || cfg["enabled"] != enabled || cfg["configured"] != true {
		t.Errorf("company %s: enable %v, enabled %v, configured %v; want enable %v and configured",
			company, cfg["enable"], cfg["enabled"], cfg["configured"], enabled)
	}
	if v, _ := jsonAt(cfg, "configuration.mapSettings"); v != nil {
		t.Errorf("company %s: mapSettings %v, want none (invoice mode)", company, v)
	}
	for _, s := range wizardSteps {
		for _, f := range s.set {
			if v, ok := jsonAt(cfg, f.id); !ok || fmt.Sprint(v) != f.value {
				t.Errorf("company %s: %s is %v, want %s", company, f.id, v, f.value)
			}
		}
	}
}

// assertDisconnected checks that the connection is Unlinked, the
// configuration kept, and Sync Connection Deleted recorded for it.
func (p *partner) assertDisconnected(t *testing.T, company, conn string) {
	t.Helper()
	if p.connection(t, company, "Accounting", "Unlinked") != conn {
		t.Errorf("connection %s is not Unlinked after Disconnect", conn)
	}
	p.assertKept(t, company, false)
	events, err := p.live.Store.FindEvents(t.Context(), p.clientID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(events, func(e ledgersync.Event) bool {
		return e.Type == ledgersync.EventSyncConnectionDeleted && e.ConnectionID == conn && e.CompanyID == company
	}) {
		t.Errorf("no %s event for connection %s", ledgersync.EventSyncConnectionDeleted, conn)
	}
	p.assertConnectionDeletedWebhook(t, company, conn)
}

// assertConnectionDeletedWebhook waits for the signed Sync Connection
// Deleted webhook of the connection, in the contract's payload (SPEC §10).
func (p *partner) assertConnectionDeletedWebhook(t *testing.T, company, conn string) {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(p.secret)
	if err != nil {
		t.Fatalf("the profile's webhookSecret %q: %v", p.secret, err)
	}
	want := map[string]any{"ClientId": p.clientID, "ClientName": "Partner", "CompanyId": company, "DataConnectionId": conn,
		"RuleType": ledgersync.EventSyncConnectionDeleted, "Message": "Sync connection for company " + company + " deleted"}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, a := range p.hooks.seen() {
			var got map[string]any
			if json.Unmarshal(a.payload, &got) != nil || got["DataConnectionId"] != conn {
				continue
			}
			if err := wh.Verify(a.payload, a.header); err != nil {
				t.Errorf("the webhook does not verify: %v", err)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("webhook %s = %v, want %v", k, got[k], v)
				}
			}
			if _, ok := got["Data"]; ok || got["AlertId"] != a.id || got["RuleId"] == "" {
				t.Errorf("webhook payload %s", a.payload)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("no signed %s webhook for connection %s within 30 s", ledgersync.EventSyncConnectionDeleted, conn)
}

// jsonAt finds the value at a dotted JSON path.
func jsonAt(m map[string]any, path string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		o, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = o[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// doneReceiver is the partner's page merchants come back to; it records
// each visit's path and Referer.
type doneReceiver struct {
	*httptest.Server
	mu     sync.Mutex
	visits map[string]string
}

func newDoneReceiver(t *testing.T) *doneReceiver {
	r := &doneReceiver{visits: map[string]string{}}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.visits[req.URL.Path] = req.Referer()
		r.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, "<!doctype html><title>Done</title><h1>Done</h1>")
	}))
	t.Cleanup(r.Close)
	return r
}

// assertVisited checks the browser came to path, sending no Referer (the
// flow's pages have Referrer-Policy: no-referrer).
func (r *doneReceiver) assertVisited(t *testing.T, path string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	referer, ok := r.visits[path]
	if !ok {
		t.Fatalf("the partner's page saw no visit to %s: %v", path, r.visits)
	}
	if referer != "" {
		t.Errorf("the partner's page got Referer %q", referer)
	}
}

// knownSecret is a value that must never be stored or logged in plaintext.
type knownSecret struct{ label, value string }

// assertNoSecretLeaks looks for every secret of the journeys in the logs,
// in every value of every table and, on SQLite, in the raw database files
// (RELIABILITY 6).
func assertNoSecretLeaks(t *testing.T, live *liveApp, p *partner, journeys []*journey) {
	t.Helper()
	secrets := []knownSecret{{"API key", p.key}, {"sandbox password", sandbox.DemoPassword}}
	for _, j := range journeys {
		if !j.done {
			return // the journey failed or was skipped: its secrets are not all known
		}
		secrets = append(secrets, j.secrets...)
	}
	places := map[string][]string{
		"the logs":         logValues(live.Logs),
		"the database":     tableValues(t, live.Store),
		"the SQLite files": sqliteFiles(t, live.Store),
	}
	for place, values := range places {
		for _, s := range secrets {
			if s.value == "" {
				t.Fatalf("the %s is empty", s.label)
			}
			if slices.ContainsFunc(values, finder(s.value)) {
				t.Errorf("found the %s in plaintext in %s", s.label, place)
			}
		}
	}
}

// finder returns a test of whether a text holds the secret. A 6-digit
// code counts only where no letter, digit or dot touches it, as in
// "otp=123456" or a value of its own: the microseconds of a hundred
// timestamps and the digits in hex ids would otherwise match a code once
// in ten thousand runs.
func finder(secret string) func(text string) bool {
	if strings.Trim(secret, "0123456789") != "" {
		return func(text string) bool { return strings.Contains(text, secret) }
	}
	return regexp.MustCompile(`(^|[^0-9A-Za-z.])` + secret + `($|[^0-9A-Za-z.])`).MatchString
}

// logValues returns every key and string of the JSON log lines;
// numbers, such as durations, are left out.
func logValues(logs *logtest.Buffer) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			for k, x := range v {
				out = append(out, k)
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, line := range logs.Lines() {
		walk(line)
	}
	return out
}

// tableValues returns every text and byte value of every table, as
// assertNotInDatabase in internal/api does.
func tableValues(t *testing.T, s *store.Store) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if s.Dialect() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	var out []string
	for _, table := range queryStrings(t, s, q) {
		out = append(out, queryStrings(t, s, `SELECT * FROM `+table)...)
	}
	return out
}

// queryStrings returns the text and byte values of a query's rows.
func queryStrings(t *testing.T, s *store.Store, query string) []string {
	t.Helper()
	rows, err := s.DB().QueryContext(t.Context(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			switch v := v.(type) {
			case string:
				out = append(out, v)
			case []byte:
				out = append(out, string(v))
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// sqliteFiles returns the raw bytes of the SQLite database, its WAL and
// its shared-memory file; nothing on PostgreSQL.
func sqliteFiles(t *testing.T, s *store.Store) []string {
	t.Helper()
	if s.Dialect() != "sqlite" {
		return nil
	}
	var seq int
	var name, path string
	if err := s.DB().QueryRowContext(t.Context(), `PRAGMA database_list`).Scan(&seq, &name, &path); err != nil || path == "" {
		t.Fatalf("the SQLite file is not known (%q): %v", path, err)
	}
	var out []string
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
