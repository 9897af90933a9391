package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/ledgersync/ledgersync/internal/api"
)

// configPath is the configuration endpoint of a company.
func configPath(companyID string) string {
	return "/config/companies/" + companyID + "/sync/commerce"
}

// newConfigRequest builds a request as tenant k; body may be nil, a
// string sent verbatim, or a value encoded as JSON.
func (h *harness) newConfigRequest(method, path string, k tenant, body any, header map[string]string) *http.Request {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Authorization", basic(k.key))
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for name, v := range header {
		req.Header.Set(name, v)
	}
	return req
}

// sendConfigRequest sends a request without failing the test, so that it
// may run on any goroutine; validate the answer with validateResponse.
func (h *harness) sendConfigRequest(req *http.Request) (*response, error) {
	res, err := h.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return &response{t: h.t, status: res.StatusCode, header: res.Header, body: b}, nil
}

// doWithHeader is harness.do with extra request headers.
func (h *harness) doWithHeader(method, path string, k tenant, body any, header map[string]string) *response {
	h.t.Helper()
	req := h.newConfigRequest(method, path, k, body, header)
	r, err := h.sendConfigRequest(req)
	if err != nil {
		h.t.Fatal(err)
	}
	validateResponse(h.t, req, r)
	return r
}

// getConfig GETs a company's configuration as a generic object, with its
// ETag.
func (h *harness) getConfig(k tenant, companyID string) (map[string]any, string) {
	h.t.Helper()
	r := h.do("GET", configPath(companyID), k, nil).want(http.StatusOK)
	return r.object(), r.header.Get("ETag")
}

// sandboxOrg names an organisation of the built-in sandbox.
type sandboxOrg struct {
	tenantID, username, password string
}

// newSandboxOrg creates a sandbox organisation called name; tweak, if
// not empty, is SQL run with the organisation id as $1 to change its
// chart of accounts before anything has read it.
func (h *harness) newSandboxOrg(name string, tweak string) sandboxOrg {
	h.t.Helper()
	org, err := h.app.Sandbox.CreateOrg(context.Background(), name)
	if err != nil {
		h.t.Fatal(err)
	}
	if tweak != "" {
		if _, err := h.store.DB().ExecContext(context.Background(), tweak, org.TenantID); err != nil {
			h.t.Fatal(err)
		}
	}
	return sandboxOrg{tenantID: org.TenantID, username: org.Username, password: org.Password}
}

// linkedCompany creates a company of k whose mqjo connection is linked to
// org, with a Linked lqai connection too when commerce is true.
func (h *harness) linkedCompany(k tenant, org sandboxOrg, commerce bool) string {
	h.t.Helper()
	co := h.createCompany(k, "Shop")
	if commerce {
		h.createConnection(k, co.ID, "lqai")
	}
	conn := h.createConnection(k, co.ID, "mqjo")
	h.do("PUT", "/companies/"+co.ID+"/connections/"+conn.ID+"/authorization", k,
		map[string]string{"username": org.username, "password": org.password}).want(http.StatusOK)
	return co.ID
}

// readTestdata reads a file of the repository's testdata/config.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "config", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parseJSONObject decodes JSON into a generic object.
func parseJSONObject(t testing.TB, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// jsonAt returns the value at a dotted path of a generic object.
func jsonAt(v any, path string) any {
	for _, name := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[name]
	}
	return v
}

// completeConfiguration is testdata/config/complete.json (a complete
// configuration against the sandbox's seed data, as GET sends it) for
// companyID. Pushed commerce data does not reach options yet, so its
// product category slot and tax component mapping are left out.
func completeConfiguration(t testing.TB, companyID string) map[string]any {
	t.Helper()
	cfg := parseJSONObject(t, readTestdata(t, "complete.json"))
	cfg["companyId"] = companyID
	delete(jsonAt(cfg, "configuration.sales.accounts").(map[string]any), "productCategory-cat-1")
	jsonAt(cfg, "configuration.sales.newTaxRates").(map[string]any)["taxRateMappings"] = []any{}
	return cfg
}

// readOnlyConfigFields are the fields POST ignores and the server derives.
var readOnlyConfigFields = []string{"accountingSoftwareCompanyName", "configured", "countryCode", "labelText", "descriptionText", "required"}

// selections returns a copy of a configuration without its read-only
// fields: every option list, label, description and flag.
func selections(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if slices.Contains(readOnlyConfigFields, k) || strings.HasSuffix(k, "Options") && k != "selectedGroupByOptions" {
				continue
			}
			out[k] = selections(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = selections(x)
		}
		return out
	}
	return v
}

// optionIDs lists the ids of an option list.
func optionIDs(v any) []string {
	ids := []string{}
	list, _ := v.([]any)
	for _, o := range list {
		ids = append(ids, fmt.Sprint(o.(map[string]any)["id"]))
	}
	return ids
}

func sameJSONValue(a, b any) bool { return reflect.DeepEqual(a, b) }

func indentJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}

// staticOptionLists are the option lists that do not come from the
// accounting platform.
var staticOptionLists = []string{"frequencyOptions", "groupingPeriodOptions", "groupByOptions"}

// checkFresh walks a configuration read before linking: every platform
// option list is [], every selection null and no section is on.
func checkFresh(t *testing.T, path string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			at := path + "." + k
			switch {
			case k == "selectedGroupByOptions" || k == "taxRateMappings":
				if l, ok := x.([]any); !ok || len(l) != 0 {
					t.Errorf("%s = %v, want []", at, x)
				}
			case strings.HasPrefix(k, "selected"):
				if x != nil {
					t.Errorf("%s = %v, want null", at, x)
				}
			case strings.HasSuffix(k, "Options") && !slices.Contains(staticOptionLists, k):
				if l, ok := x.([]any); !ok || len(l) != 0 {
					t.Errorf("%s = %v, want []", at, x)
				}
			case strings.HasPrefix(k, "sync") && k != "syncHour":
				if x != false {
					t.Errorf("%s = %v, want false", at, x)
				}
			default:
				checkFresh(t, at, x)
			}
		}
	case []any:
		for i, x := range v {
			checkFresh(t, fmt.Sprintf("%s[%d]", path, i), x)
		}
	}
}

func TestConfigurationOfAFreshCompany(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		co := h.createCompany(h.a, "Shop")
		got, tag := h.getConfig(h.a, co.ID)
		if tag == "" || !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) {
			t.Errorf("ETag = %q, want a quoted tag", tag)
		}
		if got["companyId"] != co.ID || got["enable"] != false || got["enabled"] != false || got["configured"] != false {
			t.Errorf("companyId, enable, enabled, configured = %v %v %v %v", got["companyId"], got["enable"], got["enabled"], got["configured"])
		}
		for _, k := range []string{"accountingSoftwareCompanyName"} {
			if _, ok := got[k]; ok {
				t.Errorf("%s is sent before linking", k)
			}
		}
		if _, ok := jsonAt(got, "configuration").(map[string]any)["countryCode"]; ok {
			t.Error("countryCode is sent before linking")
		}
		checkFresh(t, "", got)
		if f := jsonAt(got, "schedule.frequencyOptions"); !sameJSONValue(f, []any{"Daily", "Monthly"}) {
			t.Errorf("frequencyOptions = %v", f)
		}
		want := parseJSONObject(t, readTestdata(t, "new.json"))
		want["companyId"] = co.ID
		if !sameJSONValue(selections(got), selections(want)) {
			t.Errorf("fresh configuration differs from testdata/config/new.json:\n%s", indentJSON(selections(got)))
		}
	})
}

func TestConfigurationOptionsFromTheSandbox(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.linkedCompany(h.a, h.newSandboxOrg("Corner Shop Ltd", ""), true)
		got, _ := h.getConfig(h.a, id)
		if got["accountingSoftwareCompanyName"] != "Corner Shop Ltd" || jsonAt(got, "configuration.countryCode") != "GB" {
			t.Errorf("name, country = %v, %v", got["accountingSoftwareCompanyName"], jsonAt(got, "configuration.countryCode"))
		}
		banks := []string{"acc-1000", "acc-1010"}
		takesPayments := []string{"acc-1000", "acc-1010", "acc-1100", "acc-1200"}
		income := []string{"acc-4000", "acc-4010", "acc-4100"}
		for path, want := range map[string][]string{
			"configuration.sales.accounts.sales":                 income,
			"configuration.sales.accounts.refund":                income,
			"configuration.sales.accounts.gratuity":              {"acc-2100", "acc-2110", "acc-2200", "acc-4000", "acc-4010", "acc-4100"},
			"configuration.sales.accounts.prepaid":               {"acc-2100", "acc-2110", "acc-2200"},
			"configuration.payments.accounts.card":               takesPayments,
			"configuration.payments.accounts.manual":             takesPayments,
			"configuration.payments.accounts.payout":             banks,
			"configuration.newPayments.accounts.card":            takesPayments,
			"configuration.fees.accounts.paymentFee":             {"acc-1000", "acc-1010", "acc-6100"},
			"configuration.fees.accounts.paymentFeeRefund":       {"acc-1000", "acc-1010", "acc-4000", "acc-4010", "acc-4100", "acc-6100"},
			"configuration.fees.accounts.loan":                   {"acc-2100", "acc-2110", "acc-2200", "acc-4000", "acc-4010", "acc-4100", "acc-6100"},
			"configuration.sales.salesCustomer.customer":         {"cus-1"},
			"configuration.fees.feesSupplier.supplier":           {"sup-1"},
			"configuration.sales.newTaxRates.defaultZeroTaxRate": {"tr-0"},
		} {
			list := jsonAt(got, path+".accountOptions")
			if _, ok := jsonAt(got, path).(map[string]any); !ok {
				list = jsonAt(got, path+"Options")
			}
			if ids := optionIDs(list); !slices.Equal(ids, want) {
				t.Errorf("%s options = %v, want %v", path, ids, want)
			}
		}
		if ids := optionIDs(jsonAt(got, "configuration.sales.accounts.sales.accountOptions")); slices.Contains(ids, "acc-4999") {
			t.Error("the archived account acc-4999 is offered")
		}
		card := jsonAt(got, "configuration.payments.accounts.card.accountOptions").([]any)
		if c := card[0].(map[string]any); c["classification"] != "Bank" || c["nominalCode"] != "1000" || c["name"] != "Cash" {
			t.Errorf("card option 0 = %v", c)
		}
		if c := card[3].(map[string]any); c["classification"] != "Nominal" || c["name"] != "Card clearing" {
			t.Errorf("card option 3 = %v", c)
		}
		if s := jsonAt(got, "configuration.sales.invoiceStatus.invoiceStatusOptions"); !sameJSONValue(s, []any{"Draft", "Submitted"}) {
			t.Errorf("invoiceStatusOptions = %v", s)
		}
		if ids := optionIDs(jsonAt(got, "configuration.sales.taxRates.0.taxRateOptions")); len(ids) != 3 {
			t.Errorf("tax rate options = %v", ids)
		}
		// The account options agree with the fixture built from the seed.
		fixture := parseJSONObject(t, readTestdata(t, "complete.json"))
		for _, section := range []string{"sales", "payments", "fees"} {
			slots := jsonAt(fixture, "configuration."+section+".accounts").(map[string]any)
			for key := range slots {
				if strings.HasPrefix(key, "productCategory-") {
					continue
				}
				path := "configuration." + section + ".accounts." + key + ".accountOptions"
				if !sameJSONValue(jsonAt(got, path), jsonAt(fixture, path)) {
					t.Errorf("%s = %s, want %s", path, indentJSON(jsonAt(got, path)), indentJSON(jsonAt(fixture, path)))
				}
			}
		}
	})
}

func TestConfigurationSaveAndReadBack(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), true)
		_, tag0 := h.getConfig(h.a, id)
		complete := completeConfiguration(t, id)
		r := h.do("POST", configPath(id), h.a, complete).want(http.StatusOK)
		saved := r.object()
		tag1 := r.header.Get("ETag")
		if tag1 == "" || tag1 == tag0 {
			t.Errorf("ETag after save = %q, before %q", tag1, tag0)
		}
		if saved["enable"] != true || saved["enabled"] != true || saved["configured"] != true {
			t.Errorf("enable, enabled, configured = %v %v %v", saved["enable"], saved["enabled"], saved["configured"])
		}
		if !sameJSONValue(selections(saved), selections(complete)) {
			t.Errorf("saved selections differ from the request:\n%s", indentJSON(selections(saved)))
		}
		got, tag := h.getConfig(h.a, id)
		if tag != tag1 || !sameJSONValue(got, saved) {
			t.Errorf("GET after POST differs (ETag %q, want %q):\n%s", tag, tag1, indentJSON(got))
		}

		// No body changes nothing, not even the version.
		for _, body := range []any{nil, "", "  \n"} {
			r = h.do("POST", configPath(id), h.a, body).want(http.StatusOK)
			if r.header.Get("ETag") != tag1 || !sameJSONValue(r.object(), saved) {
				t.Errorf("POST with body %q changed the configuration: ETag %q", body, r.header.Get("ETag"))
			}
		}
		if got, tag := h.getConfig(h.a, id); tag != tag1 || !sameJSONValue(got, saved) {
			t.Errorf("after empty POSTs: ETag %q, want %q", tag, tag1)
		}

		// A partial body merges, matching names and values without case;
		// null clears a selection.
		r = h.do("POST", configPath(id), h.a, `{"Schedule":{"SYNCHOUR":5},"configuration":{"fees":{"accounts":{"paymentFeeRefund":{"selectedAccountId":null}}},
			"sales":{"invoiceStatus":{"selectedInvoiceStatus":"submitted"}}}}`).want(http.StatusOK)
		merged := r.object()
		if jsonAt(merged, "schedule.syncHour") != 5.0 || jsonAt(merged, "configuration.fees.accounts.paymentFeeRefund.selectedAccountId") != nil ||
			jsonAt(merged, "configuration.sales.invoiceStatus.selectedInvoiceStatus") != "Submitted" ||
			jsonAt(merged, "schedule.timeZone") != "Europe/London" || jsonAt(merged, "configuration.fees.accounts.paymentFee.selectedAccountId") != "acc-6100" {
			t.Errorf("after a partial POST:\n%s", indentJSON(selections(merged)))
		}
		if r.header.Get("ETag") == tag1 {
			t.Error("a change kept the ETag")
		}
	})
}

// TestConfigurationSavedIncompleteWhileDisabled: with enable false an
// incomplete configuration is saved and marked not configured.
func TestConfigurationSavedIncompleteWhileDisabled(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), true)
		cfg := completeConfiguration(t, id)
		cfg["enable"], cfg["enabled"] = false, false
		jsonAt(cfg, "configuration.sales.salesCustomer").(map[string]any)["selectedCustomerId"] = nil
		saved := h.do("POST", configPath(id), h.a, cfg).want(http.StatusOK).object()
		if saved["enable"] != false || saved["configured"] != false || jsonAt(saved, "configuration.sales.accounts.sales.selectedAccountId") != "acc-4000" {
			t.Fatalf("enable, configured = %v, %v", saved["enable"], saved["configured"])
		}
		e := h.do("POST", configPath(id), h.a, `{"enable":true}`).want(http.StatusBadRequest).object()
		assertValidationItem(t, e, "configuration.sales.salesCustomer.selectedCustomerId", "No sales customer has been configured.", "Sales")
		saved = h.do("POST", configPath(id), h.a, `{"enabled":true,"configuration":{"sales":{"salesCustomer":{"selectedCustomerId":"cus-1"}}}}`).
			want(http.StatusOK).object()
		if saved["enable"] != true || saved["configured"] != true {
			t.Fatalf("enable, configured = %v, %v", saved["enable"], saved["configured"])
		}
	})
}

// assertValidationItem checks the contract's 400 body for a refused
// configuration and that it lists the item.
func assertValidationItem(t *testing.T, e map[string]any, itemID, message, validator string) {
	t.Helper()
	if e["statusCode"] != 400.0 || e["service"] != "PublicApi" || e["canBeRetried"] != "False" || e["detailedErrorCode"] != 0.0 {
		t.Errorf("error body: %s", indentJSON(e))
	}
	items, _ := jsonAt(e, "validation.errors").([]any)
	if w, ok := jsonAt(e, "validation.warnings").([]any); !ok || len(w) != 0 {
		t.Errorf("warnings = %v", jsonAt(e, "validation.warnings"))
	}
	want := map[string]any{"itemId": itemID, "message": message, "validatorName": validator}
	for _, it := range items {
		if sameJSONValue(it, want) {
			return
		}
	}
	t.Errorf("validation.errors lacks %v:\n%s", want, indentJSON(items))
}

// configCase is a POST that validation refuses.
type configCase struct {
	name string
	// setup, if set, creates the company to post to; otherwise the case
	// posts to a company saved with the complete configuration, enabled.
	setup func(h *harness) string
	// body is merged onto the stored configuration.
	body      string
	itemID    string
	message   string
	validator string
	// error is the body's "error"; empty means "Configuration is invalid.".
	error string
}

const (
	salesPath    = "configuration.sales."
	paymentsPath = "configuration.payments."
	feesPath     = "configuration.fees."
	groupingPath = "configuration.sales.grouping."
	taxMapPath   = "configuration.sales.newTaxRates."
)

// accountBody is a body selecting an account for a slot.
func accountBody(section, key, id string) string {
	if id != "null" {
		id = `"` + id + `"`
	}
	return fmt.Sprintf(`{"configuration":{%q:{"accounts":{%q:{"selectedAccountId":%s}}}}}`, section, key, id)
}

// salesSectionBody is a body changing the sales section.
func salesSectionBody(inner string) string { return `{"configuration":{"sales":` + inner + `}}` }

// configMembershipCases break a selection or a value: refused whatever enable
// is (SPEC §6.4).
var configMembershipCases = []configCase{
	{name: "archived account", body: accountBody("sales", "sales", "acc-4999"), itemID: salesPath + "accounts.sales.selectedAccountId", message: "Selected Account is not a valid option.", validator: "Sales"},
	{name: "refund on expense", body: accountBody("sales", "refund", "acc-6100"), itemID: salesPath + "accounts.refund.selectedAccountId", message: "Selected Account is not a valid option.", validator: "Sales"},
	{name: "unknown account", body: accountBody("sales", "gratuity", "acc-0000"), itemID: salesPath + "accounts.gratuity.selectedAccountId", message: "Selected Account is not a valid option.", validator: "Sales"},
	{name: "payout on asset", body: accountBody("payments", "payout", "acc-1200"), itemID: paymentsPath + "accounts.payout.selectedAccountId", message: "Selected Account is not a valid option.", validator: "Payments"},
	{name: "card on liability not taking payments", body: accountBody("payments", "card", "acc-2110"), itemID: paymentsPath + "accounts.card.selectedAccountId", message: "Selected Account is not a valid option.", validator: "Payments"},
	{name: "newPayments read without payments", body: `{"configuration":{"newPayments":{"accounts":{"cash":{"selectedAccountId":"acc-4000"}}}}}`, itemID: paymentsPath + "accounts.cash.selectedAccountId", message: "Selected Account is not a valid option.", validator: "Payments"},
	{name: "fee on income", body: accountBody("fees", "paymentFee", "acc-4000"), itemID: feesPath + "accounts.paymentFee.selectedAccountId", message: "Selected Account is not a valid option.", validator: "Fees"},
	{name: "unknown sales account type", body: accountBody("sales", "bogus", "acc-4000"), itemID: salesPath + "accounts.bogus", message: "Unknown account type 'bogus'.", validator: "Sales"},
	{name: "unknown payments account type", body: accountBody("payments", "loan", "acc-1000"), itemID: paymentsPath + "accounts.loan", message: "Unknown account type 'loan'.", validator: "Payments"},
	{name: "unknown fees account type", body: accountBody("fees", "card", "acc-1000"), itemID: feesPath + "accounts.card", message: "Unknown account type 'card'.", validator: "Fees"},
	{name: "category without categories", body: accountBody("sales", "productCategory-cat-1", "acc-4100"), itemID: salesPath + "accounts.productCategory-cat-1", message: "Unknown account type 'productCategory-cat-1'.", validator: "Sales"},
	{name: "archived customer", body: salesSectionBody(`{"salesCustomer":{"selectedCustomerId":"cus-2"}}`), itemID: salesPath + "salesCustomer.selectedCustomerId", message: "Selected customer not present in customer options.", validator: "Sales"},
	{name: "supplier as customer", body: salesSectionBody(`{"salesCustomer":{"selectedCustomerId":"sup-1"}}`), itemID: salesPath + "salesCustomer.selectedCustomerId", message: "Selected customer not present in customer options.", validator: "Sales"},
	{name: "customer as supplier", body: `{"configuration":{"fees":{"feesSupplier":{"selectedSupplierId":"cus-1"}}}}`, itemID: feesPath + "feesSupplier.selectedSupplierId", message: "Selected supplier not present in supplier options.", validator: "Fees"},
	{name: "unknown tax rate", body: salesSectionBody(`{"taxRates":{"20":{"selectedTaxRateId":"tr-99"}}}`), itemID: salesPath + "taxRates.20.selectedTaxRateId", message: "Selected tax rate id for 20% tax-rate has no options.", validator: "Sales"},
	{name: "unknown tax rate on a new key", body: salesSectionBody(`{"taxRates":{"17.50":{"selectedTaxRateId":"tr-175"}}}`), itemID: salesPath + "taxRates.17.5.selectedTaxRateId", message: "Selected tax rate id for 17.5% tax-rate has no options.", validator: "Sales"},
	{name: "tax rate key not a percentage", body: salesSectionBody(`{"taxRates":{"standard":{"selectedTaxRateId":"tr-20"}}}`), itemID: salesPath + "taxRates.standard", message: "Tax rate key 'standard' is not a percentage from 0 to 100.", validator: "Sales"},
	{name: "tax rate key over 100", body: salesSectionBody(`{"taxRates":{"120":{"selectedTaxRateId":"tr-20"}}}`), itemID: salesPath + "taxRates.120", message: "Tax rate key '120' is not a percentage from 0 to 100.", validator: "Sales"},
	{name: "weekly grouping", body: salesSectionBody(`{"grouping":{"groupingPeriod":{"selectedGroupingPeriod":"Weekly"}}}`), itemID: groupingPath + "groupingPeriod.selectedGroupingPeriod", message: "Grouping period selected not from options.", validator: "Sales"},
	{name: "invoice grouping by region", body: salesSectionBody(`{"grouping":{"groupingLevels":{"invoiceLevel":{"selectedGroupByOptions":["Region"]}}}}`), itemID: groupingPath + "groupingLevels.invoiceLevel.selectedGroupByOptions", message: "Invalid invoice level grouping selected.", validator: "Sales"},
	{name: "line grouping by country", body: salesSectionBody(`{"grouping":{"groupingLevels":{"invoiceLineLevel":{"selectedGroupByOptions":["Country"]}}}}`), itemID: groupingPath + "groupingLevels.invoiceLineLevel.selectedGroupByOptions", message: "Invalid invoice line level grouping selected.", validator: "Sales"},
	{name: "invoice status paid", body: salesSectionBody(`{"invoiceStatus":{"selectedInvoiceStatus":"Paid"}}`), itemID: salesPath + "invoiceStatus.selectedInvoiceStatus", message: "Invalid invoice status selected (must be submitted or draft).", validator: "Sales"},
	{name: "weekly frequency", body: `{"schedule":{"selectedFrequency":"Weekly"}}`, itemID: "schedule.selectedFrequency", message: "Selected frequency not in frequency options.", validator: "Schedule"},
	{name: "unknown time zone", body: `{"schedule":{"timeZone":"Mars/Olympus"}}`, itemID: "schedule.timeZone", message: "Unknown time zone 'Mars/Olympus'.", validator: "Schedule"},
	{name: "local time zone", body: `{"schedule":{"timeZone":"Local"}}`, itemID: "schedule.timeZone", message: "Unknown time zone 'Local'.", validator: "Schedule"},
	{name: "sync hour 24", body: `{"schedule":{"syncHour":24}}`, itemID: "schedule.syncHour", message: "Sync hour must be between 0 and 23.", validator: "Schedule"},
	{name: "sync hour -1", body: `{"schedule":{"syncHour":-1}}`, itemID: "schedule.syncHour", message: "Sync hour must be between 0 and 23.", validator: "Schedule"},
	{name: "sync hour in UTC 24", body: `{"schedule":{"syncHourUtc":24}}`, itemID: "schedule.syncHour", message: "Sync hour must be between 0 and 23.", validator: "Schedule"},
	{name: "month 13", body: `{"schedule":{"startDate":"2024-13-01"}}`, itemID: "schedule.startDate", message: "Start date is not a valid date.", validator: "Schedule"},
	{name: "words for a date", body: `{"schedule":{"startDate":"yesterday"}}`, itemID: "schedule.startDate", message: "Start date is not a valid date.", validator: "Schedule"},
	{name: "output format changed", body: `{"configuration":{"mapSettings":{"outputFormat":"JournalEntry"}}}`, itemID: "configuration.mapSettings.outputFormat", message: "Output format cannot be changed after the first configuration.", validator: "Configuration"},
	{name: "unknown output format", body: `{"configuration":{"mapSettings":{"outputFormat":"Csv"}}}`, itemID: "configuration.mapSettings.outputFormat", message: "Unknown output format 'Csv'.", validator: "Configuration"},
	{name: "unknown commerce component", body: salesSectionBody(`{"newTaxRates":{"taxRateMappings":[{"selectedCommerceTaxRateIds":["gst"],"selectedAccountingTaxRateId":"tr-20"}]}}`), itemID: taxMapPath + "taxRateMappings[0].selectedCommerceTaxRateIds[0]", message: "Selected tax rate not present in tax rate options.", validator: "Sales"},
	{name: "unknown mapped rate", body: salesSectionBody(`{"newTaxRates":{"taxRateMappings":[{"selectedCommerceTaxRateIds":[],"selectedAccountingTaxRateId":"tr-99"}]}}`), itemID: taxMapPath + "taxRateMappings[0].selectedAccountingTaxRateId", message: "Selected tax rate not present in tax rate options.", validator: "Sales"},
	{name: "default zero rate not zero", body: salesSectionBody(`{"newTaxRates":{"selectedDefaultZeroTaxRateId":"tr-20"}}`), itemID: taxMapPath + "selectedDefaultZeroTaxRateId", message: "Selected tax rate not present in tax rate options.", validator: "Sales"},
}

// configCompletenessCases leave out something a sync needs: refused when the
// resulting enable is true (SPEC §6.4).
var configCompletenessCases = []configCase{
	{name: "not ready", setup: sandboxOnlyCompany, body: `{}`, itemID: "companyId", message: "Company needs to have two valid data connections.", validator: "Configuration"},
	{name: "commerce unlinked", setup: commerceUnlinkedCompany, body: `{}`, itemID: "companyId", message: "Company needs to have two valid data connections.", validator: "Configuration"},
	{name: "no income account", setup: noIncomeCompany, body: `{}`, itemID: salesPath + "accounts.sales.accountOptions", message: "No Sales Account Present", validator: "Sales"},
	{name: "no customer", body: salesSectionBody(`{"salesCustomer":{"selectedCustomerId":null}}`), itemID: salesPath + "salesCustomer.selectedCustomerId", message: "No sales customer has been configured.", validator: "Sales"},
	{name: "no invoice status", body: salesSectionBody(`{"invoiceStatus":{"selectedInvoiceStatus":null}}`), itemID: salesPath + "invoiceStatus.selectedInvoiceStatus", message: "No selected invoice status.", validator: "Sales"},
	{name: "no grouping period", body: salesSectionBody(`{"grouping":{"groupingPeriod":{"selectedGroupingPeriod":null}}}`), itemID: groupingPath + "groupingPeriod.selectedGroupingPeriod", message: "No grouping period selected.", validator: "Sales"},
	{name: "no frequency", body: `{"schedule":{"selectedFrequency":null}}`, itemID: "schedule.selectedFrequency", message: "No schedule selected frequency.", validator: "Schedule"},
	{name: "no start date", body: `{"schedule":{"startDate":null}}`, itemID: "schedule.startDate", message: "No start date selected.", validator: "Schedule"},
	{name: "no sales account", body: accountBody("sales", "sales", "null"), itemID: salesPath + "accounts.sales.selectedAccountId", message: "Config contains required accounts without selections.", validator: "Sales"},
	{name: "no refund account", body: accountBody("sales", "refund", "null"), itemID: salesPath + "accounts.refund.selectedAccountId", message: "Config contains required accounts without selections.", validator: "Sales"},
	{name: "no card account", body: accountBody("payments", "card", "null"), itemID: paymentsPath + "accounts.card.selectedAccountId", message: "Config contains required accounts without selections.", validator: "Payments"},
	{name: "no fee account", body: accountBody("fees", "paymentFee", "null"), itemID: feesPath + "accounts.paymentFee.selectedAccountId", message: "Config contains required accounts without selections.", validator: "Fees"},
	{name: "no zero rate", body: salesSectionBody(`{"taxRates":{"0":{"selectedTaxRateId":null}},"newTaxRates":{"selectedDefaultZeroTaxRateId":null}}`), itemID: salesPath + "taxRates.0.selectedTaxRateId", message: "Tax rate is missing selected tax rate id.", validator: "Sales"},
	{name: "no fees supplier", body: `{"configuration":{"fees":{"feesSupplier":{"selectedSupplierId":null}}}}`, itemID: feesPath + "feesSupplier.selectedSupplierId", message: "No fees supplier has been configured.", validator: "Fees"},
	{name: "fees without payments", body: `{"configuration":{"payments":{"syncPayments":false}}}`, itemID: paymentsPath + "syncPayments", message: "To sync fees: Payments section needs to exist; Payments account id needs to be set", validator: "Fees"},
	{name: "fees without card", body: accountBody("payments", "card", "null"), itemID: paymentsPath + "accounts.card.selectedAccountId", message: "To sync fees: Payments section needs to exist; Payments account id needs to be set", validator: "Fees"},
	{name: "payments without sales", body: salesSectionBody(`{"syncSales":false}`), itemID: salesPath + "syncSales", message: "Sales must be synced to sync payments.", validator: "Payments"},
	{name: "payments on drafts", body: salesSectionBody(`{"invoiceStatus":{"selectedInvoiceStatus":"Draft"}}`), itemID: salesPath + "invoiceStatus.selectedInvoiceStatus", message: "Payments cannot be synced while invoice status is Draft.", validator: "Payments"},
	{name: "prepaid is prepaid payment", setup: prepaidLiabilityCompany, body: accountBody("payments", "prepaidPayment", "acc-2100"), itemID: salesPath + "accounts.prepaid.selectedAccountId", message: "Accounts config invalid. Prepaid account in Sales should not match PrepaidPayment in Payments.", validator: "Sales"},
	{name: "card is payout", body: accountBody("payments", "card", "acc-1010"), itemID: paymentsPath + "accounts.payout.selectedAccountId", message: "Payments config invalid. Card account should not match Payout account.", validator: "Payments"},
}

// configMalformedCases are bodies refused before validation.
var configMalformedCases = []configCase{
	{name: "enable and enabled differ", body: `{"enable":true,"enabled":false}`, itemID: "enabled", message: "enable and enabled must be the same.", validator: "Configuration"},
	{name: "wrong type", body: salesSectionBody(`{"syncSales":"yes"}`), itemID: salesPath + "syncSales", message: "Field configuration.sales.syncSales has the wrong type.", validator: "Request", error: "Field configuration.sales.syncSales has the wrong type."},
	{name: "selection of the wrong type", body: salesSectionBody(`{"accounts":{"sales":{"selectedAccountId":4000}}}`), itemID: salesPath + "accounts.sales.selectedAccountId", message: "Field configuration.sales.accounts.sales.selectedAccountId has the wrong type.", validator: "Request", error: "Field configuration.sales.accounts.sales.selectedAccountId has the wrong type."},
}

// savedDisabled saves the complete configuration, with enable false, to
// a company.
func (h *harness) savedDisabled(id string) string {
	h.t.Helper()
	cfg := completeConfiguration(h.t, id)
	cfg["enable"], cfg["enabled"] = false, false
	h.do("POST", configPath(id), h.a, cfg).want(http.StatusOK)
	return id
}

// sandboxOnlyCompany has a linked sandbox but no commerce connection.
func sandboxOnlyCompany(h *harness) string {
	return h.savedDisabled(h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), false))
}

// commerceUnlinkedCompany had both connections; its commerce one is now
// Unlinked.
func commerceUnlinkedCompany(h *harness) string {
	id := h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), false)
	c := h.createConnection(h.a, id, "lqai")
	h.do("PATCH", "/companies/"+id+"/connections/"+c.ID, h.a, map[string]string{"status": "Unlinked"}).want(http.StatusOK)
	return h.savedDisabled(id)
}

// noIncomeCompany's organisation has no active Income account.
func noIncomeCompany(h *harness) string {
	org := h.newSandboxOrg("Shop Ltd", `UPDATE sandbox_accounts SET status = 'ARCHIVED' WHERE org_id = $1 AND type IN ('REVENUE', 'OTHERINCOME', 'SALES')`)
	return h.linkedCompany(h.a, org, true)
}

// prepaidLiabilityCompany's gift card liability accepts payments, so it
// may be both the prepaid and the prepaidPayment account.
func prepaidLiabilityCompany(h *harness) string {
	org := h.newSandboxOrg("Shop Ltd", `UPDATE sandbox_accounts SET enable_payments = true WHERE org_id = $1 AND id = 'acc-2100'`)
	return h.savedDisabled(h.linkedCompany(h.a, org, true))
}

// forTest returns the harness reporting to t, for subtests.
func (h *harness) forTest(t *testing.T) *harness {
	c := *h
	c.t = t
	return &c
}

// withEnable sets "enable" in a JSON body.
func withEnable(t *testing.T, body string, enable bool) string {
	t.Helper()
	m := parseJSONObject(t, []byte(body))
	m["enable"] = enable
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkRefused posts a case's body, expects 400 with the case's item, and
// checks that nothing changed.
func (h *harness) checkRefused(t *testing.T, id string, c configCase, body string) {
	t.Helper()
	before, tagBefore := h.getConfig(h.a, id)
	r := h.do("POST", configPath(id), h.a, body).want(http.StatusBadRequest)
	e := r.object()
	wantError := c.error
	if wantError == "" {
		wantError = "Configuration is invalid."
	}
	if e["error"] != wantError || e["correlationId"] != r.header.Get("X-Correlation-Id") {
		t.Errorf("error %q, correlationId %v (header %q)", e["error"], e["correlationId"], r.header.Get("X-Correlation-Id"))
	}
	assertValidationItem(t, e, c.itemID, c.message, c.validator)
	after, tagAfter := h.getConfig(h.a, id)
	if tagAfter != tagBefore || !sameJSONValue(after, before) {
		t.Errorf("a refused POST changed the configuration (ETag %q, before %q):\n%s", tagAfter, tagBefore, indentJSON(selections(after)))
	}
}

// TestConfigurationValidation sends every finding of SPEC §6.4 through the
// API: each is refused with 400 naming the field, and changes nothing.
func TestConfigurationValidation(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		base := h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), true)
		h.do("POST", configPath(base), h.a, completeConfiguration(t, base)).want(http.StatusOK)
		target := func(h *harness, c configCase) string {
			if c.setup != nil {
				return c.setup(h)
			}
			return base
		}
		for _, c := range configMembershipCases {
			for _, enable := range []bool{true, false} {
				t.Run(fmt.Sprintf("%s enable=%v", c.name, enable), func(t *testing.T) {
					h := h.forTest(t)
					h.checkRefused(t, target(h, c), c, withEnable(t, c.body, enable))
				})
			}
		}
		for _, c := range configCompletenessCases {
			t.Run(c.name, func(t *testing.T) {
				h := h.forTest(t)
				h.checkRefused(t, target(h, c), c, withEnable(t, c.body, true))
			})
		}
		for _, c := range configMalformedCases {
			t.Run(c.name, func(t *testing.T) {
				h := h.forTest(t)
				h.checkRefused(t, target(h, c), c, c.body)
			})
		}
		// Each completeness case is about completeness: with enable false
		// the same change is saved.
		id := h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), true)
		h.savedDisabled(id)
		for _, c := range configCompletenessCases {
			if c.setup != nil {
				continue
			}
			saved := h.do("POST", configPath(id), h.a, withEnable(t, c.body, false)).want(http.StatusOK).object()
			if saved["enable"] != false {
				t.Errorf("%s: enable = %v", c.name, saved["enable"])
			}
		}
	})
}

func TestConfigurationIfMatch(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.createCompany(h.a, "Shop").ID
		_, tag0 := h.getConfig(h.a, id)
		r := h.doWithHeader("POST", configPath(id), h.a, `{"schedule":{"syncHour":3}}`, map[string]string{"If-Match": tag0}).want(http.StatusOK)
		tag1 := r.header.Get("ETag")
		if tag1 == tag0 {
			t.Fatalf("ETag unchanged by a save: %q", tag1)
		}
		for _, stale := range []string{tag0, `"v999"`, `W/` + tag0} {
			e := h.doWithHeader("POST", configPath(id), h.a, `{"schedule":{"syncHour":4}}`, map[string]string{"If-Match": stale}).
				want(http.StatusConflict).object()
			if e["error"] != "Configuration was modified; GET it again." || e["statusCode"] != 409.0 || e["service"] != "PublicApi" {
				t.Errorf("If-Match %s: %s", stale, indentJSON(e))
			}
			if _, ok := e["validation"]; ok {
				t.Errorf("a 409 carries validation: %s", indentJSON(e))
			}
		}
		if got, tag := h.getConfig(h.a, id); tag != tag1 || jsonAt(got, "schedule.syncHour") != 3.0 {
			t.Fatalf("after stale saves: ETag %q, syncHour %v", tag, jsonAt(got, "schedule.syncHour"))
		}
		// The current tag, alone or in a list, or any tag, is accepted.
		for _, match := range []func(current string) string{
			func(c string) string { return c },
			func(string) string { return "*" },
			func(c string) string { return `"v0", ` + c },
		} {
			r = h.doWithHeader("POST", configPath(id), h.a, `{"schedule":{"syncHour":5}}`, map[string]string{"If-Match": match(tag1)}).want(http.StatusOK)
			tag1 = r.header.Get("ETag")
		}
	})
}

// TestConfigurationConcurrentSaves: two saves based on the same version;
// exactly one wins, whether the configuration was ever saved or not.
func TestConfigurationConcurrentSaves(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.createCompany(h.a, "Shop").ID
		for round := range 3 {
			_, tag := h.getConfig(h.a, id)
			var wg sync.WaitGroup
			reqs := make([]*http.Request, 2)
			res := make([]*response, 2)
			errs := make([]error, 2)
			for i := range reqs {
				reqs[i] = h.newConfigRequest("POST", configPath(id), h.a, fmt.Sprintf(`{"schedule":{"syncHour":%d}}`, hourFor(round, i)), map[string]string{"If-Match": tag})
			}
			for i := range reqs {
				wg.Go(func() { res[i], errs[i] = h.sendConfigRequest(reqs[i]) })
			}
			wg.Wait()
			var ok, conflict int
			var winner int
			for i := range reqs {
				if errs[i] != nil {
					t.Fatal(errs[i])
				}
				validateResponse(t, reqs[i], res[i])
				switch res[i].status {
				case http.StatusOK:
					ok++
					winner = hourFor(round, i)
				case http.StatusConflict:
					conflict++
					if e := res[i].object(); e["error"] != "Configuration was modified; GET it again." {
						t.Errorf("409 error = %v", e["error"])
					}
				default:
					t.Errorf("status %d: %s", res[i].status, res[i].body)
				}
			}
			if ok != 1 || conflict != 1 {
				t.Fatalf("round %d: %d × 200 and %d × 409, want one of each", round, ok, conflict)
			}
			if got, _ := h.getConfig(h.a, id); jsonAt(got, "schedule.syncHour") != float64(winner) {
				t.Errorf("round %d: syncHour %v, want the winner's %d", round, jsonAt(got, "schedule.syncHour"), winner)
			}
		}
	})
}

func TestConfigurationOfAnotherClient(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		id := h.linkedCompany(h.a, h.newSandboxOrg("Shop Ltd", ""), true)
		before, tag := h.getConfig(h.a, id)
		h.do("GET", configPath(id), h.b, nil).want(http.StatusNotFound)
		h.do("POST", configPath(id), h.b, `{"schedule":{"syncHour":7}}`).want(http.StatusNotFound)
		h.do("POST", configPath(id), h.b, nil).want(http.StatusNotFound)
		h.doWithHeader("POST", configPath(id), h.b, `{"schedule":{"syncHour":7}}`, map[string]string{"If-Match": tag}).want(http.StatusNotFound)
		h.do("GET", configPath("6f1f7c1e-0000-4000-8000-000000000000"), h.a, nil).want(http.StatusNotFound)
		if after, tagAfter := h.getConfig(h.a, id); tagAfter != tag || !sameJSONValue(after, before) {
			t.Error("another client changed the configuration")
		}
	})
}

// openAPISchema returns a component schema of /openapi.yaml.
func openAPISchema(t *testing.T, name string) *openapi3.Schema {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPIDocument())
	if err != nil {
		t.Fatal(err)
	}
	ref := doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		t.Fatalf("openapi.yaml has no schema %s", name)
	}
	return ref.Value
}

// TestConfigurationSchemaTakesWhatGETSends: what GET sends may be POSTed
// back whole, so the fixtures validate as requests and as responses.
func TestConfigurationSchemaTakesWhatGETSends(t *testing.T) {
	t.Parallel()
	schema := openAPISchema(t, "Configuration")
	for _, name := range []string{"complete.json", "new.json"} {
		var v any
		if err := json.Unmarshal(readTestdata(t, name), &v); err != nil {
			t.Fatal(err)
		}
		if err := schema.VisitJSON(v, openapi3.VisitAsRequest()); err != nil {
			t.Errorf("%s as a request: %v", name, err)
		}
		if err := schema.VisitJSON(v, openapi3.VisitAsResponse()); err != nil {
			t.Errorf("%s as a response: %v", name, err)
		}
	}
	var bad any
	if err := json.Unmarshal([]byte(`{"companyId":"x","enable":true,"enabled":true,"configured":true,
		"schedule":{"selectedFrequency":"Weekly","frequencyOptions":[],"syncHour":0},"configuration":{}}`), &bad); err != nil {
		t.Fatal(err)
	}
	if err := schema.VisitJSON(bad, openapi3.VisitAsResponse()); err == nil {
		t.Error("the schema accepts a frequency outside the enum and a configuration without sections")
	}
}

// hourFor gives each round's two writers sync hours that differ from each
// other and from every earlier round's, so both really change the
// configuration (the default is 0): a no-op write may rightly succeed
// beside a real one.
func hourFor(round, writer int) int { return 1 + 2*round + writer }
