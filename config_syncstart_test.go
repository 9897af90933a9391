package ledgersync_test

import (
	"slices"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// liveCase changes the platform's data between configuration and sync.
type liveCase struct {
	name   string
	change func(src *ledgersync.OptionSources)
	want   ledgersync.ValidationItem
}

// withoutID drops the item with id.
func withoutID[T any](items []T, id string, idOf func(T) string) []T {
	return slices.DeleteFunc(slices.Clone(items), func(it T) bool { return idOf(it) == id })
}

// archive marks the item with id inactive.
func archive[T any](items []T, id string, idOf func(T) string, deactivate func(*T)) []T {
	out := slices.Clone(items)
	for i := range out {
		if idOf(out[i]) == id {
			deactivate(&out[i])
		}
	}
	return out
}

func accountID(a ledgersync.Account) string { return a.ID }
func contactID(c ledgersync.Contact) string { return c.ID }
func rateID(r ledgersync.TaxRate) string    { return r.ID }

const notFoundTail = ": Please configure your Sync settings to update these accounts."

var liveCases = []liveCase{
	{"account deleted", func(s *ledgersync.OptionSources) { s.Accounts = withoutID(s.Accounts, "acc-4000", accountID) },
		item(salesPath+"accounts.sales.selectedAccountId", "The following account(s) were not found (Other sales - acc-4000)"+notFoundTail, "Sales")},
	{"two accounts deleted", func(s *ledgersync.OptionSources) {
		s.Accounts = withoutID(withoutID(s.Accounts, "acc-1200", accountID), "acc-6100", accountID)
	}, item("configuration.payments.accounts.card.selectedAccountId",
		"The following account(s) were not found (Card - acc-1200), (Payment fee - acc-6100), (Payment fee refund - acc-6100)"+notFoundTail, "Payments")},
	{"account archived", func(s *ledgersync.OptionSources) {
		s.Accounts = archive(s.Accounts, "acc-4010", accountID, func(a *ledgersync.Account) { a.Active = false })
	}, item(salesPath+"accounts.refund.selectedAccountId", "Account acc-4010 is not in an Active state.", "Sales")},
	{"customer deleted", func(s *ledgersync.OptionSources) { s.Contacts = withoutID(s.Contacts, "cus-1", contactID) },
		item(salesPath+"salesCustomer.selectedCustomerId", "Customer cus-1 does not exist.", "Sales")},
	{"customer archived", func(s *ledgersync.OptionSources) {
		s.Contacts = archive(s.Contacts, "cus-1", contactID, func(c *ledgersync.Contact) { c.Active = false })
	}, item(salesPath+"salesCustomer.selectedCustomerId", "Customer cus-1 is not in an Active state. (Archived)", "Sales")},
	{"supplier deleted", func(s *ledgersync.OptionSources) { s.Contacts = withoutID(s.Contacts, "sup-1", contactID) },
		item("configuration.fees.feesSupplier.selectedSupplierId", "Supplier does not exist.", "Fees")},
	{"supplier archived", func(s *ledgersync.OptionSources) {
		s.Contacts = archive(s.Contacts, "sup-1", contactID, func(c *ledgersync.Contact) { c.Active = false })
	}, item("configuration.fees.feesSupplier.selectedSupplierId", "Supplier is not in an Active state.", "Fees")},
	{"tax rate deleted", func(s *ledgersync.OptionSources) { s.TaxRates = withoutID(s.TaxRates, "tr-20", rateID) },
		item(salesPath+"taxRates.20.selectedTaxRateId", "Tax Rate tr-20 does not exist.", "Sales")},
	{"zero rate archived", func(s *ledgersync.OptionSources) {
		s.TaxRates = archive(s.TaxRates, "tr-0", rateID, func(r *ledgersync.TaxRate) { r.Active = false })
	}, item(salesPath+"taxRates.0.selectedTaxRateId", "Tax Rate tr-0 does not exist.", "Sales")},
}

func TestCheckSyncStart(t *testing.T) {
	t.Parallel()
	for _, tt := range liveCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			live := sandboxSources()
			tt.change(&live)
			r := ledgersync.CheckSyncStart(completeConfig(t), completeContext(), live)
			checkHasItem(t, r.Errors, tt.want)
			if r.Complete || r.Message() == "" {
				t.Errorf("result = %+v", r)
			}
		})
	}
}

func TestCheckSyncStartReportsEachTaxRateOnce(t *testing.T) {
	t.Parallel()
	live := sandboxSources()
	live.TaxRates = withoutID(live.TaxRates, "tr-0", rateID)
	r := ledgersync.CheckSyncStart(completeConfig(t), completeContext(), live)
	if len(r.Errors) != 1 || r.Message() != "Tax Rate tr-0 does not exist." {
		t.Errorf("errors = %+v", r.Errors)
	}
}

func TestCheckSyncStartRunsCompleteness(t *testing.T) {
	t.Parallel()
	cfg := completeConfig(t)
	r := ledgersync.CheckSyncStart(cfg, ledgersync.ValidationContext{}, sandboxSources())
	checkHasItem(t, r.Errors, item("companyId", "Company needs to have two valid data connections.", "Configuration"))

	r = ledgersync.CheckSyncStart(cfg, completeContext(), sandboxSources())
	if len(r.Errors) != 0 || !r.Complete || r.Err() != nil {
		t.Errorf("a complete configuration with live data fails: %+v", r.Errors)
	}
}
