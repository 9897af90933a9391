package app_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// ScreenshotsEnv names the directory where TestBrowserJourney saves its
// screenshots (make screenshots); unset, it saves none.
const ScreenshotsEnv = "LEDGERSYNC_SCREENSHOTS"

// TestBrowserJourney drives the real server with headless Chromium through
// a merchant's whole journey (SPEC §4–§5): the partner's start call, the
// sandbox's sign-in and consent, every wizard step, the redirect back to
// the partner, then a second link to the settings page, the sync switch,
// disconnect and reconnect; once in English and once in French. It then
// looks for the journeys' secrets in the logs and the database
// (RELIABILITY 6). The SQLite run saves screenshots when ScreenshotsEnv is
// set.
func TestBrowserJourney(t *testing.T) {
	t.Parallel()
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			live := startLiveApp(t, dialect)
			p := newPartner(t, live)
			var journeys []*journey
			t.Run("merchants", func(t *testing.T) {
				for _, loc := range journeyLocales {
					j := &journey{live: live, partner: p, loc: loc, shots: screenshotDir(t, dialect)}
					journeys = append(journeys, j)
					t.Run(loc.code, func(t *testing.T) {
						t.Parallel()
						j.run(t)
					})
				}
			})
			assertNoSecretLeaks(t, live, p, journeys)
		})
	}
}

// journey is one merchant's walk through the flow in one browser.
type journey struct {
	live    *liveApp
	partner *partner
	loc     journeyLocale
	shots   string // where to save screenshots, or ""
	b       context.Context
	company string
	// secrets are the start links' codes and tokens and the session
	// cookies the browser held, for the leak checks.
	secrets []knownSecret
	done    bool
}

// run is the journey: the first visit through the wizard to the
// partner's page, then a second visit to the settings page.
func (j *journey) run(t *testing.T) {
	j.startBrowser(t)
	j.open(t, "connect")
	j.expect(t, "01-connect")
	if color := j.eval(t, `getComputedStyle(document.documentElement).getPropertyValue("--primary").trim()`); color != partnerColor {
		t.Errorf("the flow's primary colour is %q, want the partner's %s", color, partnerColor)
	}
	page(t, j.b, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	j.signIn(t, "01a-sandbox-login", "01b-sandbox-consent")
	for _, s := range wizardSteps {
		j.step(t, s)
	}
	done := j.partner.receiver.URL + "/done/" + url.PathEscape(j.company)
	if at := j.location(t); at.String() != done {
		t.Fatalf("after finish the browser is at %s, want %s", at, done)
	}
	j.partner.receiver.assertVisited(t, "/done/"+j.company)
	j.partner.assertConfigured(t, j.company, true)
	j.open(t, "settings")
	j.settings(t)
	j.done = true
}

// startBrowser starts Chromium set up as a merchant's browser in the
// locale: its language and its time zone.
func (j *journey) startBrowser(t *testing.T) {
	t.Helper()
	j.b = newBrowser(t)
	headers := network.Headers{"Accept-Language": j.loc.acceptLanguage}
	_, err := chromedp.Call(j.b, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: headers})
	if err == nil {
		_, err = chromedp.Call(j.b, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: j.loc.timeZone})
	}
	if err != nil {
		t.Fatal(err)
	}
}

// open asks the partner API for a start link and opens it: the browser
// must land on the company's page named want, at an address without the
// code, with a new session cookie.
func (j *journey) open(t *testing.T, want string) {
	t.Helper()
	link := j.partner.startURL(t, j.loc.merchant)
	q := link.Query()
	j.secrets = append(j.secrets, knownSecret{j.loc.code + " start code", q.Get("otp")}, knownSecret{j.loc.code + " link token", q.Get("link")})
	before := j.cookie(t, false)
	page(t, j.b, chromedp.Navigate(link.String()))
	at := j.location(t)
	if strings.Contains(at.String(), "otp=") || strings.Contains(at.String(), q.Get("link")) {
		t.Fatalf("after the start link the address still holds the code: %s", at)
	}
	parts := strings.Split(at.Path, "/")
	if len(parts) != 5 || parts[1] != "flow" || parts[2] != "c" || parts[4] != want || (j.company != "" && parts[3] != j.company) {
		t.Fatalf("the start link led to %s, want /flow/c/{companyId}/%s", at, want)
	}
	j.company = parts[3]
	j.keepCookie(t, before)
}

// keepCookie records the session cookie, which must have changed.
func (j *journey) keepCookie(t *testing.T, before string) {
	t.Helper()
	c := j.cookie(t, true)
	if c == before {
		t.Errorf("the session cookie did not change")
	}
	j.secrets = append(j.secrets, knownSecret{j.loc.code + " session cookie", c})
}

// signIn signs in to the sandbox as the demo organisation and allows
// access; the shots name the two pages, or are empty to save nothing.
func (j *journey) signIn(t *testing.T, loginShot, consentShot string) {
	t.Helper()
	before := j.cookie(t, true)
	org, err := j.live.App.Sandbox.EnsureDemoOrg(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	do(t, j.b, chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)))
	j.snap(t, loginShot)
	do(t, j.b, chromedp.SendKeys(chromedp.CSS(`input[name=username]`), org.Username),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), org.Password))
	page(t, j.b, chromedp.Submit(chromedp.CSS(`input[name=password]`)))
	do(t, j.b, chromedp.WaitVisible(chromedp.CSS(`button[name=decision][value=allow]`)))
	j.snap(t, consentShot)
	page(t, j.b, chromedp.Click(chromedp.CSS(`button[name=decision][value=allow]`)))
	j.keepCookie(t, before)
}

// step checks a wizard page, fills it as a merchant would and submits it.
func (j *journey) step(t *testing.T, s wizardStep) {
	t.Helper()
	j.wantPage(t, s.path)
	j.expect(t, s.shot)
	for id, want := range s.offers {
		if got := j.options(t, id); !slices.Equal(got, want) {
			t.Errorf("%s: %s offers %q, want %q", s.path, id, got, want)
		}
	}
	for _, id := range s.on {
		if j.eval(t, `String(document.getElementById(`+strconv.Quote(id)+`).checked)`) != "true" {
			t.Errorf("%s: %s is off, want on", s.path, id)
		}
	}
	switch {
	case s.path == "schedule" && j.eval(t, `document.getElementById("schedule.timeZone").value`) != j.loc.timeZone:
		t.Errorf("schedule: the time zone is not the browser's %s", j.loc.timeZone)
	case s.path == "finish" && j.eval(t, `String(document.querySelectorAll("nav.steps li.done").length)`) != "7":
		t.Errorf("finish: the step list does not mark the 2 connections and the 5 steps done")
	}
	for _, sel := range s.click {
		do(t, j.b, chromedp.Click(chromedp.CSS(sel)))
	}
	for _, f := range s.set {
		do(t, j.b, chromedp.SetValue(chromedp.CSS(`[id="`+f.id+`"]`), f.value))
	}
	page(t, j.b, chromedp.Click(chromedp.CSS(`.wizard-main > form > .actions button[type=submit]`)))
}

// settings uses the settings page of a configured company: the sync
// switch, then disconnect with its confirmation, then reconnect.
func (j *journey) settings(t *testing.T) {
	t.Helper()
	j.expect(t, "08-settings")
	page(t, j.b, chromedp.Click(chromedp.CSS(`button.switch[name=enable]`)))
	j.wantPage(t, "settings")
	if pressed := j.eval(t, `document.querySelector("button.switch").getAttribute("aria-pressed")`); pressed != "false" {
		t.Errorf("after switching sync off the switch is pressed=%s", pressed)
	}
	if cfg := j.partner.config(t, j.company); cfg["enable"] != false {
		t.Fatalf("after switching sync off in the browser the API shows enable %v", cfg["enable"])
	}
	linked := j.partner.accountingConnection(t, j.company, "Linked")
	page(t, j.b, chromedp.Click(chromedp.CSS(`form[action$="/disconnect"] button[type=submit]`)))
	j.wantPage(t, "disconnect")
	j.expect(t, "09-disconnect")
	page(t, j.b, chromedp.Click(chromedp.CSS(`main form button.danger`)))
	j.wantPage(t, "settings")
	j.expect(t, "10-reconnect")
	j.partner.assertDisconnected(t, j.company, linked)
	page(t, j.b, chromedp.Click(chromedp.CSS(`section.banner button[type=submit]`)))
	j.signIn(t, "", "")
	j.wantPage(t, "settings")
	if relinked := j.partner.accountingConnection(t, j.company, "Linked"); relinked == linked {
		t.Errorf("reconnect linked the old connection %s again", linked)
	}
	j.partner.assertConfigured(t, j.company, false)
}

// wantPage fails unless the browser shows the company's page named path.
func (j *journey) wantPage(t *testing.T, path string) {
	t.Helper()
	if at := j.location(t); at.Path != "/flow/c/"+j.company+"/"+path {
		t.Fatalf("the browser is at %s, want the %s page: %s", at, path, browserRun(t, j.b, chromedp.Text(chromedp.CSS(`body`))))
	}
}

// expect checks the page's language and texts, then its width, and saves
// its pictures.
func (j *journey) expect(t *testing.T, shot string) {
	t.Helper()
	if lang := j.eval(t, `document.documentElement.lang`); lang != j.loc.htmlLang {
		t.Errorf("%s: <html lang=%q>, want %q", shot, lang, j.loc.htmlLang)
	}
	body := browserRun(t, j.b, chromedp.Text(chromedp.CSS(`body`)))
	for _, want := range append([]string{partnerName}, j.loc.texts[shot]...) {
		if !strings.Contains(body, want) {
			t.Errorf("%s (%s) lacks %q:\n%s", shot, j.loc.code, want, body)
		}
	}
	for _, other := range j.loc.absent {
		if strings.Contains(body, other) {
			t.Errorf("%s (%s) shows %q from the other language", shot, j.loc.code, other)
		}
	}
	j.snap(t, shot)
}

// viewport is a screen the pages are checked and pictured on.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{{"phone", 375, 812, true}, {"desktop", 1280, 800, false}}

// snap checks that the page fits each viewport's width without scrolling
// sideways and, when screenshots are on, saves it there as a PNG; an
// empty shot name saves nothing. It leaves the desktop viewport on.
func (j *journey) snap(t *testing.T, shot string) {
	t.Helper()
	for _, v := range viewports {
		var opts []chromedp.EmulateViewportOption
		if v.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		}
		do(t, j.b, chromedp.EmulateViewport(v.width, v.height, opts...))
		if over := j.eval(t, `String(document.documentElement.scrollWidth - document.documentElement.clientWidth)`); over != "0" {
			t.Errorf("%s (%s) is %s px wider than the %d px %s screen", j.location(t).Path, j.loc.code, over, v.width, v.name)
		}
		if j.keeps(v, shot) {
			png := browserRun(t, j.b, chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(j.shots, j.loc.code+"-"+v.name+"-"+shot+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// keeps reports whether the page named shot is to be saved on v.
func (j *journey) keeps(v viewport, shot string) bool {
	return j.shots != "" && shot != "" && (!j.loc.stepsOnly ||
		!v.mobile && slices.ContainsFunc(wizardSteps, func(s wizardStep) bool { return s.shot == shot }))
}

// screenshotDir is where the run on the dialect saves screenshots: only
// the SQLite run does, so that two runs never write the same file.
func screenshotDir(t *testing.T, dialect string) string {
	dir := os.Getenv(ScreenshotsEnv)
	if dir == "" || dialect != "sqlite" {
		return ""
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserRun runs a browser action that returns a value.
func browserRun[T any](t *testing.T, b context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

func (j *journey) location(t *testing.T) *url.URL {
	t.Helper()
	u, err := url.Parse(browserRun(t, j.b, chromedp.Location()))
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// eval runs a script that returns a string.
func (j *journey) eval(t *testing.T, script string) string {
	t.Helper()
	return browserRun(t, j.b, chromedp.Evaluate[string](script))
}

// options lists the values a select offers.
func (j *journey) options(t *testing.T, id string) []string {
	t.Helper()
	return browserRun(t, j.b, chromedp.Evaluate[[]string](`Array.from(document.getElementById(`+strconv.Quote(id)+`).options, o => o.value)`))
}

// cookie returns the flow's session cookie, or "" when there is none and
// none is required.
func (j *journey) cookie(t *testing.T, required bool) string {
	t.Helper()
	res, err := chromedp.Call(j.b, network.GetCookies, network.GetCookiesParams{URLs: []string{j.live.URL + "/flow/"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Cookies {
		if c.Name == "__Host-ledgersync_session" {
			return c.Value
		}
	}
	if required {
		t.Fatal("the browser holds no session cookie")
	}
	return ""
}
