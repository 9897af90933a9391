package flow

import (
	"net/http"

	"golang.org/x/oauth2"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/platform"
	"github.com/ledgersync/ledgersync/internal/store"
)

// accountingConnection returns the company's active accounting
// connection and its platform's display name.
func (f *Flow) accountingConnection(r *http.Request, q *request) (*ledgersync.Company, *ledgersync.Connection, error) {
	co, err := f.store.FindCompanyByID(r.Context(), q.session.ClientID, q.session.CompanyID)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range co.Connections {
		if c.SourceType == ledgersync.SourceAccounting && (c.Status.Active() || c.Status == ledgersync.StatusDeauthorized) {
			return co, c, nil
		}
	}
	return co, nil, ledgersync.Errorf(ledgersync.ENotFound, "No accounting connection.")
}

func platformName(key string) string {
	if in := ledgersync.FindIntegration(key); in != nil {
		return in.Name
	}
	return key
}

// landing sends the merchant to the first thing left to do (SPEC §4): a
// configured company, or one whose accounting connection was removed, to
// its settings; one not yet authorized to the connect step; any other to
// the first unfinished step of the wizard.
func (f *Flow) landing(w http.ResponseWriter, r *http.Request, q *request) {
	l, err := f.opts.Config.Load(r.Context(), q.session.ClientID, q.session.CompanyID, platform.SnapshotMaxAge)
	if err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	to := "/flow/c/" + q.session.CompanyID + "/"
	switch {
	case l.Config.Configured || l.Accounting == nil:
		to += "settings"
	case l.Accounting.Status != ledgersync.StatusLinked:
		to += "connect"
	default:
		to += firstUnfinished(l)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (f *Flow) connectPage(w http.ResponseWriter, r *http.Request, q *request) {
	f.renderConnect(w, r, q, http.StatusOK, "")
}

func (f *Flow) renderConnect(w http.ResponseWriter, r *http.Request, q *request, status int, failure string) {
	_, conn, err := f.accountingConnection(r, q)
	if err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	f.render(w, r, status, "connect", q.view(map[string]string{
		"Platform": platformName(conn.IntegrationKey), "Action": "/flow/c/" + q.session.CompanyID + "/connect", "Failure": failure}))
}

// connect starts the OAuth2 authorization-code flow with PKCE: the state
// and verifier are kept for this session only, and the browser goes to
// the platform's login page.
func (f *Flow) connect(w http.ResponseWriter, r *http.Request, q *request) {
	_, conn, err := f.accountingConnection(r, q)
	if err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	platform, ok := f.opts.Platforms[conn.IntegrationKey]
	if !ok {
		f.fail(w, r, q.brand, q.locale, ledgersync.Errorf(ledgersync.EInternal, "platform %s is not configured", conn.IntegrationKey))
		return
	}
	verifier := oauth2.GenerateVerifier()
	state, err := f.store.CreateOAuthState(r.Context(), q.token, store.OAuthRequest{CompanyID: q.session.CompanyID,
		ConnectionID: conn.ID, IntegrationKey: conn.IntegrationKey, Verifier: verifier})
	if err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	target := platform.AuthorizeURL(state, oauth2.S256ChallengeFromVerifier(verifier), f.callbackURL(conn.IntegrationKey))
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// callbackURL is the redirect URI registered for a platform; each
// platform has its own.
func (f *Flow) callbackURL(key string) string { return f.opts.BaseURL + "/flow/callback/" + key }

// callback completes the authorization: the state must belong to this
// session, be unused and under ten minutes old, before any code is
// exchanged. On success the connection is Linked and the session id
// changes.
func (f *Flow) callback(w http.ResponseWriter, r *http.Request) {
	q, status := f.loadSession(r.Context(), r)
	if status != http.StatusOK {
		f.message(w, r, http.StatusUnauthorized, q.brand, q.locale, "session")
		return
	}
	req, err := f.store.ConsumeOAuthState(r.Context(), q.token, r.URL.Query().Get("state"))
	if err != nil || req.IntegrationKey != r.PathValue("platformKey") || req.CompanyID != q.session.CompanyID {
		f.message(w, r, http.StatusBadRequest, q.brand, q.locale, "session")
		return
	}
	if r.URL.Query().Get("error") != "" {
		f.renderConnect(w, r, q, http.StatusOK, translate(q.locale, "connect.denied"))
		return
	}
	platform := f.opts.Platforms[req.IntegrationKey]
	token, err := platform.Exchange(r.Context(), r.URL.Query().Get("code"), req.Verifier, f.callbackURL(req.IntegrationKey))
	if err != nil {
		f.log.Warn("flow: code exchange failed", "platform", req.IntegrationKey, "error", err)
		f.renderConnect(w, r, q, http.StatusOK, err.Error())
		return
	}
	if _, err := f.store.LinkConnection(r.Context(), req.CompanyID, req.ConnectionID, token); err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	if f.opts.Config != nil {
		if err := f.opts.Config.Resume(r.Context(), req.CompanyID); err != nil {
			f.log.Warn("flow: resume schedule", "error", err)
		}
	}
	fresh, err := f.store.RotateSession(r.Context(), q.token)
	if err != nil {
		f.fail(w, r, q.brand, q.locale, err)
		return
	}
	setSessionCookie(w, fresh)
	http.Redirect(w, r, "/flow/c/"+req.CompanyID, http.StatusSeeOther)
}
