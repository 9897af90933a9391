package ledgersync_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/ledgersync/ledgersync"
)

var requiredVisible = []string{
	"sales-accounts-sales", "sales-accounts-refund", "sales-accounts-sales-other",
	"sales-taxRates-0", "sales-taxRates-5", "sales-taxRates-10", "sales-taxRates-20",
	"sales-other-invoiceStatus", "sales-other-groupingPeriod", "payments-accounts-card",
}

func TestVisibleAccountKeys(t *testing.T) {
	t.Parallel()
	all := ledgersync.VisibleAccountKeys()
	if len(all) != 31 || all[0] != "sales-accounts-sales" || all[len(all)-1] != "payments-accounts-manual" {
		t.Errorf("keys = %v", all)
	}
	for _, k := range []string{"sales-accounts-prepaid", "fees-accounts-paymentFee", "fees-accounts-cashback", "payments-accounts-paypalQr", "payments-accounts-payout"} {
		if !slices.Contains(all, k) {
			t.Errorf("keys lack %s", k)
		}
	}
	if got := ledgersync.RequiredVisibleAccountKeys(); !slices.Equal(got, requiredVisible) {
		t.Errorf("required = %v", got)
	}
}

func TestEffectiveVisibleAccounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		submitted []string
		want      []string
		field     string
	}{
		{name: "nil means all", submitted: nil, want: ledgersync.VisibleAccountKeys()},
		{name: "empty means required", submitted: []string{}, want: requiredVisible},
		{name: "required always added", submitted: []string{"PAYMENTS-ACCOUNTS-CASH", "fees-accounts-loan", "payments-accounts-cash"},
			want: slices.Concat(requiredVisible[:9], []string{"fees-accounts-loan", "payments-accounts-card", "payments-accounts-cash"})},
		{name: "unknown key", submitted: []string{"sales-accounts-sales", "sales-accounts-tips"}, field: "visibleAccounts[1]"},
		{name: "section prefix alone", submitted: []string{"payments-accounts"}, field: "visibleAccounts[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ledgersync.EffectiveVisibleAccounts(tt.submitted)
			if tt.field != "" {
				var e *ledgersync.Error
				if !errors.As(err, &e) || e.Field != tt.field || e.Code != ledgersync.EInvalid {
					t.Fatalf("error = %v, want one on %s", err, tt.field)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestCanonicalPercent(t *testing.T) {
	t.Parallel()
	valid := map[string]string{
		"0": "0", "0.0": "0", "000": "0", "20": "20", "20.00": "20", "020": "20", "17.5": "17.5", "17.50": "17.5",
		"5": "5", "0.25": "0.25", "100": "100", "100.000": "100", "99.999": "99.999", "12.340": "12.34",
	}
	for in, want := range valid {
		if got, err := ledgersync.CanonicalPercent(in); err != nil || got != want {
			t.Errorf("CanonicalPercent(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "-0", "+5", "100.01", "101", "1000", "1e2", "abc", "20%", " 20", "20 ", "1.", ".5", "1.2.3", "1,5", "NaN", "٢٠"} {
		if got, err := ledgersync.CanonicalPercent(in); err == nil || ledgersync.ErrorCode(err) != ledgersync.EInvalid {
			t.Errorf("CanonicalPercent(%q) = %q, %v; want an invalid error", in, got, err)
		}
	}
}
