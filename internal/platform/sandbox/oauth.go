package sandbox

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// oauthError is an RFC 6749 §5.2 error body.
type oauthError struct {
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

func invalidGrant(why string) *oauthError { return &oauthError{"invalid_grant", why} }

// token is the token endpoint: authorization_code and refresh_token grants.
func (s *Sandbox) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeOAuth(w, http.StatusBadRequest, &oauthError{"invalid_request", "The body must be form-encoded."})
		return
	}
	if !s.clientAuthenticated(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="sandbox"`)
		writeOAuth(w, http.StatusUnauthorized, &oauthError{Code: "invalid_client"})
		return
	}
	var pair *tokenPair
	var refused *oauthError
	err := s.inTx(r.Context(), func(tx *sql.Tx) error {
		var err error
		switch r.PostForm.Get("grant_type") {
		case "authorization_code":
			pair, refused, err = s.exchangeCode(r.Context(), tx, r.PostForm)
		case "refresh_token":
			pair, refused, err = s.refresh(r.Context(), tx, r.PostForm.Get("refresh_token"))
		default:
			refused = &oauthError{Code: "unsupported_grant_type"}
		}
		return err
	})
	switch {
	case err != nil:
		s.opts.Log.ErrorContext(r.Context(), "sandbox token endpoint", "error", err)
		writeOAuth(w, http.StatusInternalServerError, &oauthError{Code: "server_error"})
	case refused != nil:
		writeOAuth(w, http.StatusBadRequest, refused)
	default:
		writeOAuth(w, http.StatusOK, pair)
	}
}

func writeOAuth(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// clientAuthenticated checks the client's credentials: HTTP Basic, whose
// parts are form-encoded (RFC 6749 §2.3.1), or client_id and
// client_secret in the body.
func (s *Sandbox) clientAuthenticated(r *http.Request) bool {
	id, secret, ok := r.BasicAuth()
	if ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	return s.opts.ClientSecret != "" && id == ClientID &&
		subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret)) == 1
}

// exchangeCode redeems an authorization code, once. A code presented
// again revokes what it was exchanged for (RFC 6749 §4.1.2).
func (s *Sandbox) exchangeCode(ctx context.Context, tx *sql.Tx, form url.Values) (*tokenPair, *oauthError, error) {
	code, verifier, redirect := form.Get("code"), form.Get("code_verifier"), form.Get("redirect_uri")
	if code == "" || verifier == "" || redirect == "" {
		return nil, &oauthError{"invalid_request", "code, redirect_uri and code_verifier are required."}, nil
	}
	fresh, err := s.spend(ctx, tx, kindCode, code)
	if err != nil {
		return nil, nil, err
	}
	t, err := findToken(ctx, tx, kindCode, code)
	if err != nil || t == nil {
		return nil, invalidGrant("The authorization code is not valid."), err
	}
	if !fresh {
		if t.GrantID != "" {
			err = s.revokeGrant(ctx, tx, t.GrantID)
		}
		return nil, invalidGrant("The authorization code was already used."), err
	}
	var req authRequest
	if err := json.Unmarshal([]byte(t.Data), &req); err != nil {
		return nil, nil, err
	}
	if why := s.codeRefusal(t, &req, redirect, verifier); why != "" {
		return nil, invalidGrant(why), nil
	}
	g, err := s.newGrant(ctx, tx, t.OrgID, req.ClientID, req.Scope)
	if err != nil {
		return nil, nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sandbox_tokens SET grant_id = $1 WHERE hash = $2`, g.ID, hashSecret(code)); err != nil {
		return nil, nil, err
	}
	pair, err := s.issuePair(ctx, tx, g)
	return pair, nil, err
}

// codeRefusal says why a code may not be exchanged, or "".
func (s *Sandbox) codeRefusal(t *tokenRow, req *authRequest, redirect, verifier string) string {
	switch {
	case !s.now().Before(t.Expires):
		return "The authorization code has expired."
	case redirect != req.RedirectURI:
		return "redirect_uri does not match the authorization request."
	case len(verifier) < 43 || len(verifier) > 128:
		return "code_verifier must be 43 to 128 characters."
	case !pkceMatches(verifier, req.Challenge):
		return "code_verifier does not match the code challenge."
	}
	return ""
}

// pkceMatches checks an S256 challenge (RFC 7636 §4.6).
func pkceMatches(verifier, challenge string) bool {
	sum := sha256.Sum256([]byte(verifier))
	got := base64.RawURLEncoding.EncodeToString(sum[:])
	return subtle.ConstantTimeCompare([]byte(got), []byte(challenge)) == 1
}

// refresh rotates a refresh token: the old one is spent at once, and
// presenting a spent one, a sign that it was stolen, revokes its grant.
func (s *Sandbox) refresh(ctx context.Context, tx *sql.Tx, token string) (*tokenPair, *oauthError, error) {
	if token == "" {
		return nil, &oauthError{"invalid_request", "refresh_token is required."}, nil
	}
	fresh, err := s.spend(ctx, tx, kindRefresh, token)
	if err != nil {
		return nil, nil, err
	}
	t, err := findToken(ctx, tx, kindRefresh, token)
	if err != nil || t == nil {
		return nil, invalidGrant("The refresh token is not valid."), err
	}
	if !fresh {
		return nil, invalidGrant("The refresh token was already used; the grant is revoked."), s.revokeGrant(ctx, tx, t.GrantID)
	}
	g, err := findGrant(ctx, tx, t.GrantID)
	if err != nil {
		return nil, nil, err
	}
	if g == nil || g.Revoked || g.ClientID != ClientID || !s.now().Before(t.Expires) {
		return nil, invalidGrant("The refresh token has expired or was revoked."), nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sandbox_grants SET updated_at = $1 WHERE id = $2`, dbTime(s.now()), g.ID); err != nil {
		return nil, nil, err
	}
	pair, err := s.issuePair(ctx, tx, g)
	return pair, nil, err
}

// revocation revokes the grant of a refresh or access token (RFC 7009);
// it answers 200 whatever the token, so it tells nothing.
func (s *Sandbox) revocation(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeOAuth(w, http.StatusBadRequest, &oauthError{Code: "invalid_request"})
		return
	}
	if !s.clientAuthenticated(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="sandbox"`)
		writeOAuth(w, http.StatusUnauthorized, &oauthError{Code: "invalid_client"})
		return
	}
	token := r.PostForm.Get("token")
	for _, kind := range []string{kindRefresh, kindAccess} {
		t, err := findToken(r.Context(), s.write, kind, token)
		if err == nil && t != nil {
			err = s.revokeGrant(r.Context(), s.write, t.GrantID)
		}
		if err != nil {
			s.opts.Log.ErrorContext(r.Context(), "sandbox revocation", "error", err)
		}
	}
	w.WriteHeader(http.StatusOK)
}

// bearer returns the live grant of the request's access token, or nil.
func (s *Sandbox) bearer(ctx context.Context, r *http.Request) (*grant, error) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return nil, nil
	}
	t, err := findToken(ctx, s.read, kindAccess, strings.TrimSpace(token))
	if err != nil || t == nil || t.Revoked || !s.now().Before(t.Expires) {
		return nil, err
	}
	g, err := findGrant(ctx, s.read, t.GrantID)
	if err != nil || g == nil || g.Revoked {
		return nil, err
	}
	return g, nil
}
