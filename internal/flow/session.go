package flow

import (
	"context"
	"net/http"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
)

// sessionCookie is host-only, HTTPS-only (browsers accept Secure cookies
// on http://localhost), hidden from scripts, and not sent on cross-site
// subrequests.
const sessionCookie = "__Host-ledgersync_session"

func setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Secure: true, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, MaxAge: int(ledgersync.SessionMax.Seconds())})
}

// request is a request within a session: the merchant's company, the
// partner's branding and the chosen language.
type request struct {
	session *ledgersync.Session
	token   string
	brand   *branding
	locale  string
}

func (q *request) view(page any) view { return view{Locale: q.locale, Brand: q.brand, Page: page} }

type sessionHandler func(w http.ResponseWriter, r *http.Request, q *request)

// inSession admits requests whose session cookie is live and bound to the
// company in the path; another company's pages get 403.
func (f *Flow) inSession(h sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, status := f.loadSession(r.Context(), r)
		switch status {
		case http.StatusUnauthorized:
			f.message(w, r, status, q.brand, q.locale, "session")
			return
		case http.StatusForbidden:
			f.message(w, r, status, q.brand, q.locale, "forbidden")
			return
		case http.StatusInternalServerError:
			f.message(w, r, status, q.brand, q.locale, "error")
			return
		}
		if l := normalLocale(r.URL.Query().Get("lang")); l != "" && l != q.session.Locale {
			_ = f.store.SetSessionLocale(r.Context(), q.token, l)
		}
		h(w, r, q)
	}
}

func (f *Flow) loadSession(ctx context.Context, r *http.Request) (*request, int) {
	q := &request{brand: f.brandingFor(ctx, ""), locale: chooseLocale(r, "")}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return q, http.StatusUnauthorized
	}
	sess, err := f.store.FindSession(ctx, c.Value)
	if store.IsNoSession(err) {
		return q, http.StatusUnauthorized
	}
	if err != nil {
		f.log.Error("flow: find session", "error", err)
		return q, http.StatusInternalServerError
	}
	q.session, q.token = sess, c.Value
	q.brand, q.locale = f.brandingFor(ctx, sess.ClientID), chooseLocale(r, sess.Locale)
	if id := r.PathValue("companyId"); id != "" && id != sess.CompanyID {
		return q, http.StatusForbidden
	}
	return q, http.StatusOK
}
