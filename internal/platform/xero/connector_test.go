package xero

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/ledgersync/ledgersync"
)

// connect returns a connector to the fake's tenant.
func connect(t *testing.T, f *fakeXero, tenant string) ledgersync.Connector {
	t.Helper()
	return f.platform().Connect(StaticTokenSource(f.grant(tenant)))
}

func TestOrganisation(t *testing.T) {
	t.Parallel()
	got, err := connect(t, newFake(t), testTenant).Organisation(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := ledgersync.Organisation{ID: "tenant-b", Name: "Beta Ltd", CountryCode: "GB", BaseCurrency: "GBP"}
	if *got != want {
		t.Errorf("Organisation = %+v, want %+v", *got, want)
	}
}

func TestTaxRates(t *testing.T) {
	t.Parallel()
	got, err := connect(t, newFake(t), testTenant).TaxRates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []ledgersync.TaxRate{
		{ID: "OUTPUT2", Name: "20% (VAT on Income)", Rate: "20", Active: true, AppliesToRevenue: true},
		{ID: "TAX001", Name: "17.5% (old VAT)", Rate: "17.5", Active: false, AppliesToRevenue: true},
		{ID: "NONE", Name: "No VAT", Rate: "0", Active: true, AppliesToRevenue: true},
		{ID: "INPUT3", Name: "5% (VAT on Expenses)", Rate: "5", Active: false, AppliesToRevenue: false},
		{ID: "TAX002", Name: "12.5% (display only)", Rate: "12.5", Active: true, AppliesToRevenue: true},
	}
	if !slices.Equal(got, want) {
		t.Errorf("TaxRates =\n%+v\nwant\n%+v", got, want)
	}
}

func TestDecimal(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"20.0000": "20", "20": "20", "17.5": "17.5", "17.50": "17.5", "0": "0", "0.0000": "0",
		"-0": "0", "12.125": "12.125", "0.5": "0.5", "2E1": "20", "": "0", "x": "0",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			if got := decimal(json.Number(in)); got != want {
				t.Errorf("decimal(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestContacts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		contacts  int
		wantPages []int
	}{
		{0, []int{1}},
		{7, []int{1}},
		{100, []int{1, 2}},
		{150, []int{1, 2}},
		{250, []int{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.contacts = tt.contacts
			got, err := connect(t, f, testTenant).Contacts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			pages := f.pages
			f.mu.Unlock()
			if len(got) != tt.contacts || !slices.Equal(pages, tt.wantPages) {
				t.Fatalf("%d contacts over pages %v, want %d over %v", len(got), pages, tt.contacts, tt.wantPages)
			}
			if tt.contacts < 10 {
				return
			}
			want := []ledgersync.Contact{
				{ID: "c-001", Name: "Contact 1", IsCustomer: true, Active: true},
				{ID: "c-003", Name: "Contact 3", IsCustomer: true, IsSupplier: true, Active: true},
				{ID: "c-010", Name: "Contact 10", Active: false},
			}
			for _, w := range want {
				if i := slices.IndexFunc(got, func(c ledgersync.Contact) bool { return c.ID == w.ID }); i < 0 || got[i] != w {
					t.Errorf("contact %s missing or wrong in %v", w.ID, got[:10])
				}
			}
		})
	}
}
