package ledgersync_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// mergeInto merges body onto a complete configuration and returns it with
// the findings.
func mergeInto(t *testing.T, body string) (*ledgersync.Configuration, []ledgersync.ValidationItem) {
	t.Helper()
	cfg := completeConfig(t)
	items, err := ledgersync.MergeConfiguration(cfg, []byte(body))
	if err != nil {
		t.Fatalf("merge: %v", err)
	}
	return cfg, items
}

// deref returns *p, or "<nil>".
func deref[T ~string](p *T) string {
	if p == nil {
		return "<nil>"
	}
	return string(*p)
}

func TestMergeConfiguration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		body  string
		check func(c *ledgersync.Configuration) bool
	}{
		{"empty body", "  \n", func(c *ledgersync.Configuration) bool {
			return c.Enable && c.SelectedAccount("Sales", "sales") == "acc-4000"
		}},
		{"absent fields keep", `{"schedule":{"syncHour":5}}`, func(c *ledgersync.Configuration) bool {
			return c.Schedule.SyncHour == 5 && c.Schedule.TimeZone == "Europe/London" && c.Schedule.StartDate == "2024-03-01" &&
				c.SelectedAccount("Sales", "sales") == "acc-4000" && c.Enable
		}},
		{"null clears a selection", `{"configuration":{"sales":{"salesCustomer":{"selectedCustomerId":null},"accounts":{"gratuity":{"selectedAccountId":null}}}}}`,
			func(c *ledgersync.Configuration) bool {
				return c.Configuration.Sales.SalesCustomer.SelectedCustomerID == nil && c.SelectedAccount("Sales", "gratuity") == "" &&
					c.SelectedAccount("Sales", "prepaid") == "acc-2100"
			}},
		{"null toggle is ignored", `{"configuration":{"sales":{"syncSales":null}},"enable":null}`, func(c *ledgersync.Configuration) bool {
			return c.Configuration.Sales.SyncSales && c.Enable
		}},
		{"read-only fields ignored", `{"companyId":"other","accountingSoftwareCompanyName":"X","configured":false,
			"schedule":{"frequencyOptions":["Weekly"]},
			"configuration":{"countryCode":"US","sales":{"accounts":{"sales":{"labelText":"X","descriptionText":"Y","required":false,"accountOptions":[{"id":"acc-x"}]}},
			"salesCustomer":{"customerOptions":[]},"taxRates":{"20":{"taxRateOptions":[]}},"invoiceStatus":{"invoiceStatusOptions":["Paid"]}}}}`,
			func(c *ledgersync.Configuration) bool {
				s := c.Configuration.Sales
				return c.CompanyID == configCompanyID && c.AccountingSoftwareCompanyName == "Sandbox Trading Ltd" && c.Configured &&
					len(c.Schedule.FrequencyOptions) == 2 && c.Configuration.CountryCode == "GB" &&
					s.Accounts["sales"].LabelText == "Other sales" && s.Accounts["sales"].Required && len(s.Accounts["sales"].AccountOptions) == 3 &&
					len(s.SalesCustomer.CustomerOptions) == 1 && len(s.TaxRates["20"].TaxRateOptions) == 3 && len(s.InvoiceStatus.InvoiceStatusOptions) == 2
			}},
		{"enabled alone", `{"enabled":false}`, func(c *ledgersync.Configuration) bool { return !c.Enable }},
		{"newPayments when payments absent", `{"configuration":{"newPayments":{"syncPayments":false,"accounts":{"swish":{"selectedAccountId":"acc-1010"}}}}}`,
			func(c *ledgersync.Configuration) bool {
				return !c.Configuration.Payments.SyncPayments && c.SelectedAccount("Payments", "swish") == "acc-1010"
			}},
		{"newPayments ignored beside payments", `{"configuration":{"payments":{"accounts":{"cash":{"selectedAccountId":"acc-1010"}}},"newPayments":{"syncPayments":false,"accounts":{"swish":{"selectedAccountId":"acc-1010"}}}}}`,
			func(c *ledgersync.Configuration) bool {
				return c.Configuration.Payments.SyncPayments && c.SelectedAccount("Payments", "swish") == "" && c.SelectedAccount("Payments", "cash") == "acc-1010"
			}},
		{"syncHourUtc alone", `{"schedule":{"syncHourUtc":3}}`, func(c *ledgersync.Configuration) bool {
			return c.Schedule.SyncHour == 3 && c.Schedule.TimeZone == "Etc/UTC"
		}},
		{"syncHourUtc with a zone", `{"schedule":{"syncHourUtc":3,"timeZone":"Europe/Paris"}}`, func(c *ledgersync.Configuration) bool {
			return c.Schedule.SyncHour == 3 && c.Schedule.TimeZone == "Europe/Paris"
		}},
		{"syncHour wins over syncHourUtc", `{"schedule":{"syncHour":7,"syncHourUtc":3}}`, func(c *ledgersync.Configuration) bool {
			return c.Schedule.SyncHour == 7 && c.Schedule.TimeZone == "Europe/London"
		}},
		{"null time zone is UTC", `{"schedule":{"timeZone":null}}`, func(c *ledgersync.Configuration) bool { return c.Schedule.TimeZone == "Etc/UTC" }},
		{"property names and enums ignore case", `{"CONFIGURATION":{"Sales":{"InvoiceStatus":{"SelectedInvoiceStatus":"draft"},"Accounts":{"GRATUITY":{"SelectedAccountId":"acc-4100"}}},
			"Fees":{"Accounts":{"paymentfee":{"selectedAccountID":"acc-1000"}}}},"Schedule":{"SelectedFrequency":"monthly"}}`,
			func(c *ledgersync.Configuration) bool {
				return deref(c.Configuration.Sales.InvoiceStatus.SelectedInvoiceStatus) == "Draft" && c.SelectedAccount("Sales", "gratuity") == "acc-4100" &&
					c.SelectedAccount("Fees", "paymentFee") == "acc-1000" && c.Schedule.SelectedFrequency == ledgersync.FrequencyMonthly
			}},
		{"new tax key is canonical", `{"configuration":{"sales":{"taxRates":{"17.50":{"selectedTaxRateId":"tr-5"}}}}}`, func(c *ledgersync.Configuration) bool {
			return deref(c.Configuration.Sales.TaxRates["17.5"].SelectedTaxRateID) == "tr-5"
		}},
		{"journal mode", `{"configuration":{"mapSettings":{"outputFormat":"journalEntry"}}}`, func(c *ledgersync.Configuration) bool {
			return c.JournalMode() && c.OutputFormat() == ledgersync.OutputJournalEntry
		}},
		{"mapSettings without format keeps it", `{"configuration":{"mapSettings":{}}}`, func(c *ledgersync.Configuration) bool { return !c.JournalMode() }},
		{"grouping and mappings", `{"configuration":{"sales":{"grouping":{"groupingLevels":{"invoiceLevel":{"selectedGroupByOptions":null},"invoiceLineLevel":{"selectedGroupByOptions":["location"]}}},
			"newTaxRates":{"taxRateMappings":null,"selectedDefaultZeroTaxRateId":null}}}}`, func(c *ledgersync.Configuration) bool {
			g, nt := c.Configuration.Sales.Grouping.GroupingLevels, c.Configuration.Sales.NewTaxRates
			return len(g.InvoiceLevel.SelectedGroupByOptions) == 0 && g.InvoiceLineLevel.SelectedGroupByOptions[0] == ledgersync.GroupByLocation &&
				len(nt.TaxRateMappings) == 0 && nt.SelectedDefaultZeroTaxRateID == nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, items := mergeInto(t, tt.body)
			if len(items) != 0 {
				t.Errorf("findings = %+v", items)
			}
			ledgersync.RefreshOptions(cfg, sandboxSources())
			if !tt.check(cfg) {
				t.Errorf("merged configuration:\n%s", marshalConfig(t, cfg))
			}
		})
	}
}

func TestMergeFindings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body string
		want ledgersync.ValidationItem
	}{
		{`{"enable":true,"enabled":false}`, item("enabled", "enable and enabled must be the same.", "Configuration")},
		{`{"configuration":{"sales":{"accounts":{"tips":{"selectedAccountId":"acc-4000"}}}}}`, item(salesPath+"accounts.tips", "Unknown account type 'tips'.", "Sales")},
		{`{"configuration":{"sales":{"accounts":{"productCategory-cat-9":{}}}}}`, item(salesPath+"accounts.productCategory-cat-9", "Unknown account type 'productCategory-cat-9'.", "Sales")},
		{`{"configuration":{"payments":{"accounts":{"loan":{}}}}}`, item("configuration.payments.accounts.loan", "Unknown account type 'loan'.", "Payments")},
		{`{"configuration":{"newPayments":{"accounts":{"prePaid":{}}}}}`, item("configuration.newPayments.accounts.prePaid", "Unknown account type 'prePaid'.", "Payments")},
		{`{"configuration":{"fees":{"accounts":{"card":{}}}}}`, item("configuration.fees.accounts.card", "Unknown account type 'card'.", "Fees")},
		{`{"configuration":{"sales":{"taxRates":{"abc":{}}}}}`, item(salesPath+"taxRates.abc", "Tax rate key 'abc' is not a percentage from 0 to 100.", "Sales")},
		{`{"configuration":{"sales":{"taxRates":{"100.5":{}}}}}`, item(salesPath+"taxRates.100.5", "Tax rate key '100.5' is not a percentage from 0 to 100.", "Sales")},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			t.Parallel()
			_, items := mergeInto(t, tt.body)
			checkHasItem(t, items, tt.want)
		})
	}
}

func TestMergeMalformed(t *testing.T) {
	t.Parallel()
	tests := []struct{ body, field string }{
		{`[1]`, ""},
		{`{"a":`, ""},
		{`{"schedule":{"syncHour":"five"}}`, "schedule.syncHour"},
		{`{"schedule":[]}`, "schedule"},
		{`{"enable":"yes"}`, "enable"},
		{`{"configuration":{"sales":{"accounts":{"sales":{"selectedAccountId":4000}}}}}`, "configuration.sales.accounts.sales.selectedAccountId"},
		{`{"configuration":{"fees":{"syncFees":1}}}`, "configuration.fees.syncFees"},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			t.Parallel()
			_, err := ledgersync.MergeConfiguration(completeConfig(t), []byte(tt.body))
			var e *ledgersync.Error
			if !errors.As(err, &e) || e.Code != ledgersync.EInvalid || e.Field != tt.field {
				t.Errorf("error = %#v, want EInvalid on %q", err, tt.field)
			}
		})
	}
}

func TestApplyConfigurationEmptyBodyIsNoOp(t *testing.T) {
	t.Parallel()
	stored := completeConfig(t)
	stored.Configuration.Sales.SalesCustomer.SelectedCustomerID = configRef("cus-2")
	got, err := ledgersync.ApplyConfiguration(stored, nil, sandboxSources(), false)
	if err != nil {
		t.Fatalf("empty body refused: %v", err)
	}
	if !bytes.Equal(marshalConfig(t, got), marshalConfig(t, stored)) {
		t.Error("an empty body changed the configuration")
	}
}
