package api

import (
	"cmp"
	"embed"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/query"
)

//go:embed branding/*.svg
var brandingFiles embed.FS

// integrationJSON is the contract's Integration.
type integrationJSON struct {
	Key                string                `json:"key"`
	LogoURL            string                `json:"logoUrl"`
	Name               string                `json:"name"`
	Enabled            bool                  `json:"enabled"`
	SourceID           string                `json:"sourceId"`
	SourceType         ledgersync.SourceType `json:"sourceType"`
	IntegrationID      string                `json:"integrationId"`
	IsOfflineConnector bool                  `json:"isOfflineConnector"`
	IsBeta             bool                  `json:"isBeta"`
	DataProvidedBy     string                `json:"dataProvidedBy"`
	DatatypeFeatures   []datatypeFeatureJSON `json:"datatypeFeatures"`
}

type datatypeFeatureJSON struct {
	DataType          string                 `json:"dataType"`
	SupportedFeatures []supportedFeatureJSON `json:"supportedFeatures"`
}

type supportedFeatureJSON struct {
	FeatureType  string `json:"featureType"`
	FeatureState string `json:"featureState"`
}

// brandingURL is the public address of an embedded branding image.
func (a *API) brandingURL(key, variant string) string {
	return a.baseURL + "/static/branding/" + key + "-" + variant + ".svg"
}

func (a *API) newIntegrationJSON(in ledgersync.Integration, client *ledgersync.Client) integrationJSON {
	integrationID, sourceID := integrationIDs(in.Key)
	out := integrationJSON{
		Key: in.Key, LogoURL: a.brandingURL(in.Key, "square"), Name: in.Name, Enabled: client.IntegrationEnabled(in.Key),
		SourceID: sourceID, SourceType: in.SourceType, IntegrationID: integrationID, DataProvidedBy: "ledgersync",
	}
	for _, d := range in.DataTypes {
		f := datatypeFeatureJSON{DataType: d.DataType}
		for _, feature := range d.Features {
			f.SupportedFeatures = append(f.SupportedFeatures, supportedFeatureJSON{FeatureType: feature, FeatureState: "Release"})
		}
		out.DatatypeFeatures = append(out.DatatypeFeatures, f)
	}
	return out
}

var integrationFields = map[string]query.Kind{"key": query.String, "name": query.String, "enabled": query.Bool, "sourceType": query.String}

// listIntegrations filters and pages the fixed catalogue in memory.
func (a *API) listIntegrations(w http.ResponseWriter, r *http.Request) {
	o, err := listOptions(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	expr, err := query.Parse(o.Query, integrationFields)
	if err != nil {
		a.writeError(w, r, &ledgersync.Error{Code: ledgersync.EInvalid, Message: err.Error(), Field: "query"})
		return
	}
	client := clientFrom(r.Context())
	var all []integrationJSON
	for _, in := range ledgersync.Integrations {
		j := a.newIntegrationJSON(in, client)
		if expr.Match(j.field) {
			all = append(all, j)
		}
	}
	if err := sortIntegrations(all, o.OrderBy); err != nil {
		a.writeError(w, r, err)
		return
	}
	start, end := min(o.Offset(), len(all)), min(o.Offset()+o.PageSize, len(all))
	writeJSON(w, http.StatusOK, newPage(r, o, all[start:end], len(all)))
}

func (j integrationJSON) field(name string) any {
	switch name {
	case "key":
		return j.Key
	case "name":
		return j.Name
	case "enabled":
		return j.Enabled
	case "sourceType":
		return string(j.SourceType)
	}
	return nil
}

var platformKeyPattern = regexp.MustCompile(`^[a-z]{4}$`)

// brandingJSON is the contract's Branding.
type brandingJSON struct {
	Logo     brandingLogo   `json:"logo"`
	Button   brandingButton `json:"button"`
	SourceID string         `json:"sourceId"`
}

type brandingLogo struct {
	Full   brandingImage `json:"full"`
	Square brandingImage `json:"square"`
}

type brandingButton struct {
	Default brandingImage `json:"default"`
	Hover   brandingImage `json:"hover"`
}

type brandingImage struct {
	Image imageRef `json:"image"`
}

type imageRef struct {
	Src string `json:"src"`
	Alt string `json:"alt"`
}

func (a *API) getBranding(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("platformKey")
	if !platformKeyPattern.MatchString(key) {
		a.writeError(w, r, ledgersync.FieldError("platformKey", "platformKey must be four lower-case letters."))
		return
	}
	in := ledgersync.FindIntegration(key)
	if in == nil {
		a.writeError(w, r, ledgersync.Errorf(ledgersync.ENotFound, "Integration %s not found.", key))
		return
	}
	img := func(variant, alt string) brandingImage {
		return brandingImage{Image: imageRef{Src: a.brandingURL(in.Key, variant), Alt: alt}}
	}
	_, sourceID := integrationIDs(in.Key)
	writeJSON(w, http.StatusOK, brandingJSON{
		Logo:     brandingLogo{Full: img("full", in.Name+" logo"), Square: img("square", in.Name+" icon")},
		Button:   brandingButton{Default: img("button", "Connect to "+in.Name), Hover: img("button-hover", "Connect to "+in.Name)},
		SourceID: sourceID,
	})
}

// Static serves the embedded branding images at /static/branding/{file}.
func Static() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := "branding/" + r.PathValue("file")
		b, err := brandingFiles.ReadFile(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		_, _ = w.Write(b)
	})
}

// sortIntegrations orders by key unless orderBy names another field.
func sortIntegrations(all []integrationJSON, orderBy string) error {
	desc := strings.HasPrefix(orderBy, "-")
	name := strings.TrimPrefix(orderBy, "-")
	if name == "" {
		name = "key"
	}
	var field string
	for f := range integrationFields {
		if strings.EqualFold(f, name) {
			field = f
		}
	}
	if field == "" {
		return ledgersync.FieldError("orderBy", "orderBy must name one of the queryable fields, optionally prefixed with -.")
	}
	slices.SortStableFunc(all, func(a, b integrationJSON) int {
		c := cmp.Compare(fmt.Sprint(a.field(field)), fmt.Sprint(b.field(field)))
		if c == 0 {
			c = cmp.Compare(a.Key, b.Key)
		}
		if desc {
			return -c
		}
		return c
	})
	return nil
}
