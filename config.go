package ledgersync

import (
	"encoding/json"
	"errors"
)

// Configuration is a company's sync configuration as the API sends it
// (SPEC §6.1). Selections are nil until chosen; every option list is
// read-only and rebuilt by RefreshOptions.
type Configuration struct {
	CompanyID string `json:"companyId"`
	// AccountingSoftwareCompanyName is the linked organisation's name,
	// omitted until linked. Read-only.
	AccountingSoftwareCompanyName string `json:"accountingSoftwareCompanyName,omitempty"`
	// Enable turns scheduled syncs on. It is sent as both "enable" (SDK) and
	// "enabled" (D22).
	Enable bool `json:"enable"`
	// Configured records whether the completeness checks have passed. It is
	// reset only when the accounting platform changes. Read-only.
	Configured    bool                  `json:"configured"`
	Schedule      SyncSchedule          `json:"schedule"`
	Configuration CommerceConfiguration `json:"configuration"`
}

// SyncSchedule is when scheduled syncs run (SPEC §7).
type SyncSchedule struct {
	SelectedFrequency SyncFrequency   `json:"selectedFrequency,omitempty"`
	FrequencyOptions  []SyncFrequency `json:"frequencyOptions"`
	// StartDate is a date or a date-time, as sent; only its date counts.
	StartDate string `json:"startDate,omitempty"`
	// SyncHour is the local hour, 0 to 23, at which a business day ends.
	SyncHour int `json:"syncHour"`
	// TimeZone is an IANA zone name; empty means Etc/UTC.
	TimeZone string `json:"timeZone,omitempty"`
}

// CommerceConfiguration is the mapping of commerce data to accounting
// documents.
type CommerceConfiguration struct {
	// CountryCode is the organisation's country, omitted if unknown.
	// Read-only.
	CountryCode string `json:"countryCode,omitempty"`
	// MapSettings is set in journal mode only.
	MapSettings *MapSettings  `json:"mapSettings,omitempty"`
	Sales       SalesConfig   `json:"sales"`
	Payments    PaymentConfig `json:"payments"`
	Fees        FeeConfig     `json:"fees"`
}

// MapSettings chooses the output format.
type MapSettings struct {
	OutputFormat OutputFormat `json:"outputFormat,omitempty"`
}

// SalesConfig maps sales, refunds and their taxes.
type SalesConfig struct {
	SyncSales bool `json:"syncSales"`
	// Accounts holds the sales, refund, gratuity and prepaid slots, and one
	// productCategory-{id} slot per category.
	Accounts      map[string]*AccountSlot `json:"accounts"`
	InvoiceStatus InvoiceStatusSetting    `json:"invoiceStatus"`
	SalesCustomer SalesCustomer           `json:"salesCustomer"`
	// TaxRates is keyed by canonical percentage, such as "17.5".
	TaxRates    map[string]*TaxRateSlot `json:"taxRates"`
	NewTaxRates TaxComponentMapping     `json:"newTaxRates"`
	Grouping    Grouping                `json:"grouping"`
}

// PaymentConfig maps payments, one account slot per payment type, plus
// payouts.
type PaymentConfig struct {
	SyncPayments bool                    `json:"syncPayments"`
	Accounts     map[string]*AccountSlot `json:"accounts"`
}

// FeeConfig maps payment fees and their refunds to a supplier and
// accounts.
type FeeConfig struct {
	SyncFees     bool                    `json:"syncFees"`
	FeesSupplier FeesSupplier            `json:"feesSupplier"`
	Accounts     map[string]*AccountSlot `json:"accounts"`
}

// AccountSlot is one account type key of §6.2: its selection and the
// accounts it may select.
type AccountSlot struct {
	LabelText         string          `json:"labelText"`
	DescriptionText   string          `json:"descriptionText"`
	SelectedAccountID *string         `json:"selectedAccountId"`
	Required          bool            `json:"required"`
	AccountOptions    []AccountOption `json:"accountOptions"`
}

// AccountOption is an account a slot may select.
type AccountOption struct {
	ID             string                `json:"id"`
	Name           string                `json:"name"`
	NominalCode    string                `json:"nominalCode,omitempty"`
	Classification AccountClassification `json:"classification"`
}

// Option is a selectable customer, supplier, tax rate or tax component.
type Option struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// InvoiceStatusSetting is the status sales invoices are written with.
type InvoiceStatusSetting struct {
	SelectedInvoiceStatus *InvoiceStatus  `json:"selectedInvoiceStatus"`
	InvoiceStatusOptions  []InvoiceStatus `json:"invoiceStatusOptions"`
}

// SalesCustomer is the customer sales invoices are addressed to.
type SalesCustomer struct {
	SelectedCustomerID *string  `json:"selectedCustomerId"`
	CustomerOptions    []Option `json:"customerOptions"`
}

// FeesSupplier is the supplier fee bills are addressed to.
type FeesSupplier struct {
	SelectedSupplierID *string  `json:"selectedSupplierId"`
	SupplierOptions    []Option `json:"supplierOptions"`
}

// TaxRateSlot is the accounting tax rate used for one commerce percentage.
type TaxRateSlot struct {
	SelectedTaxRateID *string  `json:"selectedTaxRateId"`
	TaxRateOptions    []Option `json:"taxRateOptions"`
}

// TaxComponentMapping ("newTaxRates") maps pushed tax components to
// accounting rates, and names the default zero rate (SPEC §6.3).
type TaxComponentMapping struct {
	AccountingTaxRateOptions     []Option         `json:"accountingTaxRateOptions"`
	CommerceTaxRateOptions       []Option         `json:"commerceTaxRateOptions"`
	TaxRateMappings              []TaxRateMapping `json:"taxRateMappings"`
	SelectedDefaultZeroTaxRateID *string          `json:"selectedDefaultZeroTaxRateId"`
	DefaultZeroTaxRateOptions    []Option         `json:"defaultZeroTaxRateOptions"`
}

// TaxRateMapping sends a set of tax components to one accounting rate.
type TaxRateMapping struct {
	SelectedCommerceTaxRateIDs  []string `json:"selectedCommerceTaxRateIds"`
	SelectedAccountingTaxRateID *string  `json:"selectedAccountingTaxRateId"`
}

// Grouping splits documents by period and, optionally, by country or
// location.
type Grouping struct {
	GroupingPeriod GroupingPeriodSetting `json:"groupingPeriod"`
	GroupingLevels GroupingLevels        `json:"groupingLevels"`
}

// GroupingPeriodSetting is the period a document covers.
type GroupingPeriodSetting struct {
	SelectedGroupingPeriod *GroupingPeriod  `json:"selectedGroupingPeriod"`
	GroupingPeriodOptions  []GroupingPeriod `json:"groupingPeriodOptions"`
}

// GroupingLevels are the optional splits of invoices and of their lines.
type GroupingLevels struct {
	InvoiceLevel     GroupingLevel `json:"invoiceLevel"`
	InvoiceLineLevel GroupingLevel `json:"invoiceLineLevel"`
}

// GroupingLevel is one level's chosen splits; none means no split.
type GroupingLevel struct {
	SelectedGroupByOptions []GroupBy `json:"selectedGroupByOptions"`
	GroupByOptions         []GroupBy `json:"groupByOptions"`
}

// errEnableMismatch is returned when "enable" and "enabled" disagree.
var errEnableMismatch = errors.New("enable and enabled must be the same")

// MarshalJSON writes the configuration with "enabled" beside "enable".
func (c Configuration) MarshalJSON() ([]byte, error) {
	type plain Configuration
	return json.Marshal(struct {
		plain
		Enabled bool `json:"enabled"`
	}{plain(c), c.Enable})
}

// UnmarshalJSON reads a configuration, taking "enable" or "enabled"; it
// fails if both are sent and differ.
func (c *Configuration) UnmarshalJSON(b []byte) error {
	type plain Configuration
	var v struct {
		plain
		Enable  *bool `json:"enable"`
		Enabled *bool `json:"enabled"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	enable, err := pickEnable(v.Enable, v.Enabled)
	if err != nil {
		return err
	}
	*c = Configuration(v.plain)
	c.Enable = enable != nil && *enable
	return nil
}

// pickEnable returns whichever of enable and enabled was sent, nil if
// neither was, or errEnableMismatch if they differ.
func pickEnable(enable, enabled *bool) (*bool, error) {
	if enable != nil && enabled != nil && *enable != *enabled {
		return nil, errEnableMismatch
	}
	if enable != nil {
		return enable, nil
	}
	return enabled, nil
}

// MarshalJSON writes the commerce configuration with "newPayments", an
// undocumented mirror of "payments".
func (c CommerceConfiguration) MarshalJSON() ([]byte, error) {
	type plain CommerceConfiguration
	return json.Marshal(struct {
		plain
		NewPayments PaymentConfig `json:"newPayments"`
	}{plain(c), c.Payments})
}

// OutputFormat returns the configured output format: "" in invoice mode.
func (c *Configuration) OutputFormat() OutputFormat {
	if m := c.Configuration.MapSettings; m != nil {
		return m.OutputFormat
	}
	return ""
}

// JournalMode reports whether syncs write journal entries rather than
// invoices.
func (c *Configuration) JournalMode() bool {
	return c.OutputFormat() != ""
}

// Clone returns a deep copy of the configuration.
func (c *Configuration) Clone() *Configuration {
	b, err := json.Marshal(c)
	if err != nil {
		panic("ledgersync: configuration cannot be copied: " + err.Error())
	}
	var out Configuration
	if err := json.Unmarshal(b, &out); err != nil {
		panic("ledgersync: configuration cannot be copied: " + err.Error())
	}
	return &out
}
