package api

import (
	"net/http"
	"time"

	"github.com/ledgersync/ledgersync"
)

// companyJSON is the contract's Company.
type companyJSON struct {
	ID                 string            `json:"id"`
	Name               string            `json:"name"`
	Description        string            `json:"description,omitempty"`
	Redirect           string            `json:"redirect"`
	LastSync           string            `json:"lastSync,omitempty"`
	Created            string            `json:"created"`
	CreatedByUserName  *string           `json:"createdByUserName"`
	Products           []string          `json:"products"`
	Tags               map[string]string `json:"tags"`
	DataConnections    []connectionJSON  `json:"dataConnections"`
	MerchantIdentifier string            `json:"merchantIdentifier,omitempty"`
}

func newCompanyJSON(c *ledgersync.Company) companyJSON {
	out := companyJSON{
		ID: c.ID, Name: c.Name, Description: c.Description, Redirect: "", Created: formatTime(c.Created),
		Products: []string{"sync-for-commerce"}, Tags: c.Tags, MerchantIdentifier: c.MerchantIdentifier,
		LastSync: formatTimePtr(c.LastSync), DataConnections: make([]connectionJSON, 0, len(c.Connections)),
	}
	if out.Tags == nil {
		out.Tags = map[string]string{}
	}
	for _, conn := range c.Connections {
		out.DataConnections = append(out.DataConnections, newConnectionJSON(conn))
	}
	return out
}

// formatTime writes an instant in UTC with Z, as the contract asks.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func formatTimePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return formatTime(*t)
}

func (a *API) listCompanies(w http.ResponseWriter, r *http.Request) {
	o, err := listOptions(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	companies, total, err := a.store.FindCompanies(r.Context(), clientFrom(r.Context()).ID, o)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	out := make([]companyJSON, len(companies))
	for i, c := range companies {
		out[i] = newCompanyJSON(c)
	}
	writeJSON(w, http.StatusOK, newPage(r, o, out, total))
}

// companyCreateJSON is the body of POST /companies.
type companyCreateJSON struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Tags        map[string]string `json:"tags"`
}

func (a *API) createCompany(w http.ResponseWriter, r *http.Request) {
	a.createCompanyWith(w, r)
}

// createSyncCompany is the older documentation's POST /meta/companies/sync:
// {name} creates a company with a Linked partner commerce connection.
func (a *API) createSyncCompany(w http.ResponseWriter, r *http.Request) {
	a.createCompanyWith(w, r, ledgersync.KeyPartnerCommerce)
}

// createCompanyWith creates a company from the body, with connections to
// the given integrations.
func (a *API) createCompanyWith(w http.ResponseWriter, r *http.Request, integrationKeys ...string) {
	var in companyCreateJSON
	if _, err := decode(r, &in); err != nil {
		a.writeError(w, r, err)
		return
	}
	c, err := a.store.CreateCompany(r.Context(), clientFrom(r.Context()), ledgersync.CompanyCreate{
		Name: in.Name, Description: in.Description, Tags: in.Tags,
	}, integrationKeys...)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newCompanyJSON(c))
}

func (a *API) getCompany(w http.ResponseWriter, r *http.Request) {
	c, err := a.store.FindCompanyByID(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId"))
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newCompanyJSON(c))
}

func (a *API) deleteCompany(w http.ResponseWriter, r *http.Request) {
	if err := a.store.DeleteCompany(r.Context(), clientFrom(r.Context()).ID, r.PathValue("companyId")); err != nil {
		a.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
