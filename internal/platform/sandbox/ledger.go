package sandbox

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// ledgerCookie proves a ledger sign-in, scoped to one organisation's page.
const ledgerCookie = "sandbox_ledger"

// ledgerPath is the organisation's ledger page.
func (s *Sandbox) ledgerPath(tenantID string) string {
	return s.pages.prefix + "/sandbox/ledger/" + tenantID
}

// ledgerPage shows the organisation's ledger to whoever signed in to it,
// and the login form to anyone else: a ledger is private data.
func (s *Sandbox) ledgerPage(w http.ResponseWriter, r *http.Request) {
	tenantID := r.PathValue("tenantId")
	if !s.ledgerSignedIn(r, tenantID) {
		s.renderLogin(w, r, http.StatusOK, s.ledgerLoginPage(tenantID))
		return
	}
	data, err := s.ledger(r.Context(), tenantID)
	if err != nil {
		s.opts.Log.ErrorContext(r.Context(), "sandbox ledger", "error", err)
		s.pages.fail(w, http.StatusInternalServerError, "Something went wrong", "The ledger could not be read.")
		return
	}
	s.pages.render(w, http.StatusOK, "ledger", data)
}

func (s *Sandbox) ledgerLoginPage(tenantID string) *loginPage {
	return &loginPage{page: page{Title: "Sign in to view the ledger"}, Action: s.ledgerPath(tenantID),
		Purpose: "Sign in with the organisation's username and password to see its accounts and documents."}
}

// ledgerSignedIn reports whether the request carries a live sign-in for
// the organisation.
func (s *Sandbox) ledgerSignedIn(r *http.Request, tenantID string) bool {
	c, err := r.Cookie(ledgerCookie)
	if err != nil {
		return false
	}
	t, err := findToken(r.Context(), s.read, kindLedger, c.Value)
	return err == nil && t != nil && !t.Revoked && t.OrgID == tenantID && s.now().Before(t.Expires)
}

// ledgerLogin signs in to one organisation's ledger page.
func (s *Sandbox) ledgerLogin(w http.ResponseWriter, r *http.Request) {
	tenantID := r.PathValue("tenantId")
	if err := r.ParseForm(); err != nil {
		s.pages.fail(w, http.StatusBadRequest, "Sign-in failed", "The form could not be read.")
		return
	}
	p := s.ledgerLoginPage(tenantID)
	orgID := s.checkLogin(w, r, p)
	if orgID == "" {
		return
	}
	if orgID != tenantID {
		s.logins.fail(p.Username, s.now())
		p.Error = "These credentials are for another organisation."
		s.renderLogin(w, r, http.StatusUnauthorized, p)
		return
	}
	proof, err := s.issue(r.Context(), s.write, kindLedger, orgID, "", nil, ledgerTTL)
	if err != nil {
		s.opts.Log.ErrorContext(r.Context(), "sandbox ledger login", "error", err)
		s.pages.fail(w, http.StatusInternalServerError, "Something went wrong", "Sign-in failed. Try again.")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: ledgerCookie, Value: proof, Path: s.ledgerPath(tenantID),
		MaxAge: int(ledgerTTL.Seconds()), HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: strings.HasPrefix(s.opts.BaseURL, "https:")})
	http.Redirect(w, r, s.ledgerPath(tenantID), http.StatusSeeOther)
}

// ledgerView is the ledger page's data.
type ledgerView struct {
	page
	OrgName   string
	Accounts  []ledgerAccount
	Documents []ledgerDocument
}

type ledgerAccount struct{ Code, Name, Type, Status, Balance string }

type ledgerDocument struct {
	Kind, Type, Number, Date, Contact, Status string
	SubTotal, TotalTax, Total                 string
	Lines                                     []ledgerLine
}

type ledgerLine struct{ Account, Description, Debit, Credit string }

// ledger reads the organisation's balances and documents.
func (s *Sandbox) ledger(ctx context.Context, tenantID string) (*ledgerView, error) {
	o, err := s.findOrg(ctx, tenantID)
	if err != nil || o == nil {
		return nil, errors.Join(err, errNotFound)
	}
	ch, err := s.loadChart(ctx, o)
	if err != nil {
		return nil, err
	}
	docs, err := s.listDocuments(ctx, o.ID, "")
	if err != nil {
		return nil, err
	}
	if err := s.loadPostings(ctx, o.ID, docs); err != nil {
		return nil, err
	}
	v := &ledgerView{page: page{Title: o.Name + " ledger", Wide: true}, OrgName: o.Name}
	v.Accounts = ledgerAccounts(ch, docs)
	for _, d := range docs {
		v.Documents = append(v.Documents, ledgerDocumentOf(ch, d))
	}
	return v, nil
}
