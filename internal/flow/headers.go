package flow

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
)

type nonceKey struct{}

// nonceFrom returns the response's CSP nonce.
func nonceFrom(ctx context.Context) string {
	n, _ := ctx.Value(nonceKey{}).(string)
	return n
}

// secure sets the headers every flow response carries: no caching, no
// referrer (a start URL's code must not leak through a Referer), and a
// strict Content-Security-Policy with a fresh nonce. Framing is refused
// until a page that knows the client allows its origins.
func (f *Flow) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 18)
		_, _ = rand.Read(b)
		nonce := base64.StdEncoding.EncodeToString(b)
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", f.csp(nonce, nil, nil, nil))
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), nonceKey{}, nonce)))
	})
}

// csp builds the policy: scripts and styles only from ledgersync or with
// the nonce, images from ledgersync and the partner's logo origins, forms
// only to ledgersync and the platforms' login pages, and framing only by
// the partner's listed origins.
func (f *Flow) csp(nonce string, frameAncestors, imageOrigins, formTargets []string) string {
	ancestors := "'none'"
	if len(frameAncestors) > 0 {
		ancestors = strings.Join(frameAncestors, " ")
	}
	formAction := append(append([]string{"'self'"}, f.platformOrigins()...), formTargets...)
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'nonce-" + nonce + "'",
		"style-src 'self' 'nonce-" + nonce + "'",
		"img-src " + strings.Join(append([]string{"'self'", "data:"}, imageOrigins...), " "),
		"form-action " + strings.Join(formAction, " "),
		"frame-ancestors " + ancestors,
		"base-uri 'none'",
		"object-src 'none'",
	}, "; ")
}

// allowFraming rewrites the policy for a known client's settings.
func (f *Flow) allowFraming(w http.ResponseWriter, r *http.Request, b *branding) {
	w.Header().Set("Content-Security-Policy", f.csp(nonceFrom(r.Context()), b.FrameAncestors, b.ImageOrigins, b.FormTargets))
}
