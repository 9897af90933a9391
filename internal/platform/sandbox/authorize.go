package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// authRequest is a validated authorization request (RFC 6749 §4.1.1 with
// PKCE), carried through the login and consent forms.
type authRequest struct {
	ClientID    string `json:"client_id"`
	RedirectURI string `json:"redirect_uri"`
	Scope       string `json:"scope"`
	State       string `json:"state"`
	Challenge   string `json:"code_challenge"`
}

// challengePattern is an S256 challenge: a SHA-256, base64url unpadded.
var challengePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// parseAuthRequest validates the request's parameters strictly; on any
// fault it says why, and the caller answers 400 instead of redirecting.
func (s *Sandbox) parseAuthRequest(v url.Values) (*authRequest, string) {
	req := &authRequest{ClientID: v.Get("client_id"), RedirectURI: v.Get("redirect_uri"),
		Scope: v.Get("scope"), State: v.Get("state"), Challenge: v.Get("code_challenge")}
	switch {
	case v.Get("response_type") != "code":
		return nil, "response_type must be code."
	case req.ClientID != ClientID:
		return nil, "The application (client_id) is not registered with the sandbox."
	case !s.registeredRedirect(req.RedirectURI):
		return nil, "The redirect_uri is not registered for this application."
	case req.State == "" || len(req.State) > 512:
		return nil, "The state parameter is missing."
	case v.Get("code_challenge_method") != "S256" || !challengePattern.MatchString(req.Challenge):
		return nil, "A PKCE code_challenge with code_challenge_method S256 is required."
	}
	return req, ""
}

// registeredRedirect accepts only URIs under the base URL's /flow/, with
// no fragment, credentials or dot segments that would lead elsewhere.
func (s *Sandbox) registeredRedirect(raw string) bool {
	base, err := url.Parse(s.opts.BaseURL)
	if err != nil || s.opts.BaseURL == "" || !strings.HasPrefix(raw, s.opts.BaseURL+"/flow/") {
		return false
	}
	u, err := url.Parse(raw)
	return err == nil && u.Scheme == base.Scheme && u.Host == base.Host && u.User == nil &&
		u.Fragment == "" && !strings.Contains(raw, "\\") &&
		path.Clean(u.Path) == strings.TrimSuffix(u.Path, "/") &&
		strings.HasPrefix(u.Path, base.Path+"/flow/")
}

// loginPage asks for an organisation's username and password.
type loginPage struct {
	page
	Purpose  string
	Action   string
	Hidden   []hiddenField
	Username string
	Error    string
	Demo     *OrgCredentials
}

type hiddenField struct{ Name, Value string }

func (r *authRequest) hidden() []hiddenField {
	return []hiddenField{{"response_type", "code"}, {"client_id", r.ClientID}, {"redirect_uri", r.RedirectURI},
		{"scope", r.Scope}, {"state", r.State}, {"code_challenge", r.Challenge}, {"code_challenge_method", "S256"}}
}

// authorizePage is the authorization endpoint: the login page.
func (s *Sandbox) authorizePage(w http.ResponseWriter, r *http.Request) {
	req, why := s.parseAuthRequest(r.URL.Query())
	if req == nil {
		s.pages.fail(w, http.StatusBadRequest, "This sign-in link is not valid", why)
		return
	}
	s.renderLogin(w, r, http.StatusOK, &loginPage{Hidden: req.hidden()})
}

// renderLogin shows a login form, with the demo organisation's
// credentials when it exists.
func (s *Sandbox) renderLogin(w http.ResponseWriter, r *http.Request, status int, p *loginPage) {
	if p.Title == "" {
		p.Title = "Sign in to connect ledgersync"
		p.Purpose = "ledgersync wants to connect to your sandbox organisation. Sign in with the organisation's username and password."
		p.Action = s.pages.prefix + "/sandbox/identity/connect/authorize"
	}
	demo, err := s.demoOrg(r.Context())
	if err != nil {
		s.opts.Log.ErrorContext(r.Context(), "sandbox login page", "error", err)
	}
	p.Demo = demoCredentials(demo)
	s.pages.render(w, status, "login", p)
}

// checkLogin authenticates the form's credentials, rate limited per
// username. It answers the failure itself and returns "" then.
func (s *Sandbox) checkLogin(w http.ResponseWriter, r *http.Request, p *loginPage) string {
	username := r.PostForm.Get("username")
	p.Username = username
	if s.logins.blocked(username, s.now()) {
		s.pages.fail(w, http.StatusTooManyRequests, "Too many attempts",
			"Too many failed sign-ins for this username. Wait 15 minutes, then try again.")
		return ""
	}
	orgID, err := s.Authenticate(r.Context(), username, r.PostForm.Get("password"))
	if errors.Is(err, ErrBadCredentials) {
		s.logins.fail(username, s.now())
		p.Error = "The username or password is not right. Check them and try again."
		s.renderLogin(w, r, http.StatusUnauthorized, p)
		return ""
	}
	if err != nil {
		s.opts.Log.ErrorContext(r.Context(), "sandbox login", "error", err)
		s.pages.fail(w, http.StatusInternalServerError, "Something went wrong", "Sign-in failed. Try again.")
		return ""
	}
	return orgID
}

// consentPage asks the signed-in organisation to allow access.
type consentPage struct {
	page
	OrgName string
	Action  string
	Ticket  string
}

// login checks the credentials and shows the consent page.
func (s *Sandbox) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.pages.fail(w, http.StatusBadRequest, "This sign-in link is not valid", "The form could not be read.")
		return
	}
	req, why := s.parseAuthRequest(r.PostForm)
	if req == nil {
		s.pages.fail(w, http.StatusBadRequest, "This sign-in link is not valid", why)
		return
	}
	orgID := s.checkLogin(w, r, &loginPage{Hidden: req.hidden()})
	if orgID == "" {
		return
	}
	o, err := s.findOrg(r.Context(), orgID)
	var ticket string
	if err == nil {
		ticket, err = s.issue(r.Context(), s.write, kindConsent, orgID, "", req, consentTTL)
	}
	if err != nil {
		s.opts.Log.ErrorContext(r.Context(), "sandbox login", "error", err)
		s.pages.fail(w, http.StatusInternalServerError, "Something went wrong", "Sign-in failed. Try again.")
		return
	}
	s.pages.render(w, http.StatusOK, "consent", &consentPage{page: page{Title: "Allow access"},
		OrgName: o.Name, Ticket: ticket, Action: s.pages.prefix + "/sandbox/identity/connect/consent"})
}

// consent takes the decision: Allow redirects with a code, Deny with
// access_denied. The ticket proves the login and works once.
func (s *Sandbox) consent(w http.ResponseWriter, r *http.Request) {
	ticket := r.PostFormValue("ticket")
	fresh, err := s.spend(r.Context(), s.write, kindConsent, ticket)
	var t *tokenRow
	if err == nil && fresh {
		t, err = findToken(r.Context(), s.write, kindConsent, ticket)
	}
	var req authRequest
	if err == nil && t != nil {
		err = json.Unmarshal([]byte(t.Data), &req)
	}
	if err != nil || t == nil || !s.now().Before(t.Expires) {
		s.pages.fail(w, http.StatusBadRequest, "This sign-in has expired",
			"This sign-in has expired or was already used. Start again from ledgersync.")
		return
	}
	params := url.Values{"state": {req.State}}
	if r.PostFormValue("decision") == "allow" {
		code, err := s.issue(r.Context(), s.write, kindCode, t.OrgID, "", req, codeTTL)
		if err != nil {
			s.opts.Log.ErrorContext(r.Context(), "sandbox consent", "error", err)
			s.pages.fail(w, http.StatusInternalServerError, "Something went wrong", "Access could not be granted. Try again.")
			return
		}
		params.Set("code", code)
	} else {
		params.Set("error", "access_denied")
	}
	http.Redirect(w, r, withQuery(req.RedirectURI, params), http.StatusSeeOther)
}

// withQuery adds params to a URL's query.
func withQuery(raw string, params url.Values) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for k, v := range params {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	return u.String()
}
