package flow

import (
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
)

// openLink is where a partner sends its merchant. HEAD and prefetch
// requests never consume the link; with the partner's interstitial on,
// only the Continue button's POST does. A valid link and code open a
// session and redirect (303) to a URL without the code.
func (f *Flow) openLink(w http.ResponseWriter, r *http.Request) {
	clientID := r.PathValue("clientId")
	b := f.brandingFor(r.Context(), clientID)
	locale := chooseLocale(r, "")
	if r.Method == http.MethodHead || isPrefetch(r) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	in := ledgersync.LinkOpen{ClientID: clientID, CommerceKey: r.PathValue("commerceKey"),
		AccountingKey: r.PathValue("accountingKey"), MerchantIdentifier: r.URL.Query().Get("merchantIdentifier"),
		Token: r.FormValue("link"), Code: r.FormValue("otp")}
	if r.Method == http.MethodGet && f.interstitial(r, clientID) {
		f.render(w, r, http.StatusOK, "continue", view{Locale: locale, Brand: b, Page: map[string]string{
			"Action": r.URL.Path + "?merchantIdentifier=" + url.QueryEscape(in.MerchantIdentifier), "Code": in.Code, "Token": in.Token}})
		return
	}
	if ok, wait := f.allowAttempt(r, clientID); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		f.message(w, r, http.StatusTooManyRequests, b, locale, "limited")
		return
	}
	sess, token, err := f.store.OpenLink(r.Context(), in)
	switch {
	case err == store.ErrWrongCode:
		f.message(w, r, http.StatusUnauthorized, b, locale, "wrongcode")
		return
	case store.IsDeadLink(err):
		f.message(w, r, http.StatusUnauthorized, b, locale, "expired")
		return
	case err != nil:
		f.fail(w, r, b, locale, err)
		return
	}
	setSessionCookie(w, token)
	http.Redirect(w, r, "/flow/c/"+sess.CompanyID+"?lang="+locale, http.StatusSeeOther)
}

// isPrefetch recognises speculative loads, which must not use a link.
func isPrefetch(r *http.Request) bool {
	for _, h := range []string{"Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"} {
		if strings.Contains(strings.ToLower(r.Header.Get(h)), "prefetch") ||
			strings.Contains(strings.ToLower(r.Header.Get(h)), "prerender") {
			return true
		}
	}
	return false
}

// interstitial reports whether the client asked for a Continue page.
func (f *Flow) interstitial(r *http.Request, clientID string) bool {
	p, err := f.store.FindProfile(r.Context(), clientID)
	return err == nil && p.InterstitialStart
}

// allowAttempt counts an opening against the caller's address and the
// client, in the database so the count survives restarts.
func (f *Flow) allowAttempt(r *http.Request, clientID string) (bool, time.Duration) {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	for bucket, limit := range map[string]int{"link-ip:" + ip: f.opts.LinkAttemptsPerIP, "link-client:" + clientID: f.opts.LinkAttemptsPerClient} {
		ok, wait, err := f.store.Hit(r.Context(), bucket, limit)
		if err != nil {
			f.log.Error("flow: count attempt", "error", err)
			return false, 0
		}
		if !ok {
			return false, wait
		}
	}
	return true, 0
}

// fail logs an unexpected error and shows a neutral page.
func (f *Flow) fail(w http.ResponseWriter, r *http.Request, b *branding, locale string, err error) {
	f.log.Error("flow: request failed", "path", r.URL.Path, "error", err)
	f.message(w, r, http.StatusInternalServerError, b, locale, "error")
}
