package sandbox

import (
	"context"
	"fmt"
	"time"
)

// validated carries Xero's ValidationErrors on an element echoed in a 400.
type validated struct {
	ValidationErrors []validationError `json:",omitempty"`
}

type validationError struct{ Message string }

func (v *validated) fail(messages ...string) {
	for _, m := range messages {
		v.ValidationErrors = append(v.ValidationErrors, validationError{Message: m})
	}
}

func (v *validated) failed() bool { return len(v.ValidationErrors) > 0 }

// account is an entry of the chart of accounts, in Xero's fields.
type account struct {
	AccountID               string
	Code                    string
	Name                    string
	Type                    string
	Class                   string
	Status                  string
	Description             string `json:",omitempty"`
	TaxType                 string
	EnablePaymentsToAccount bool
	BankAccountType         string `json:",omitempty"`
	CurrencyCode            string `json:",omitempty"`
	UpdatedDateUTC          msDate
	validated
}

// label names an account the way a merchant recognises it.
func (a *account) label() string { return fmt.Sprintf("%q (%s)", a.Name, a.Code) }

func (a *account) active() bool { return a.Status == "ACTIVE" }

// takesPayments reports whether payments may be made to or from it.
func (a *account) takesPayments() bool { return a.Type == "BANK" || a.EnablePaymentsToAccount }

// accountClass maps each of Xero's account types to its class.
var accountClass = map[string]string{
	"BANK": "ASSET", "CURRENT": "ASSET", "FIXED": "ASSET", "INVENTORY": "ASSET",
	"NONCURRENT": "ASSET", "PREPAYMENT": "ASSET",
	"EQUITY":     "EQUITY",
	"DEPRECIATN": "EXPENSE", "DIRECTCOSTS": "EXPENSE", "EXPENSE": "EXPENSE", "OVERHEADS": "EXPENSE",
	"SUPERANNUATIONEXPENSE": "EXPENSE", "WAGESEXPENSE": "EXPENSE",
	"CURRLIAB": "LIABILITY", "LIABILITY": "LIABILITY", "TERMLIAB": "LIABILITY",
	"PAYGLIABILITY": "LIABILITY", "SUPERANNUATIONLIABILITY": "LIABILITY",
	"OTHERINCOME": "REVENUE", "REVENUE": "REVENUE", "SALES": "REVENUE",
}

// finish fills the fields derived from the type.
func (a *account) finish(updated time.Time) {
	a.Class = accountClass[a.Type]
	a.BankAccountType, a.CurrencyCode = "", ""
	if a.Type == "BANK" {
		a.BankAccountType, a.CurrencyCode = "BANK", "GBP"
	}
	a.UpdatedDateUTC = msDate(updated)
}

// taxRate is a tax rate in Xero's fields; TaxType is its id.
type taxRate struct {
	Name                  string
	TaxType               string
	TaxComponents         []taxComponent
	Status                string
	ReportTaxType         string
	CanApplyToAssets      bool
	CanApplyToEquity      bool
	CanApplyToExpenses    bool
	CanApplyToLiabilities bool
	CanApplyToRevenue     bool
	DisplayTaxRate        amount
	EffectiveRate         amount
	// accountID is the liability account its tax posts to.
	accountID string
}

type taxComponent struct {
	Name             string
	Rate             amount
	IsCompound       bool
	IsNonRecoverable bool
}

func newTaxRate(taxType, name, rate, status, accountID string) *taxRate {
	r := dec(rate)
	return &taxRate{
		Name: name, TaxType: taxType, Status: status, ReportTaxType: "OUTPUT",
		TaxComponents:    []taxComponent{{Name: "VAT", Rate: r}},
		CanApplyToAssets: true, CanApplyToEquity: true, CanApplyToExpenses: true,
		CanApplyToLiabilities: true, CanApplyToRevenue: true,
		DisplayTaxRate: r, EffectiveRate: r, accountID: accountID,
	}
}

// contact is a customer or supplier in Xero's fields.
type contact struct {
	ContactID      string
	ContactStatus  string
	Name           string
	IsCustomer     bool
	IsSupplier     bool
	UpdatedDateUTC msDate
}

// chart is an organisation's reference data, read once per write to
// validate documents against.
type chart struct {
	org      *org
	today    string
	accounts []*account
	rates    []*taxRate
	people   []*contact
	byID     map[string]*account
	byCode   map[string]*account
	taxRates map[string]*taxRate
	contacts map[string]*contact
}

// loadChart reads the organisation's accounts, tax rates and contacts.
func (s *Sandbox) loadChart(ctx context.Context, o *org) (*chart, error) {
	c := &chart{org: o, today: s.now().Format(time.DateOnly), byID: map[string]*account{}, byCode: map[string]*account{},
		taxRates: map[string]*taxRate{}, contacts: map[string]*contact{}}
	accounts, err := s.listAccounts(ctx, s.read, o.ID)
	if err != nil {
		return nil, err
	}
	c.accounts = accounts
	for _, a := range accounts {
		c.byID[a.AccountID], c.byCode[a.Code] = a, a
	}
	rates, err := s.listTaxRates(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	c.rates = rates
	for _, r := range rates {
		c.taxRates[r.TaxType] = r
	}
	contacts, err := s.listContacts(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	c.people = contacts
	for _, k := range contacts {
		c.contacts[k.ContactID] = k
	}
	return c, nil
}
