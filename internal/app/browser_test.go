package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/logtest"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// BrowserEnv set to "required" (as CI sets it) makes a missing Chromium
// fail the browser tests instead of skipping them.
const BrowserEnv = "LEDGERSYNC_TEST_BROWSER"

// liveApp is the whole server on a real loopback port, so that the base
// URL in links, OAuth redirects and the sandbox are all the real ones.
type liveApp struct {
	URL   string
	App   *app.App
	Store *store.Store
	Logs  *logtest.Buffer
}

func startLiveApp(t *testing.T, dialect string) *liveApp {
	t.Helper()
	var handler http.Handler
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	cfg, err := config.FromEnv(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	cfg.BaseURL, cfg.RatePerMinute = "http://"+srv.Listener.Addr().String(), 0
	cfg.WebhookAllowLoopback = true // the partner's webhook receiver is on loopback
	s := storetest.Open(t, dialect, storetest.Options{})
	logs := &logtest.Buffer{}
	a, err := app.New(cfg, s, slog.New(slog.NewJSONHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	handler = a.Server.Handler()
	startWorkers(t, a) // deliveries reach the partner's webhook receiver
	srv.Start()
	return &liveApp{URL: srv.URL, App: a, Store: s, Logs: logs}
}

// newBrowser starts headless Chromium with a fresh profile and no
// background networking: nothing but the test's loopback server.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv(BrowserEnv) == "required" {
			t.Fatalf("chromium is not installed, and %s=required", BrowserEnv)
		}
		t.Skip("chromium is not installed: browser test skipped")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func TestBrowserSandboxLogin(t *testing.T) {
	t.Parallel()
	live := startLiveApp(t, "sqlite")
	ctx := context.Background()
	c, err := live.Store.CreateClient(ctx, "Bank of Dave", 0)
	if err != nil {
		t.Fatal(err)
	}
	org, err := live.App.Sandbox.EnsureDemoOrg(ctx)
	if err != nil {
		t.Fatal(err)
	}
	link, err := live.Store.StartFlow(ctx, c, flowStart("Corner Café"))
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	page(t, b, chromedp.Navigate(link.URL(live.URL)))
	page(t, b, chromedp.Click(`form button[type=submit]`))
	do(t, b, chromedp.SendKeys(`input[name=username]`, org.Username), chromedp.SendKeys(`input[name=password]`, org.Password))
	page(t, b, chromedp.Submit(`input[name=password]`))
	page(t, b, chromedp.Click(`button[name=decision][value=allow]`))
	location, _ := chromedp.Run(b, chromedp.Location())
	body, _ := chromedp.Run(b, chromedp.Text(`main`))
	if !strings.Contains(location, "/flow/c/"+link.CompanyID) {
		t.Fatalf("after consent the browser is at %s: %s", location, body)
	}
}

// page runs actions that load a new page and waits for it; a 4xx or 5xx
// page fails the test.
func page(t *testing.T, b context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	res, err := chromedp.RunResponse(b, actions...)
	if err != nil {
		location, _ := chromedp.Run(b, chromedp.Location())
		t.Fatalf("browser at %s: %v", location, err)
	}
	if res.Status >= 400 {
		body, _ := chromedp.Run(b, chromedp.Text(`body`))
		t.Fatalf("browser got %d at %s: %s", res.Status, res.URL, body)
	}
}

// do runs actions that stay on the page.
func do(t *testing.T, b context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b, actions...); err != nil {
		location, _ := chromedp.Run(b, chromedp.Location())
		t.Fatalf("browser at %s: %v", location, err)
	}
}
