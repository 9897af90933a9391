package ledgersync_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata")

// marshalConfig is the indented JSON of v, as stored in golden files.
func marshalConfig(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// checkGolden compares got with testdata/config/name byte for byte, or
// rewrites the file under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "config", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := readConfigFile(t, name)
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -run %s -update to accept):\n%s", path, t.Name(), got)
	}
}

func TestConfigurationGoldenRoundTrip(t *testing.T) {
	t.Parallel()
	got := marshalConfig(t, completeConfig(t))
	checkGolden(t, "complete.json", got)

	var back ledgersync.Configuration
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if again := marshalConfig(t, &back); !bytes.Equal(again, got) {
		t.Errorf("round trip changed the configuration:\n%s", again)
	}
}

func TestNewConfigurationGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "new.json", marshalConfig(t, ledgersync.NewConfiguration(configCompanyID)))
}

// staticLists are the option lists that do not come from the platform.
var staticLists = []string{"frequencyOptions", "groupingPeriodOptions", "groupByOptions"}

// TestNewConfigurationBeforeLinking: every platform list is [] and every
// selection null; nothing else is null.
func TestNewConfigurationBeforeLinking(t *testing.T) {
	t.Parallel()
	var doc any
	if err := json.Unmarshal(marshalConfig(t, ledgersync.NewConfiguration(configCompanyID)), &doc); err != nil {
		t.Fatal(err)
	}
	walkJSON(doc, "", func(path string, v any) {
		name := path[strings.LastIndex(path, ".")+1:]
		switch v := v.(type) {
		case nil:
			if !strings.HasPrefix(name, "selected") {
				t.Errorf("%s is null; only selections may be", path)
			}
		case []any:
			if len(v) > 0 && !slices.Contains(staticLists, name) {
				t.Errorf("%s = %v before linking, want []", path, v)
			}
		}
	})
}

// walkJSON calls visit on every value of a decoded JSON document.
func walkJSON(v any, path string, visit func(string, any)) {
	visit(path, v)
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			walkJSON(child, path+"."+k, visit)
		}
	case []any:
		for _, child := range v {
			walkJSON(child, path+"[]", visit)
		}
	}
}

func TestConfigurationSendsEnableAndEnabled(t *testing.T) {
	t.Parallel()
	cfg := ledgersync.NewConfiguration(configCompanyID)
	cfg.Enable = true
	b := marshalConfig(t, cfg)
	for _, want := range []string{`"enable": true`, `"enabled": true`, `"newPayments": {`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestConfigurationUnmarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body string
		check      func(*ledgersync.Configuration) bool
		wantErr    bool
	}{
		{name: "enabled alone", body: `{"enabled":true}`, check: func(c *ledgersync.Configuration) bool { return c.Enable }},
		{name: "both agree", body: `{"enable":true,"enabled":true}`, check: func(c *ledgersync.Configuration) bool { return c.Enable }},
		{name: "both differ", body: `{"enable":true,"enabled":false}`, wantErr: true},
		{name: "property names ignore case", body: `{"Enable":true,"Schedule":{"SyncHour":4}}`, check: func(c *ledgersync.Configuration) bool {
			return c.Enable && c.Schedule.SyncHour == 4
		}},
		{name: "enum values ignore case", body: `{"schedule":{"selectedFrequency":"daily","frequencyOptions":["MONTHLY"]},"configuration":{"mapSettings":{"outputFormat":"journalentry"},"sales":{"invoiceStatus":{"selectedInvoiceStatus":"submitted"},"grouping":{"groupingPeriod":{"selectedGroupingPeriod":"DAILY"},"groupingLevels":{"invoiceLevel":{"selectedGroupByOptions":["country","location"]}}}}}}`,
			check: func(c *ledgersync.Configuration) bool {
				s := c.Configuration.Sales
				return c.Schedule.SelectedFrequency == ledgersync.FrequencyDaily && c.Schedule.FrequencyOptions[0] == ledgersync.FrequencyMonthly &&
					c.OutputFormat() == ledgersync.OutputJournalEntry && *s.InvoiceStatus.SelectedInvoiceStatus == ledgersync.InvoiceSubmitted &&
					*s.Grouping.GroupingPeriod.SelectedGroupingPeriod == ledgersync.GroupingDaily &&
					slices.Equal(s.Grouping.GroupingLevels.InvoiceLevel.SelectedGroupByOptions, []ledgersync.GroupBy{ledgersync.GroupByCountry, ledgersync.GroupByLocation})
			}},
		{name: "unknown enum value kept for validation", body: `{"schedule":{"selectedFrequency":"Weekly"}}`, check: func(c *ledgersync.Configuration) bool {
			return c.Schedule.SelectedFrequency == "Weekly"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var cfg ledgersync.Configuration
			err := json.Unmarshal([]byte(tt.body), &cfg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if tt.check != nil && !tt.check(&cfg) {
				t.Errorf("decoded %+v", cfg)
			}
		})
	}
}

func TestConfigurationClone(t *testing.T) {
	t.Parallel()
	cfg := completeConfig(t)
	c := cfg.Clone()
	c.Configuration.Sales.Accounts["sales"].SelectedAccountID = configRef("acc-4100")
	c.Configuration.Sales.NewTaxRates.TaxRateMappings[0].SelectedCommerceTaxRateIDs[0] = "other"
	if got := cfg.SelectedAccount(ledgersync.SectionSales, "sales"); got != "acc-4000" {
		t.Errorf("original sales account = %q after changing the clone", got)
	}
	if got := cfg.Configuration.Sales.NewTaxRates.TaxRateMappings[0].SelectedCommerceTaxRateIDs[0]; got != "vat20" {
		t.Errorf("original mapping = %q after changing the clone", got)
	}
}
