package xero

import (
	"context"
	"net/http"

	"github.com/ledgersync/ledgersync"
)

// accountTypes classifies Xero's account types.
// https://developer.xero.com/documentation/api/accounting/types#accounts
// Xero has no separate type or system account for deposits, so none is
// filtered out here.
var accountTypes = map[string]ledgersync.AccountType{
	"REVENUE":                 ledgersync.AccountIncome,
	"SALES":                   ledgersync.AccountIncome,
	"OTHERINCOME":             ledgersync.AccountIncome,
	"EXPENSE":                 ledgersync.AccountExpense,
	"DIRECTCOSTS":             ledgersync.AccountExpense,
	"OVERHEADS":               ledgersync.AccountExpense,
	"DEPRECIATN":              ledgersync.AccountExpense,
	"SUPERANNUATIONEXPENSE":   ledgersync.AccountExpense,
	"WAGESEXPENSE":            ledgersync.AccountExpense,
	"BANK":                    ledgersync.AccountBank,
	"CURRENT":                 ledgersync.AccountAsset,
	"FIXED":                   ledgersync.AccountAsset,
	"INVENTORY":               ledgersync.AccountAsset,
	"NONCURRENT":              ledgersync.AccountAsset,
	"PREPAYMENT":              ledgersync.AccountAsset,
	"CURRLIAB":                ledgersync.AccountLiability,
	"LIABILITY":               ledgersync.AccountLiability,
	"TERMLIAB":                ledgersync.AccountLiability,
	"PAYG":                    ledgersync.AccountLiability,
	"PAYGLIABILITY":           ledgersync.AccountLiability,
	"SUPERANNUATIONLIABILITY": ledgersync.AccountLiability,
	"WAGESPAYABLELIABILITY":   ledgersync.AccountLiability,
	"EQUITY":                  ledgersync.AccountEquity,
}

// accountClasses classifies a type Xero adds later by its Class.
var accountClasses = map[string]ledgersync.AccountType{
	"REVENUE":   ledgersync.AccountIncome,
	"EXPENSE":   ledgersync.AccountExpense,
	"ASSET":     ledgersync.AccountAsset,
	"LIABILITY": ledgersync.AccountLiability,
	"EQUITY":    ledgersync.AccountEquity,
}

// newAccountTypes is the Xero type an account of each type is created as.
var newAccountTypes = map[ledgersync.AccountType]string{
	ledgersync.AccountIncome:    "REVENUE",
	ledgersync.AccountExpense:   "EXPENSE",
	ledgersync.AccountBank:      "BANK",
	ledgersync.AccountAsset:     "CURRENT",
	ledgersync.AccountLiability: "CURRLIAB",
	ledgersync.AccountEquity:    "EQUITY",
}

// account is Xero's Account, as far as ledgersync reads it.
type account struct {
	AccountID               string
	Code                    string
	Name                    string
	Type                    string
	Class                   string
	Status                  string
	EnablePaymentsToAccount bool
}

// accountsBody is the envelope of GET and PUT /Accounts.
type accountsBody struct{ Accounts []account }

// domain converts the account; ok is false for a type ledgersync cannot
// classify, which no configuration slot could use.
func (a account) domain() (ledgersync.Account, bool) {
	t, ok := accountTypes[a.Type]
	if !ok {
		t, ok = accountClasses[a.Class]
	}
	return ledgersync.Account{
		ID:              a.AccountID,
		Code:            a.Code,
		Name:            a.Name,
		Type:            t,
		PlatformType:    a.Type,
		Active:          a.Status == "ACTIVE",
		AcceptsPayments: a.EnablePaymentsToAccount,
	}, ok
}

// Accounts returns the chart of accounts, archived accounts included.
func (c *connector) Accounts(ctx context.Context) ([]ledgersync.Account, error) {
	var body accountsBody
	if err := c.call(ctx, http.MethodGet, "/Accounts", nil, nil, &body); err != nil {
		return nil, err
	}
	out := make([]ledgersync.Account, 0, len(body.Accounts))
	for _, a := range body.Accounts {
		if d, ok := a.domain(); ok {
			out = append(out, d)
		}
	}
	return out, nil
}

// CreateAccount adds an account. A bank account needs a bank account
// number in Xero, which ledgersync does not have: Xero refuses it, and the
// refusal is returned as PlatformRejected.
func (c *connector) CreateAccount(ctx context.Context, a ledgersync.AccountCreate) (*ledgersync.Account, error) {
	t, ok := newAccountTypes[a.Type]
	if !ok {
		return nil, &ledgersync.PlatformError{
			Kind:    ledgersync.PlatformRejected,
			Message: "an account of type " + string(a.Type) + " cannot be created",
		}
	}
	in := struct{ Code, Name, Type string }{a.Code, a.Name, t}
	var body accountsBody
	if err := c.call(ctx, http.MethodPut, "/Accounts", nil, in, &body); err != nil {
		return nil, err
	}
	if len(body.Accounts) == 0 {
		return nil, &ledgersync.PlatformError{Kind: ledgersync.PlatformUnavailable, Message: "PUT /Accounts: no account in the answer"}
	}
	d, _ := body.Accounts[0].domain()
	return &d, nil
}
