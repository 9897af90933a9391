package api

import (
	"net/http"

	"github.com/ledgersync/ledgersync"
)

// routes lists every route of the partner API. Paths follow the contract;
// the /meta/companies ones are the older documentation's aliases.
func (a *API) routes(handle func(pattern string, h http.HandlerFunc)) {
	handle("GET /companies", a.listCompanies)
	handle("POST /companies", a.createCompany)
	handle("GET /companies/{companyId}", a.getCompany)
	handle("DELETE /companies/{companyId}", a.deleteCompany)

	handle("GET /companies/{companyId}/connections", a.listConnections)
	handle("POST /companies/{companyId}/connections", a.createConnection)
	handle("GET /companies/{companyId}/connections/{connectionId}", a.getConnection)
	handle("PATCH /companies/{companyId}/connections/{connectionId}", a.updateConnection)
	handle("PUT /companies/{companyId}/connections/{connectionId}/authorization", a.authorizeConnection)

	handle("GET /meta/companies", a.listCompanies)
	handle("POST /meta/companies/sync", a.createSyncCompany)
	handle("GET /meta/companies/{companyId}/connections", a.listConnections)
	handle("POST /meta/companies/{companyId}/connections", a.createConnection)
	handle("PATCH /meta/companies/{companyId}/connections/{connectionId}", a.updateConnection)

	handle("GET /config/companies/{companyId}/sync/commerce", a.getConfiguration)
	handle("POST /config/companies/{companyId}/sync/commerce", a.setConfiguration)
	handle("GET /config/sync/commerce/{commerceKey}/{accountingKey}/start", a.startFlow)

	handle("POST /companies/{companyId}/sync/commerce/latest", a.startLatest)
	handle("POST /meta/companies/{companyId}/sync/commerce/historic", a.startHistoric)
	handle("GET /companies/{companyId}/sync/commerce/syncs/list/status", a.listSyncStatus)
	handle("GET /companies/{companyId}/sync/commerce/syncs/{syncId}/status", a.getSyncStatus)
	handle("GET /meta/companies/{companyId}/sync/commerce/status", a.getMetaSyncStatus)

	handle("GET /config/integrations", a.listIntegrations)
	handle("GET /config/integrations/{platformKey}/branding", a.getBranding)

	handle("GET /sync/commerce/config/ui/text", a.getUIText)
	handle("PATCH /sync/commerce/config/ui/text", a.patchUIText)
	handle("GET /clients/{clientId}/config/ui/accounts/platform/{platformKey}", a.getClientVisibleAccounts)
	handle("GET /sync/commerce/config/ui/accounts/platform/{platformKey}", a.getVisibleAccounts)
	handle("POST /sync/commerce/config/ui/accounts/platform/{platformKey}", a.setVisibleAccounts)
	handle("PATCH /sync/commerce/config/ui/accounts/platform/{commerceKey}", a.setVisibleAccounts)

	handle("POST /data/companies/{companyId}/sync/commerce-orders", a.push(ledgersync.DataOrders))
	handle("POST /data/companies/{companyId}/sync/commerce-payments", a.push(ledgersync.DataPayments))
	handle("POST /data/companies/{companyId}/sync/commerce-transactions", a.push(ledgersync.DataTransactions))
	handle("PUT /companies/{companyId}/data/commerce-productCategories", a.push(ledgersync.DataProductCategories))
	handle("PUT /companies/{companyId}/data/commerce-locations", a.push(ledgersync.DataLocations))
	handle("PUT /companies/{companyId}/data/commerce-taxComponents", a.push(ledgersync.DataTaxComponents))
	handle("GET /meta/companies/{companyId}/pull/history/{datasetId}", a.getDataset)

	handle("GET /profile", a.getProfile)
	handle("PUT /profile", a.updateProfile)

	handle("GET /rules", a.listRules)
	handle("POST /rules", a.createRule)
	handle("GET /rules/{ruleId}", a.getRule)
	handle("DELETE /rules/{ruleId}", a.deleteRule)
	handle("GET /rules/{ruleId}/deliveries", a.listRuleDeliveries)
	handle("POST /rules/{ruleId}/deliveries/{deliveryId}/redeliver", a.redeliver)

	handle("/", a.notFound)
}

func (a *API) notFound(w http.ResponseWriter, r *http.Request) {
	a.writeError(w, r, errNoRoute)
}

var errNoRoute = ledgersync.Errorf(ledgersync.ENotFound, "No such endpoint.")
