package ledgersync_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// configCompanyID is the company of the configuration fixtures.
const configCompanyID = "0f2b6d0e-5c1a-4e7b-9a3d-2b8c4f6e1a90"

// sandboxAccounts is the chart of accounts of a new Sandbox organisation
// (SPEC §9.5).
func sandboxAccounts() []ledgersync.Account {
	acc := func(id, name string, typ ledgersync.AccountType) ledgersync.Account {
		return ledgersync.Account{ID: id, Code: id[len("acc-"):], Name: name, Type: typ, Active: true}
	}
	accounts := []ledgersync.Account{
		acc("acc-1000", "Cash", ledgersync.AccountBank),
		acc("acc-1010", "Current account", ledgersync.AccountBank),
		acc("acc-1100", "Receivable", ledgersync.AccountAsset),
		acc("acc-1200", "Card clearing", ledgersync.AccountAsset),
		acc("acc-2100", "Gift cards", ledgersync.AccountLiability),
		acc("acc-2110", "Tips", ledgersync.AccountLiability),
		acc("acc-2200", "VAT", ledgersync.AccountLiability),
		acc("acc-4000", "Sales", ledgersync.AccountIncome),
		acc("acc-4010", "Refunds", ledgersync.AccountIncome),
		acc("acc-4100", "Other income", ledgersync.AccountIncome),
		acc("acc-6100", "Payment fees", ledgersync.AccountExpense),
		acc("acc-4999", "Old sales", ledgersync.AccountIncome),
	}
	accounts[2].AcceptsPayments = true
	accounts[3].AcceptsPayments = true
	accounts[11].Active = false
	return accounts
}

// sandboxSources is the Sandbox organisation's data, with pushed 20% sales,
// one VAT component and one product category.
func sandboxSources() ledgersync.OptionSources {
	return ledgersync.OptionSources{
		IntegrationKey: ledgersync.KeySandbox,
		Organisation:   &ledgersync.Organisation{ID: "org-1", Name: "Sandbox Trading Ltd", CountryCode: "GB", BaseCurrency: "GBP"},
		Accounts:       sandboxAccounts(),
		TaxRates: []ledgersync.TaxRate{
			{ID: "tr-0", Name: "Zero rate (0%)", Rate: "0", Active: true, AppliesToRevenue: true},
			{ID: "tr-5", Name: "Reduced rate (5%)", Rate: "5.00", Active: true, AppliesToRevenue: true},
			{ID: "tr-20", Name: "Standard (20%)", Rate: "20", Active: true, AppliesToRevenue: true},
		},
		Contacts: []ledgersync.Contact{
			{ID: "cus-1", Name: "Partner Sales", IsCustomer: true, Active: true},
			{ID: "cus-2", Name: "Old customer", IsCustomer: true},
			{ID: "sup-1", Name: "Payment provider", IsSupplier: true, Active: true},
		},
		CommerceName:      "Acme Commerce",
		TaxPercentages:    []string{"20", "0.0"},
		TaxComponents:     []ledgersync.PushedTaxComponent{{ID: "vat20", Name: "VAT", Rate: "20.00"}},
		ProductCategories: []ledgersync.PushedCategory{{ID: "cat-1", Name: "Drinks"}},
	}
}

// readConfigFile reads a file of testdata/config.
func readConfigFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "config", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// completeConfig is the Sandbox company fully configured from
// testdata/config/complete-request.json: enabled, configured, valid.
func completeConfig(t *testing.T) *ledgersync.Configuration {
	t.Helper()
	cfg, err := ledgersync.ApplyConfiguration(ledgersync.NewConfiguration(configCompanyID), readConfigFile(t, "complete-request.json"), sandboxSources(), true)
	if err != nil {
		t.Fatalf("complete configuration refused: %v", describeError(err))
	}
	return cfg
}

// completeContext is the validation context of completeConfig.
func completeContext() ledgersync.ValidationContext {
	return ledgersync.ValidationContext{Ready: true, TaxPercentages: sandboxSources().TaxPercentages}
}

// describeError spells out a configuration error's items.
func describeError(err error) string {
	if e, ok := err.(*ledgersync.InvalidConfigurationError); ok {
		b, _ := json.Marshal(e.Items)
		return string(b)
	}
	return err.Error()
}

// configRef returns a pointer to v.
func configRef[T any](v T) *T { return &v }
