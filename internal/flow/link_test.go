package flow_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store/storetest"

	"github.com/ledgersync/ledgersync/internal/flow"
)

func TestOpenLinkRedirectsWithoutTheCode(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		l := h.link("CoPay Ltd")
		p := h.get(startPath(l), "")
		if p.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d: %s", p.StatusCode, p.body)
		}
		loc := p.Header.Get("Location")
		if strings.Contains(loc, l.Code) || strings.Contains(loc, l.Token) || !strings.HasPrefix(loc, "/flow/c/"+l.CompanyID) {
			t.Fatalf("Location %q", loc)
		}
		if p.Header.Get("Cache-Control") != "no-store" || p.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Fatalf("headers %v", p.Header)
		}
		c := p.sessionCookie()
		if c == nil || !c.Secure || !c.HttpOnly || c.Path != "/" || c.SameSite != http.SameSiteLaxMode || c.Domain != "" {
			t.Fatalf("cookie %+v", c)
		}
		again := h.get(startPath(l), "")
		if again.StatusCode != http.StatusUnauthorized || !strings.Contains(again.body, "This link has expired. Go back to Bank of Dave and open the sync again.") {
			t.Fatalf("reused link: %d %s", again.StatusCode, again.body)
		}
	})
}

func TestHeadAndPrefetchDoNotConsume(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		l := h.link("M")
		if p := h.send("HEAD", startPath(l), "", nil, nil); p.StatusCode != http.StatusNoContent {
			t.Fatalf("HEAD: %d", p.StatusCode)
		}
		for _, hdr := range []http.Header{{"Sec-Purpose": {"prefetch"}}, {"Purpose": {"prefetch"}}, {"Sec-Purpose": {"prefetch;prerender"}}} {
			if p := h.send("GET", startPath(l), "", hdr, nil); p.StatusCode != http.StatusNoContent || p.sessionCookie() != nil {
				t.Fatalf("prefetch %v: %d", hdr, p.StatusCode)
			}
		}
		h.open(l)
	})
}

func TestInterstitialOnlyPostConsumes(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		p, _ := h.store.FindProfile(t.Context(), h.client.ID)
		p.InterstitialStart = true
		if _, err := h.store.UpdateProfile(t.Context(), p, false); err != nil {
			t.Fatal(err)
		}
		l := h.link("M")
		for range 2 {
			page := h.get(startPath(l), "")
			if page.StatusCode != http.StatusOK || page.sessionCookie() != nil || !strings.Contains(page.body, `method="post"`) {
				t.Fatalf("interstitial GET: %d %s", page.StatusCode, page.body)
			}
		}
		post := h.send("POST", "/flow/"+l.ClientID+"/lqai/mqjo/start?merchantIdentifier=M", "",
			http.Header{"Sec-Fetch-Site": {"same-origin"}}, form("otp", l.Code, "link", l.Token))
		if post.StatusCode != http.StatusSeeOther || post.sessionCookie() == nil {
			t.Fatalf("continue: %d %s", post.StatusCode, post.body)
		}
	})
}

func TestWrongCodePageAndBurn(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		l := h.link("M")
		good := l.Code
		l.Code = "000000"
		if good == l.Code {
			l.Code = "111111"
		}
		for range 5 {
			if p := h.get(startPath(l), ""); p.StatusCode != http.StatusUnauthorized {
				t.Fatalf("wrong code: %d", p.StatusCode)
			}
		}
		l.Code = good
		if p := h.get(startPath(l), ""); p.StatusCode != http.StatusUnauthorized || !strings.Contains(p.body, "expired") {
			t.Fatalf("right code after burning: %d", p.StatusCode)
		}
	})
}

func TestGuessingIsRateLimited(t *testing.T) {
	t.Parallel()
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, d, func(o *flow.Options) { o.LinkAttemptsPerIP = 3 })
			l := h.link("M")
			l.Code = "000000"
			for range 3 {
				h.get(startPath(l), "")
			}
			p := h.get(startPath(l), "")
			if p.StatusCode != http.StatusTooManyRequests || p.Header.Get("Retry-After") == "" {
				t.Fatalf("4th attempt: %d", p.StatusCode)
			}
		})
	}
}

func TestSessionIsBoundToItsCompany(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		a, b := h.link("A"), h.link("B")
		cookieA := h.open(a)
		if p := h.get("/flow/c/"+a.CompanyID+"/connect", cookieA); p.StatusCode != http.StatusOK {
			t.Fatalf("own company: %d %s", p.StatusCode, p.body)
		}
		if p := h.get("/flow/c/"+b.CompanyID+"/connect", cookieA); p.StatusCode != http.StatusForbidden {
			t.Fatalf("other company: %d", p.StatusCode)
		}
		if p := h.get("/flow/c/"+a.CompanyID+"/connect", ""); p.StatusCode != http.StatusUnauthorized {
			t.Fatalf("no session: %d", p.StatusCode)
		}
		if p := h.get("/flow/c/"+a.CompanyID+"/connect", "forged"); p.StatusCode != http.StatusUnauthorized {
			t.Fatalf("forged session: %d", p.StatusCode)
		}
	})
}

// TestLinkExpiresAfter30SecondsOfDatabaseTime opens links through HTTP
// with the database's clock faked: t+29 s gives 303, t+31 s gives 401.
func TestLinkExpiresAfter30SecondsOfDatabaseTime(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			var offset atomic.Int64
			start := time.Now()
			dbNow := func() time.Time { return start.Add(time.Duration(offset.Load())) }
			s := storetest.Open(t, d, storetest.Options{DBNow: dbNow})
			mux := http.NewServeMux()
			srv := httptest.NewServer(mux)
			t.Cleanup(srv.Close)
			f, err := flow.New(s, slog.New(slog.DiscardHandler), flow.Options{BaseURL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			f.Register(mux)
			c, _ := s.CreateClient(context.Background(), "Partner", 0)
			noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			for _, tc := range []struct {
				after time.Duration
				want  int
			}{{29 * time.Second, http.StatusSeeOther}, {31 * time.Second, http.StatusUnauthorized}} {
				offset.Store(0)
				l, err := s.StartFlow(context.Background(), c, ledgersync.FlowStart{CommerceKey: "lqai", AccountingKey: "mqjo", MerchantIdentifier: "M"})
				if err != nil {
					t.Fatal(err)
				}
				offset.Store(int64(tc.after))
				res, err := noFollow.Get(srv.URL + startPath(l))
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != tc.want {
					t.Fatalf("at t+%v: %d, want %d", tc.after, res.StatusCode, tc.want)
				}
			}
		})
	}
}
