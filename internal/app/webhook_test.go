package app_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/logtest"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
	"github.com/ledgersync/ledgersync/internal/webhook"
)

// receiver is a partner's webhook endpoint on loopback that fails the
// first attempts it is told to.
type receiver struct {
	mu       sync.Mutex
	failures int
	attempts []attempt
}

type attempt struct {
	at      time.Time
	id      string
	status  int
	header  http.Header
	payload []byte
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	status := http.StatusOK
	if len(rc.attempts) < rc.failures {
		status = http.StatusInternalServerError
	}
	rc.attempts = append(rc.attempts, attempt{at: time.Now(), id: r.Header.Get("webhook-id"), status: status, header: r.Header.Clone(), payload: body})
	w.WriteHeader(status)
}

func (rc *receiver) seen() []attempt {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]attempt(nil), rc.attempts...)
}

// webhookApp is a running app whose webhooks may reach loopback, with
// its workers started and a client with a key.
type webhookApp struct {
	t     *testing.T
	srv   *httptest.Server
	store *store.Store
	key   string
	// clientID is the client the key belongs to.
	clientID string
}

func newWebhookApp(t *testing.T, s *store.Store, schedule webhook.Schedule) *webhookApp {
	t.Helper()
	cfg, err := config.FromEnv(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	cfg.WebhookAllowLoopback = true
	a, err := app.New(cfg, s, slog.New(slog.NewTextHandler(&logtest.Buffer{}, nil)))
	if err != nil {
		t.Fatal(err)
	}
	a.Webhooks.Schedule = schedule
	startWorkers(t, a)
	ctx := context.Background()
	srv := httptest.NewServer(a.Server.Handler())
	t.Cleanup(srv.Close)
	c, err := s.CreateClient(ctx, "Bank of Dave", 0)
	if err != nil {
		t.Fatal(err)
	}
	key, err := s.CreateAPIKey(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return &webhookApp{t: t, srv: srv, store: s, key: key, clientID: c.ID}
}

// startWorkers starts the app's job workers until the test ends.
func startWorkers(t *testing.T, a *app.App) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if err := a.StartWorkers(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		stop, done := context.WithTimeout(context.Background(), 10*time.Second)
		defer done()
		_ = a.River.Stop(stop)
	})
}

// call sends an API request and decodes the JSON answer.
func (w *webhookApp) call(method, path, body string, want int) map[string]any {
	w.t.Helper()
	req, _ := http.NewRequest(method, w.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+w.key)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		w.t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, b)
	}
	out := map[string]any{}
	_ = json.Unmarshal(b, &out)
	return out
}

// TestWebhookRetriedUntilDelivered checks RELIABILITY point 16 through the
// real server and job engine: a receiver that answers 500 three times
// then 200 sees four attempts, no earlier than the (compressed) schedule,
// all with one webhook-id and each verified by the Standard Webhooks
// library; the delivery ends Delivered once.
func TestWebhookRetriedUntilDelivered(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		schedule := webhook.Schedule{0, 200 * time.Millisecond, 400 * time.Millisecond, 600 * time.Millisecond, time.Hour}
		w := newWebhookApp(t, s, schedule)
		rc := &receiver{failures: 3}
		hook := httptest.NewServer(rc)
		t.Cleanup(hook.Close)
		rule := w.call("POST", "/rules", `{"type":"DataConnectionStatusChanged","notifiers":{"webhook":"`+hook.URL+`/hooks"}}`, 200)
		co := w.call("POST", "/companies", `{"name":"Shop"}`, 200)
		conn := w.call("POST", "/companies/"+co["id"].(string)+"/connections", `{"platformKey":"lqai"}`, 200)
		w.call("PATCH", "/companies/"+co["id"].(string)+"/connections/"+conn["id"].(string), `{"status":"Unlinked"}`, 200)

		deadline := time.Now().Add(60 * time.Second)
		var deliveries map[string]any
		for time.Now().Before(deadline) {
			deliveries = w.call("GET", "/rules/"+rule["id"].(string)+"/deliveries", "", 200)
			if res, _ := deliveries["results"].([]any); len(res) == 1 && res[0].(map[string]any)["status"] == "Delivered" {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		got := rc.seen()
		if len(got) != 4 {
			t.Fatalf("%d attempts, want 4; deliveries %v", len(got), deliveries)
		}
		d := deliveries["results"].([]any)[0].(map[string]any)
		if d["status"] != "Delivered" || d["attempts"] != float64(4) || d["lastResponseCode"] != float64(200) {
			t.Fatalf("delivery %v, want Delivered after 4 attempts", d)
		}
		profile, err := s.FindProfile(context.Background(), w.clientID)
		if err != nil {
			t.Fatal(err)
		}
		wh, err := standardwebhooks.NewWebhook(profile.WebhookSecret)
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range got {
			if a.id != got[0].id || a.id != d["id"] {
				t.Errorf("attempt %d: webhook-id %s, want %s on every attempt", i+1, a.id, d["id"])
			}
			if i > 0 && a.at.Sub(got[i-1].at) < schedule[i] {
				t.Errorf("attempt %d came %v after the previous one, before the schedule's %v", i+1, a.at.Sub(got[i-1].at), schedule[i])
			}
			if err := wh.Verify(a.payload, a.header); err != nil {
				t.Errorf("attempt %d does not verify: %v", i+1, err)
			}
		}
		var env map[string]any
		if err := json.Unmarshal(got[3].payload, &env); err != nil || env["RuleType"] != "DataConnectionStatusChanged" ||
			env["AlertId"] != d["id"] || env["ClientName"] != "Bank of Dave" || env["CompanyId"] != co["id"] {
			t.Errorf("payload %s", got[3].payload)
		}
	})
}

// TestGoneDisablesTheRulesWebhook checks that a receiver answering 410
// Gone is not tried again and that the rule sends nothing more.
func TestGoneDisablesTheRulesWebhook(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := newWebhookApp(t, s, webhook.Schedule{0, 100 * time.Millisecond, time.Hour})
		gone := 0
		var mu sync.Mutex
		hook := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
			mu.Lock()
			gone++
			mu.Unlock()
			rw.WriteHeader(http.StatusGone)
		}))
		t.Cleanup(hook.Close)
		rule := w.call("POST", "/rules", `{"type":"DataConnectionStatusChanged","notifiers":{"webhook":"`+hook.URL+`"}}`, 200)
		co := w.call("POST", "/companies", `{"name":"Shop"}`, 200)
		conn := w.call("POST", "/companies/"+co["id"].(string)+"/connections", `{"platformKey":"lqai"}`, 200)
		path := "/companies/" + co["id"].(string) + "/connections/" + conn["id"].(string)
		w.call("PATCH", path, `{"status":"Unlinked"}`, 200)
		deliveries := "/rules/" + rule["id"].(string) + "/deliveries"
		var d map[string]any
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			res, _ := w.call("GET", deliveries, "", 200)["results"].([]any)
			if len(res) == 1 && res[0].(map[string]any)["status"] != "Pending" {
				d = res[0].(map[string]any)
				break
			}
		}
		if d == nil || d["status"] != "Failed" || d["attempts"] != float64(1) || d["lastResponseCode"] != float64(410) {
			t.Fatalf("delivery %v, want Failed after one 410", d)
		}
		// Another event for the rule: nothing is sent to the gone webhook.
		co2 := w.call("POST", "/companies", `{"name":"Shop 2"}`, 200)
		conn2 := w.call("POST", "/companies/"+co2["id"].(string)+"/connections", `{"platformKey":"lqai"}`, 200)
		w.call("PATCH", "/companies/"+co2["id"].(string)+"/connections/"+conn2["id"].(string), `{"status":"Unlinked"}`, 200)
		time.Sleep(500 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		if gone != 1 {
			t.Fatalf("the gone webhook got %d requests, want 1", gone)
		}
		if res, _ := w.call("GET", deliveries, "", 200)["results"].([]any); len(res) != 1 {
			t.Fatalf("deliveries after the webhook was disabled: %v", res)
		}
	})
}

// TestWebhookSignedWithBothSecretsDuringRotation checks RELIABILITY point
// 15 through the server: after PUT /profile rotates the secret, a
// delivery verifies with the new secret and with the old one.
func TestWebhookSignedWithBothSecretsDuringRotation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := newWebhookApp(t, s, nil)
		old := w.call("GET", "/profile", "", 200)["webhookSecret"].(string)
		rotated := w.call("PUT", "/profile", `{"name":"Bank of Dave","redirectUrl":"","rotateWebhookSecret":true}`, 200)["webhookSecret"].(string)
		if rotated == old || !strings.HasPrefix(rotated, "whsec_") {
			t.Fatalf("rotation gave %q after %q", rotated, old)
		}
		rc := &receiver{}
		hook := httptest.NewServer(rc)
		t.Cleanup(hook.Close)
		w.call("POST", "/rules", `{"type":"DataConnectionStatusChanged","notifiers":{"webhook":"`+hook.URL+`"}}`, 200)
		co := w.call("POST", "/companies", `{"name":"Shop"}`, 200)
		conn := w.call("POST", "/companies/"+co["id"].(string)+"/connections", `{"platformKey":"lqai"}`, 200)
		w.call("PATCH", "/companies/"+co["id"].(string)+"/connections/"+conn["id"].(string), `{"status":"Unlinked"}`, 200)
		var got []attempt
		for deadline := time.Now().Add(30 * time.Second); len(got) == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			got = rc.seen()
		}
		if len(got) != 1 {
			t.Fatalf("%d deliveries, want 1", len(got))
		}
		if sigs := strings.Fields(got[0].header.Get("webhook-signature")); len(sigs) != 2 {
			t.Errorf("webhook-signature %q, want two signatures during the rotation", got[0].header.Get("webhook-signature"))
		}
		for name, secret := range map[string]string{"new": rotated, "old": old} {
			wh, err := standardwebhooks.NewWebhook(secret)
			if err != nil {
				t.Fatal(err)
			}
			if err := wh.Verify(got[0].payload, got[0].header); err != nil {
				t.Errorf("the delivery does not verify with the %s secret: %v", name, err)
			}
		}
	})
}

// TestOutboxLeavesEventAndJobTogether checks RELIABILITY point 18 with
// the real job engine: an error injected after the state change, the
// event and its job were written rolls all three back; a commit leaves
// the event and exactly one delivery job.
func TestOutboxLeavesEventAndJobTogether(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		cfg, err := config.FromEnv(func(string) (string, bool) { return "", false })
		if err != nil {
			t.Fatal(err)
		}
		a, err := app.New(cfg, s, slog.New(slog.NewTextHandler(&logtest.Buffer{}, nil)))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		c, err := s.CreateClient(ctx, "Bank of Dave", 0)
		if err != nil {
			t.Fatal(err)
		}
		co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"}, "lqai", "mqjo")
		if err != nil {
			t.Fatal(err)
		}
		acct := co.Connections[1]
		if _, err := s.LinkConnection(ctx, co.ID, acct.ID, &ledgersync.Token{AccessToken: "a", TenantID: "t"}); err != nil {
			t.Fatal(err)
		}
		rule := &ledgersync.Rule{ClientID: c.ID, Type: ledgersync.EventSyncConnectionDeleted,
			Notifiers: ledgersync.Notifiers{Webhook: "https://hooks.partner.example/"}}
		if err := s.CreateRule(ctx, rule); err != nil {
			t.Fatal(err)
		}
		jobs := func() int {
			var n int
			if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = 'deliver_webhook'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before, _ := s.FindEvents(ctx, c.ID)
		s.SetDeliveryEnqueuer(func(ctx context.Context, tx *sql.Tx, ids []string) error {
			if err := a.EnqueueDeliveries(ctx, tx, ids); err != nil {
				return err
			}
			return errors.New("injected failure after the job was inserted")
		})
		if _, err := s.UnlinkConnection(ctx, c.ID, co.ID, acct.ID); err == nil {
			t.Fatal("the unlink succeeded despite the failure")
		}
		after, _ := s.FindEvents(ctx, c.ID)
		if conn, _ := s.FindConnectionByID(ctx, c.ID, co.ID, acct.ID); conn.Status != ledgersync.StatusLinked || len(after) != len(before) || jobs() != 0 {
			t.Fatalf("after the failure: connection %s, %d events (was %d), %d jobs", conn.Status, len(after), len(before), jobs())
		}
		s.SetDeliveryEnqueuer(a.EnqueueDeliveries)
		if _, err := s.UnlinkConnection(ctx, c.ID, co.ID, acct.ID); err != nil {
			t.Fatal(err)
		}
		if after, _ := s.FindEvents(ctx, c.ID); len(after) != len(before)+2 || jobs() != 1 {
			t.Fatalf("after the commit: %d events (was %d), %d jobs; want the status change, Sync Connection Deleted and one job",
				len(after), len(before), jobs())
		}
	})
}
