package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

type integrationOut struct {
	Key              string `json:"key"`
	Name             string `json:"name"`
	LogoURL          string `json:"logoUrl"`
	Enabled          bool   `json:"enabled"`
	SourceType       string `json:"sourceType"`
	SourceID         string `json:"sourceId"`
	IntegrationID    string `json:"integrationId"`
	DatatypeFeatures []struct {
		DataType          string `json:"dataType"`
		SupportedFeatures []struct {
			FeatureType  string `json:"featureType"`
			FeatureState string `json:"featureState"`
		} `json:"supportedFeatures"`
	} `json:"datatypeFeatures"`
}

func TestIntegrations(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.disableIntegration(h.a, "qhyg")
		var page struct {
			Results      []integrationOut `json:"results"`
			TotalResults int              `json:"totalResults"`
		}
		h.do("GET", "/config/integrations", h.a, nil).want(http.StatusOK).decode(&page)
		want := map[string]struct {
			name, source string
			enabled      bool
		}{
			"gbol": {"Xero", "Accounting", true},
			"lqai": {"Partner Commerce", "Commerce", true},
			"mqjo": {"Sandbox", "Accounting", true},
			"qhyg": {"QuickBooks Online", "Accounting", false},
		}
		if page.TotalResults != 4 || len(page.Results) != 4 {
			t.Fatalf("integrations: %+v", page)
		}
		for _, in := range page.Results {
			w, ok := want[in.Key]
			if !ok || in.Name != w.name || in.SourceType != w.source || in.Enabled != w.enabled {
				t.Errorf("integration %+v, want %+v", in, w)
			}
			if len(in.DatatypeFeatures) == 0 || in.DatatypeFeatures[0].SupportedFeatures[0].FeatureState != "Release" {
				t.Errorf("%s datatypeFeatures: %+v", in.Key, in.DatatypeFeatures)
			}
		}
		h.do("GET", "/config/integrations?query=enabled%3Dfalse", h.a, nil).want(http.StatusOK).decode(&page)
		if page.TotalResults != 1 || page.Results[0].Key != "qhyg" {
			t.Fatalf("enabled=false: %+v", page)
		}
		h.do("GET", "/config/integrations?query=sourceType%3Daccounting&orderBy=-name&pageSize=2", h.a, nil).want(http.StatusOK).decode(&page)
		if page.TotalResults != 3 || len(page.Results) != 2 || page.Results[0].Name != "Xero" || page.Results[1].Name != "Sandbox" {
			t.Fatalf("accounting by name desc: %+v", page)
		}
		// Another client's settings do not leak.
		h.do("GET", "/config/integrations?query=enabled%3Dfalse", h.b, nil).want(http.StatusOK).decode(&page)
		if page.TotalResults != 0 {
			t.Fatalf("client B sees A's disabled integration: %+v", page)
		}
	})
}

func TestBranding(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		var b struct {
			Logo struct {
				Full, Square struct {
					Image struct{ Src, Alt string } `json:"image"`
				}
			} `json:"logo"`
			Button struct {
				Default, Hover struct {
					Image struct{ Src, Alt string } `json:"image"`
				}
			} `json:"button"`
			SourceID string `json:"sourceId"`
		}
		for _, key := range []string{"lqai", "mqjo", "gbol", "qhyg"} {
			h.do("GET", "/config/integrations/"+key+"/branding", h.a, nil).want(http.StatusOK).decode(&b)
			for _, src := range []string{b.Logo.Full.Image.Src, b.Logo.Square.Image.Src, b.Button.Default.Image.Src, b.Button.Hover.Image.Src} {
				path := src[strings.Index(src, "/static/"):]
				res, err := h.client.Get(h.srv.URL + path)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(string(body), "<svg") {
					t.Errorf("%s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
				}
			}
			if b.SourceID == "" || b.Logo.Full.Image.Alt == "" {
				t.Errorf("%s branding incomplete: %+v", key, b)
			}
		}
		res, err := h.client.Get(h.srv.URL + "/static/branding/../../go.mod")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == 200 {
			t.Fatal("static handler served a file outside the branding assets")
		}
	})
}
