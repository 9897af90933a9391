package xero

import (
	"context"
	"testing"

	"github.com/ledgersync/ledgersync"
)

func TestAccounts(t *testing.T) {
	t.Parallel()
	accounts, err := connect(t, newFake(t), testTenant).Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]ledgersync.Account{}
	for _, a := range accounts {
		byID[a.ID] = a
	}
	tests := []struct {
		id, platformType string
		want             ledgersync.AccountType
	}{
		{"acc-rev", "REVENUE", ledgersync.AccountIncome},
		{"acc-sales", "SALES", ledgersync.AccountIncome},
		{"acc-oth", "OTHERINCOME", ledgersync.AccountIncome},
		{"acc-exp", "EXPENSE", ledgersync.AccountExpense},
		{"acc-dir", "DIRECTCOSTS", ledgersync.AccountExpense},
		{"acc-ovh", "OVERHEADS", ledgersync.AccountExpense},
		{"acc-dep", "DEPRECIATN", ledgersync.AccountExpense},
		{"acc-supx", "SUPERANNUATIONEXPENSE", ledgersync.AccountExpense},
		{"acc-wagx", "WAGESEXPENSE", ledgersync.AccountExpense},
		{"acc-bank", "BANK", ledgersync.AccountBank},
		{"acc-cur", "CURRENT", ledgersync.AccountAsset},
		{"acc-fix", "FIXED", ledgersync.AccountAsset},
		{"acc-inv", "INVENTORY", ledgersync.AccountAsset},
		{"acc-nonc", "NONCURRENT", ledgersync.AccountAsset},
		{"acc-pre", "PREPAYMENT", ledgersync.AccountAsset},
		{"acc-cl", "CURRLIAB", ledgersync.AccountLiability},
		{"acc-liab", "LIABILITY", ledgersync.AccountLiability},
		{"acc-term", "TERMLIAB", ledgersync.AccountLiability},
		{"acc-payg", "PAYG", ledgersync.AccountLiability},
		{"acc-paygl", "PAYGLIABILITY", ledgersync.AccountLiability},
		{"acc-supl", "SUPERANNUATIONLIABILITY", ledgersync.AccountLiability},
		{"acc-wagl", "WAGESPAYABLELIABILITY", ledgersync.AccountLiability},
		{"acc-eq", "EQUITY", ledgersync.AccountEquity},
		{"acc-new", "NEWTYPE", ledgersync.AccountLiability}, // by its Class
	}
	for _, tt := range tests {
		t.Run(tt.platformType, func(t *testing.T) {
			t.Parallel()
			a := byID[tt.id]
			if a.Type != tt.want || a.PlatformType != tt.platformType {
				t.Errorf("%s: type %q (%q), want %q (%q)", tt.id, a.Type, a.PlatformType, tt.want, tt.platformType)
			}
			if wantActive := tt.id != "acc-oth"; a.Active != wantActive {
				t.Errorf("%s: Active = %v", tt.id, a.Active)
			}
			if wantPay := tt.id == "acc-pre"; a.AcceptsPayments != wantPay {
				t.Errorf("%s: AcceptsPayments = %v", tt.id, a.AcceptsPayments)
			}
		})
	}
	if _, ok := byID["acc-odd"]; ok || len(accounts) != len(tests) {
		t.Errorf("got %d accounts, want %d without the unclassifiable one", len(accounts), len(tests))
	}
	if bank := byID["acc-bank"]; bank.Code != "090" || bank.Name != "Business Bank Account" {
		t.Errorf("bank account = %+v", bank)
	}
}

func TestCreateAccount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       ledgersync.AccountCreate
		wantType string
		wantErr  ledgersync.PlatformErrorKind
		wantMsg  string
	}{
		{in: ledgersync.AccountCreate{Code: "4100", Name: "Tips", Type: ledgersync.AccountIncome}, wantType: "REVENUE"},
		{in: ledgersync.AccountCreate{Code: "6100", Name: "Fees", Type: ledgersync.AccountExpense}, wantType: "EXPENSE"},
		{in: ledgersync.AccountCreate{Code: "1200", Name: "Clearing", Type: ledgersync.AccountAsset}, wantType: "CURRENT"},
		{in: ledgersync.AccountCreate{Code: "2100", Name: "Gift cards", Type: ledgersync.AccountLiability}, wantType: "CURRLIAB"},
		{in: ledgersync.AccountCreate{Code: "3000", Name: "Capital", Type: ledgersync.AccountEquity}, wantType: "EQUITY"},
		{in: ledgersync.AccountCreate{Code: "1010", Name: "Bank", Type: ledgersync.AccountBank},
			wantErr: ledgersync.PlatformRejected, wantMsg: "Bank Account Number is required."},
		{in: ledgersync.AccountCreate{Code: "200", Name: "Sales", Type: ledgersync.AccountIncome},
			wantErr: ledgersync.PlatformRejected, wantMsg: "Please enter a unique Code."},
		{in: ledgersync.AccountCreate{Code: "9", Name: "?", Type: "Memo"},
			wantErr: ledgersync.PlatformRejected, wantMsg: "an account of type Memo cannot be created"},
	}
	f := newFake(t)
	c := connect(t, f, testTenant)
	for _, tt := range tests {
		t.Run(tt.in.Name, func(t *testing.T) {
			t.Parallel()
			got, err := c.CreateAccount(context.Background(), tt.in)
			if tt.wantErr != "" {
				pe := assertKind(t, err, tt.wantErr)
				if pe != nil && pe.Message != tt.wantMsg {
					t.Errorf("message = %q, want %q", pe.Message, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := ledgersync.Account{ID: "new-" + tt.in.Code, Code: tt.in.Code, Name: tt.in.Name,
				Type: tt.in.Type, PlatformType: tt.wantType, Active: true}
			if *got != want {
				t.Errorf("CreateAccount = %+v, want %+v", *got, want)
			}
		})
	}
}
