package sandbox

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"net/url"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static/sandbox.css
var css []byte

// pages renders the sandbox's server-side pages: every template is parsed
// at start-up, each page with the layout.
type pages struct {
	byName map[string]*template.Template
	prefix string
	csp    string
}

// page is what the layout needs; each page's data embeds it.
type page struct {
	Title  string
	Prefix string
	Wide   bool
}

func newPages(baseURL string) *pages {
	base := template.Must(template.ParseFS(templateFiles, "templates/layout.html"))
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range []string{"login", "consent", "error", "ledger"} {
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFiles, "templates/"+name+".html"))
		p.byName[name] = t
	}
	formAction := "'self'"
	if u, err := url.Parse(baseURL); err == nil {
		p.prefix = u.Path
		if u.Host != "" {
			// The consent form redirects to the flow, on the base URL.
			formAction += " " + u.Scheme + "://" + u.Host
		}
	}
	p.csp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action " + formAction +
		"; frame-ancestors 'none'; base-uri 'none'"
	return p
}

// render writes the page with its security headers; it renders to a
// buffer first so that a template error never sends half a page.
func (p *pages) render(w http.ResponseWriter, status int, name string, data interface{ base() *page }) {
	data.base().Prefix = p.prefix
	var buf bytes.Buffer
	if err := p.byName[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		http.Error(w, "sandbox: page failed to render", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", p.csp)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (p *page) base() *page { return p }

// errorPage is a page that only explains what went wrong.
type errorPage struct {
	page
	Message string
}

func (p *pages) fail(w http.ResponseWriter, status int, title, message string) {
	p.render(w, status, "error", &errorPage{page: page{Title: title}, Message: message})
}

// staticCSS serves the pages' style sheet.
func staticCSS() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(css)
	})
}
