package flow

import (
	"context"
	"net/url"

	"github.com/ledgersync/ledgersync"
)

// branding is what a page shows of the partner: its name, logo, icon and
// colour, and where it may be framed.
type branding struct {
	Name           string
	LogoURL        string
	IconURL        string
	PrimaryColor   string
	FrameAncestors []string
	ImageOrigins   []string
	RedirectURL    string
	// FormTargets are origins outside ledgersync that a page's form may
	// lead to, such as the partner's redirect URL after the last step.
	FormTargets []string
}

// brandingFor loads a client's profile; an unknown client gets neutral
// branding, so error pages still render.
func (f *Flow) brandingFor(ctx context.Context, clientID string) *branding {
	p, err := f.store.FindProfile(ctx, clientID)
	if err != nil {
		return &branding{Name: "ledgersync", PrimaryColor: ledgersync.DefaultPrimaryColor}
	}
	b := &branding{Name: p.Name, LogoURL: p.LogoURL, IconURL: p.IconURL, PrimaryColor: p.PrimaryColor,
		FrameAncestors: p.FrameAncestors, RedirectURL: p.RedirectURL}
	for _, raw := range []string{p.LogoURL, p.IconURL} {
		if u, err := url.Parse(raw); err == nil && u.Scheme == "https" && u.Host != "" {
			b.ImageOrigins = append(b.ImageOrigins, "https://"+u.Host)
		}
	}
	return b
}

// platformOrigins are the origins of the platforms' login pages, which
// the connect form redirects to.
func (f *Flow) platformOrigins() []string {
	var out []string
	for _, p := range f.opts.Platforms {
		u, err := url.Parse(p.AuthorizeURL("x", "x", "x"))
		if err == nil && u.Host != "" && u.Scheme+"://"+u.Host != f.opts.BaseURL {
			out = append(out, u.Scheme+"://"+u.Host)
		}
	}
	return out
}
