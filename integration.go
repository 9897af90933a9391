package ledgersync

import "strings"

// Integration is a platform a company can connect.
type Integration struct {
	Key        string
	Name       string
	SourceType SourceType
	// DataTypes lists the data types ledgersync reads or writes there, with
	// the operations on each (SDK enum values).
	DataTypes []DataTypeFeature
}

// DataTypeFeature names one data type and the operations supported on it.
type DataTypeFeature struct {
	DataType string
	Features []string
}

// Integration keys.
const (
	KeyPartnerCommerce = "lqai"
	KeySandbox         = "mqjo"
	KeyXero            = "gbol"
	KeyQuickBooks      = "qhyg"
)

var accountingWrites = []DataTypeFeature{
	{DataType: "chartOfAccounts", Features: []string{"Get", "Post"}},
	{DataType: "taxRates", Features: []string{"Get"}},
	{DataType: "customers", Features: []string{"Get"}},
	{DataType: "suppliers", Features: []string{"Get"}},
	{DataType: "invoices", Features: []string{"Post"}},
	{DataType: "creditNotes", Features: []string{"Post"}},
	{DataType: "payments", Features: []string{"Post"}},
	{DataType: "bills", Features: []string{"Post"}},
	{DataType: "billCreditNotes", Features: []string{"Post"}},
	{DataType: "billPayments", Features: []string{"Post"}},
	{DataType: "bankTransactions", Features: []string{"Post"}},
	{DataType: "transfers", Features: []string{"Post"}},
	{DataType: "journalEntries", Features: []string{"Post"}},
}

var commerceReads = []DataTypeFeature{
	{DataType: "commerce-orders", Features: []string{"Post"}},
	{DataType: "commerce-payments", Features: []string{"Post"}},
	{DataType: "commerce-transactions", Features: []string{"Post"}},
	{DataType: "commerce-productCategories", Features: []string{"Put"}},
	{DataType: "commerce-locations", Features: []string{"Put"}},
	{DataType: "commerce-taxComponents", Features: []string{"Put"}},
}

// Integrations lists every integration ledgersync offers, in key order.
var Integrations = []Integration{
	{Key: KeyXero, Name: "Xero", SourceType: SourceAccounting, DataTypes: accountingWrites},
	{Key: KeyPartnerCommerce, Name: "Partner Commerce", SourceType: SourceCommerce, DataTypes: commerceReads},
	{Key: KeySandbox, Name: "Sandbox", SourceType: SourceAccounting, DataTypes: accountingWrites},
	{Key: KeyQuickBooks, Name: "QuickBooks Online", SourceType: SourceAccounting, DataTypes: accountingWrites},
}

// FindIntegration returns the integration with the given key, matched
// case-insensitively, or nil.
func FindIntegration(key string) *Integration {
	for i := range Integrations {
		if strings.EqualFold(Integrations[i].Key, key) {
			return &Integrations[i]
		}
	}
	return nil
}
