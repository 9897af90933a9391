package flow

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed templates/*.html templates/partials/*.html
var templateFiles embed.FS

//go:embed static/*
var staticFS embed.FS

// pages holds each page's template, joined with the shared layout.
type pages struct {
	byName map[string]*template.Template
}

// parsePages parses the layout and the partials shared by pages with
// every page, once, at start-up.
func parsePages() (*pages, error) {
	base, err := template.ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("flow: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, file := range names {
		name := strings.TrimSuffix(path.Base(file), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, file)
		if err != nil {
			return nil, fmt.Errorf("flow: parse %s: %w", file, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// view is what every page template receives.
type view struct {
	Locale string
	Brand  *branding
	Nonce  string
	// Path is the current page, for the language switch.
	Path string
	// Page holds the page's own data.
	Page any
}

// T translates a key in the page's locale.
func (v view) T(key string, args ...any) string { return translate(v.Locale, key, args...) }

// Lang is the HTML lang attribute.
func (v view) Lang() string { return strings.SplitN(v.Locale, "-", 2)[0] }

// OtherLocale is the locale the switch leads to.
func (v view) OtherLocale() string {
	if v.Locale == "fr-fr" {
		return "en-us"
	}
	return "fr-fr"
}

// render writes a page with a status, rendered to a buffer first so a
// template error never sends half a page.
func (f *Flow) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	t, ok := f.pages.byName[name]
	if !ok {
		f.log.Error("flow: no such page", "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	v.Nonce, v.Path = nonceFrom(r.Context()), r.URL.Path
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		f.log.Error("flow: render", "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	f.allowFraming(w, r, v.Brand)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// message renders a page that only explains something: an expired link,
// an ended session, an error.
func (f *Flow) message(w http.ResponseWriter, r *http.Request, status int, b *branding, locale, kind string) {
	f.render(w, r, status, "message", view{Locale: locale, Brand: b, Page: map[string]string{
		"Title": translate(locale, kind+".title"),
		"Body":  translate(locale, kind+".body", b.Name),
	}})
}

// staticFiles serves the flow's stylesheet and images, cacheable.
func staticFiles() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := staticFS.ReadFile("static/" + r.PathValue("file"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(r.PathValue("file")) {
		case ".css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		case ".svg":
			w.Header().Set("Content-Type", "image/svg+xml")
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(b)
	})
}
