package ledgersync_test

import (
	"errors"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// apply posts body onto stored with the Sandbox data.
func apply(stored *ledgersync.Configuration, body string, ready bool) (*ledgersync.Configuration, error) {
	return ledgersync.ApplyConfiguration(stored, []byte(body), sandboxSources(), ready)
}

func TestApplyConfigurationLifecycle(t *testing.T) {
	t.Parallel()
	fresh := ledgersync.NewConfiguration(configCompanyID)

	// enable=false saves an incomplete configuration, not configured.
	partial, err := apply(fresh, `{"schedule":{"selectedFrequency":"Daily"}}`, true)
	if err != nil || partial.Configured || partial.Enable {
		t.Fatalf("partial save: configured=%v enable=%v err=%v", partial != nil && partial.Configured, partial != nil && partial.Enable, err)
	}

	// enable=true on an incomplete configuration is refused, listing every
	// missing piece, and nothing changes.
	_, err = apply(partial, `{"enable":true}`, false)
	var invalid *ledgersync.InvalidConfigurationError
	if !errors.As(err, &invalid) || len(invalid.Items) != 2 {
		t.Fatalf("enable on incomplete: %v", err)
	}
	checkHasItem(t, invalid.Items, item("companyId", ledgersync.MessageNotReady, "Configuration"))
	checkHasItem(t, invalid.Items, item("schedule.startDate", "No start date selected.", "Schedule"))
	if partial.Enable {
		t.Error("a refused POST changed the stored configuration")
	}

	// The complete body with enable=false still records configured.
	done, err := ledgersync.ApplyConfiguration(partial, readConfigFile(t, "complete-request.json"), sandboxSources(), true)
	if err != nil || !done.Configured {
		t.Fatalf("complete: %v", describeError(err))
	}

	// configured stays true when a later save is incomplete but disabled.
	later, err := apply(done, `{"enable":false,"schedule":{"startDate":null}}`, true)
	if err != nil || !later.Configured || later.Schedule.StartDate != "" {
		t.Fatalf("incomplete disabled save: %+v, %v", later, err)
	}

	// Once configured, the output format is fixed.
	_, err = apply(later, `{"configuration":{"mapSettings":{"outputFormat":"JournalEntry"}}}`, true)
	if !errors.As(err, &invalid) {
		t.Fatalf("output format change: %v", err)
	}
	checkHasItem(t, invalid.Items, item("configuration.mapSettings.outputFormat", "Output format cannot be changed after the first configuration.", "Configuration"))
}

func TestApplyConfigurationReportsMergeAndValidationTogether(t *testing.T) {
	t.Parallel()
	_, err := apply(completeConfig(t), `{"enable":true,"enabled":false,"schedule":{"syncHour":30},"configuration":{"fees":{"accounts":{"tips":{}}}}}`, true)
	var invalid *ledgersync.InvalidConfigurationError
	if !errors.As(err, &invalid) {
		t.Fatalf("error = %v", err)
	}
	checkHasItem(t, invalid.Items, item("enabled", "enable and enabled must be the same.", "Configuration"))
	checkHasItem(t, invalid.Items, item("configuration.fees.accounts.tips", "Unknown account type 'tips'.", "Fees"))
	checkHasItem(t, invalid.Items, item("schedule.syncHour", "Sync hour must be between 0 and 23.", "Schedule"))
	if ledgersync.ErrorCode(err) != ledgersync.EInvalid || ledgersync.ErrorMessage(err) != "Configuration is invalid." {
		t.Errorf("code %q message %q", ledgersync.ErrorCode(err), ledgersync.ErrorMessage(err))
	}
}

func TestApplyConfigurationAddsPostedTaxKey(t *testing.T) {
	t.Parallel()
	got, err := apply(completeConfig(t), `{"configuration":{"sales":{"taxRates":{"5.0":{"selectedTaxRateId":"tr-5"}}}}}`, true)
	if err != nil {
		t.Fatal(describeError(err))
	}
	slot := got.Configuration.Sales.TaxRates["5"]
	if slot == nil || deref(slot.SelectedTaxRateID) != "tr-5" || len(slot.TaxRateOptions) != 3 {
		t.Errorf("taxRates[5] = %+v", slot)
	}
}

func TestApplyConfigurationUnknownCategoryBeforeRefresh(t *testing.T) {
	t.Parallel()
	src := sandboxSources()
	src.ProductCategories = append(src.ProductCategories, ledgersync.PushedCategory{ID: "cat-2", Name: "Food"})
	got, err := ledgersync.ApplyConfiguration(completeConfig(t), []byte(`{"configuration":{"sales":{"accounts":{"productCategory-cat-2":{"selectedAccountId":"acc-4000"}}}}}`), src, true)
	if err != nil {
		t.Fatal(describeError(err))
	}
	if got.SelectedAccount(ledgersync.SectionSales, "productCategory-cat-2") != "acc-4000" {
		t.Error("a category pushed since the last refresh could not be mapped")
	}
}
