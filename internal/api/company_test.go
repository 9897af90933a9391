package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// companyOut is the part of a Company the tests read.
type companyOut struct {
	ID              string            `json:"id"`
	Name            string            `json:"name"`
	Description     string            `json:"description"`
	Created         string            `json:"created"`
	Tags            map[string]string `json:"tags"`
	Products        []string          `json:"products"`
	DataConnections []connectionOut   `json:"dataConnections"`
}

type companiesOut struct {
	Results      []companyOut `json:"results"`
	PageNumber   int          `json:"pageNumber"`
	PageSize     int          `json:"pageSize"`
	TotalResults int          `json:"totalResults"`
	Links        map[string]struct {
		Href string `json:"href"`
	} `json:"_links"`
}

func (h *harness) createCompany(k tenant, name string) companyOut {
	h.t.Helper()
	var c companyOut
	h.do("POST", "/companies", k, map[string]any{"name": name}).want(http.StatusOK).decode(&c)
	return c
}

func (h *harness) listCompanies(k tenant, params string) companiesOut {
	h.t.Helper()
	var p companiesOut
	h.do("GET", "/companies"+params, k, nil).want(http.StatusOK).decode(&p)
	return p
}

func TestCompanyLifecycle(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		var c companyOut
		h.do("POST", "/companies", h.a, map[string]any{
			"name": "Café Zoë & Sons", "description": "Bakery", "tags": map[string]string{"region": "uk"},
		}).want(http.StatusOK).decode(&c)
		if c.Name != "Café Zoë & Sons" || c.Description != "Bakery" || c.Tags["region"] != "uk" {
			t.Fatalf("created %+v", c)
		}
		if len(c.DataConnections) != 0 || len(c.Products) != 1 || c.Products[0] != "sync-for-commerce" {
			t.Fatalf("new company %+v", c)
		}
		var got companyOut
		h.do("GET", "/companies/"+c.ID, h.a, nil).want(http.StatusOK).decode(&got)
		if got.ID != c.ID || got.Created != c.Created || got.Name != c.Name {
			t.Fatalf("get %+v, want %+v", got, c)
		}
		h.do("DELETE", "/companies/"+c.ID, h.a, nil).want(http.StatusNoContent)
		h.do("GET", "/companies/"+c.ID, h.a, nil).want(http.StatusNotFound)
		h.do("DELETE", "/companies/"+c.ID, h.a, nil).want(http.StatusNotFound)
	})
}

func TestCompanyNameCaseInsensitiveProperties(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		var c companyOut
		h.do("POST", "/companies", h.a, `{"Name":"Upper Case Ltd","DESCRIPTION":"x","unknown":1}`).want(http.StatusOK).decode(&c)
		if c.Name != "Upper Case Ltd" || c.Description != "x" {
			t.Fatalf("got %+v", c)
		}
	})
}

func TestCompanyPaging(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		for i := range 5 {
			h.createCompany(h.a, fmt.Sprintf("Shop %d", i))
		}
		p := h.listCompanies(h.a, "?page=2&pageSize=2")
		if p.TotalResults != 5 || p.PageNumber != 2 || p.PageSize != 2 || len(p.Results) != 2 {
			t.Fatalf("page 2: %+v", p)
		}
		if p.Results[0].Name != "Shop 2" || p.Results[1].Name != "Shop 3" {
			t.Fatalf("default order is by creation: %s, %s", p.Results[0].Name, p.Results[1].Name)
		}
		wantLinks := map[string]string{
			"self":     "/companies",
			"current":  "/companies?page=2&pageSize=2",
			"next":     "/companies?page=3&pageSize=2",
			"previous": "/companies?page=1&pageSize=2",
		}
		for rel, href := range wantLinks {
			if p.Links[rel].Href != href {
				t.Errorf("_links.%s = %q, want %q", rel, p.Links[rel].Href, href)
			}
		}
		last := h.listCompanies(h.a, "?page=3&pageSize=2")
		if _, ok := last.Links["next"]; ok || len(last.Results) != 1 {
			t.Fatalf("last page: %+v", last)
		}
		past := h.listCompanies(h.a, "?page=9&pageSize=2")
		if len(past.Results) != 0 || past.TotalResults != 5 {
			t.Fatalf("past the end: %+v", past)
		}
		first := h.listCompanies(h.a, "")
		if _, ok := first.Links["previous"]; ok || first.PageSize != 100 || first.PageNumber != 1 {
			t.Fatalf("defaults: %+v", first)
		}
	})
}

func TestCompanyQueryAndOrder(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		for _, n := range []string{"Banana Bar", "apple Shop", "Cherry Cafe", "Apple Market"} {
			h.createCompany(h.a, n)
		}
		names := func(p companiesOut) []string {
			var out []string
			for _, c := range p.Results {
				out = append(out, c.Name)
			}
			return out
		}
		q := func(query, order string) []string {
			v := url.Values{}
			if query != "" {
				v.Set("query", query)
			}
			if order != "" {
				v.Set("orderBy", order)
			}
			return names(h.listCompanies(h.a, "?"+v.Encode()))
		}
		cases := []struct {
			query, order string
			want         []string
		}{
			{"name~apple", "name", []string{"Apple Market", "apple Shop"}},
			{"name=cherry cafe", "", []string{"Cherry Cafe"}},
			{"name!=Banana Bar&&name~a", "-name", []string{"apple Shop", "Cherry Cafe", "Apple Market"}},
			{"name=Banana Bar||name='Cherry Cafe'", "name", []string{"Banana Bar", "Cherry Cafe"}},
			{"created>2000-01-01", "", []string{"Banana Bar", "apple Shop", "Cherry Cafe", "Apple Market"}},
			{"created<2000-01-01", "", nil},
		}
		for _, c := range cases {
			got := q(c.query, c.order)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("query %q orderBy %q: got %v, want %v", c.query, c.order, got, c.want)
			}
		}
		p := h.listCompanies(h.a, "?"+url.Values{"query": {"name~apple"}, "orderBy": {"-name"}, "pageSize": {"1"}}.Encode())
		if want := "/companies?page=2&pageSize=1&query=name~apple&orderBy=-name"; p.Links["next"].Href != want &&
			p.Links["next"].Href != "/companies?page=2&pageSize=1&query=name%7Eapple&orderBy=-name" {
			t.Errorf("next keeps query and orderBy: %q", p.Links["next"].Href)
		}
	})
}

func TestCreateSyncCompanyAlias(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		var c companyOut
		h.do("POST", "/meta/companies/sync", h.a, map[string]string{"name": "Legacy Shop"}).want(http.StatusOK).decode(&c)
		if len(c.DataConnections) != 1 || c.DataConnections[0].IntegrationKey != "lqai" || c.DataConnections[0].Status != "Linked" {
			t.Fatalf("company %+v", c)
		}
		var got companyOut
		h.do("GET", "/companies/"+c.ID, h.a, nil).want(http.StatusOK).decode(&got)
		if len(got.DataConnections) != 1 || got.DataConnections[0].ID != c.DataConnections[0].ID {
			t.Fatalf("stored %+v", got)
		}
		// All or nothing: with lqai disabled, no company is created either.
		h.disableIntegration(h.a, "lqai")
		h.do("POST", "/meta/companies/sync", h.a, map[string]string{"name": "Refused"}).want(http.StatusBadRequest)
		if n := h.companyCount(h.a); n != 1 {
			t.Fatalf("%d companies after a refused create", n)
		}
	})
}

func TestCompanyQueryFoldsCaseBeyondASCII(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.createCompany(h.a, "École Café")
		h.createCompany(h.a, "Ölfabrik")
		for _, q := range []string{"name~école", "name~ÉCOLE", "name=école café", "name~CAFÉ"} {
			if p := h.listCompanies(h.a, "?query="+url.QueryEscape(q)); p.TotalResults != 1 || p.Results[0].Name != "École Café" {
				t.Errorf("query %q: %+v", q, p.Results)
			}
		}
	})
}
