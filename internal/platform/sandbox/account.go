package sandbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// organisation is Xero's Organisation.
type organisation struct {
	OrganisationID         string
	Name                   string
	LegalName              string
	PaysTax                bool
	Version                string
	OrganisationType       string
	BaseCurrency           string
	CountryCode            string
	IsDemoCompany          bool
	OrganisationStatus     string
	FinancialYearEndDay    int
	FinancialYearEndMonth  int
	SalesTaxBasis          string
	SalesTaxPeriod         string
	DefaultSalesTax        string
	DefaultPurchasesTax    string
	Timezone               string
	OrganisationEntityType string
	Class                  string
	Edition                string
	CreatedDateUTC         msDate
}

func (o *org) xero() organisation {
	return organisation{
		OrganisationID: o.ID, Name: o.Name, LegalName: o.Name, PaysTax: true, Version: "UK",
		OrganisationType: "COMPANY", BaseCurrency: o.BaseCurrency, CountryCode: o.CountryCode,
		IsDemoCompany: o.Demo, OrganisationStatus: "ACTIVE", FinancialYearEndDay: 31,
		FinancialYearEndMonth: 3, SalesTaxBasis: "ACCRUAL", SalesTaxPeriod: "QUARTERLY1",
		DefaultSalesTax: "Tax Exclusive", DefaultPurchasesTax: "Tax Exclusive",
		Timezone: "GMTSTANDARDTIME", OrganisationEntityType: "COMPANY", Class: "STANDARD",
		Edition: "BUSINESS", CreatedDateUTC: msDate(o.CreatedAt),
	}
}

func (s *Sandbox) getOrganisation(c *call) (*reply, error) {
	return s.ok("Organisations", []organisation{c.org.xero()})
}

// getAccounts lists the chart of accounts, filtered by where.
func (s *Sandbox) getAccounts(c *call) (*reply, error) {
	f, err := parseFilter(c.r.URL.Query(), "Accounts")
	if err != nil {
		return nil, err
	}
	all, err := s.listAccounts(c.r.Context(), s.read, c.org.ID)
	if err != nil {
		return nil, err
	}
	items := []*account{}
	for _, a := range all {
		if f.matches(a) {
			items = append(items, a)
		}
	}
	return s.ok("Accounts", items)
}

func (s *Sandbox) getAccount(c *call) (*reply, error) {
	all, err := s.listAccounts(c.r.Context(), s.read, c.org.ID)
	if err != nil {
		return nil, err
	}
	for _, a := range all {
		if a.AccountID == c.r.PathValue("id") {
			return s.ok("Accounts", []*account{a})
		}
	}
	return nil, errNotFound
}

// putAccount adds an account to the chart: a unique Code, a Name and one
// of Xero's types.
func (s *Sandbox) putAccount(c *call) (*reply, error) {
	var a account
	if err := json.Unmarshal(c.body, &a); err != nil {
		return nil, invalidMessage("The account could not be read: " + err.Error())
	}
	a.Code, a.Name = strings.TrimSpace(a.Code), strings.TrimSpace(a.Name)
	a.fail(a.check()...)
	ch, err := s.loadChart(c.r.Context(), c.org)
	if err != nil {
		return nil, err
	}
	if _, why := ch.taxRate(a.TaxType); why != "" {
		a.fail("TaxType: " + why + ".")
	}
	if a.failed() {
		return nil, invalid(&a)
	}
	a.AccountID, a.Status = uuid.NewString(), "ACTIVE"
	return s.commit(c, func(ctx context.Context, tx *sql.Tx) (*reply, error) {
		created, err := insertAccount(ctx, tx, c.org.ID, &a, s.now())
		if err != nil {
			return nil, err
		}
		if !created {
			a.fail(fmt.Sprintf("Please enter a unique Code: %s is already used by another account.", a.Code))
			return nil, invalid(&a)
		}
		return s.ok("Accounts", []*account{&a})
	})
}

// check validates a new account's fields and fills defaults.
func (a *account) check() []string {
	var why []string
	if a.Code == "" || len(a.Code) > 10 {
		why = append(why, "Code is required, at most 10 characters.")
	}
	if a.Name == "" || len(a.Name) > 150 {
		why = append(why, "Name is required, at most 150 characters.")
	}
	if _, ok := accountClass[a.Type]; !ok {
		why = append(why, fmt.Sprintf("Type %q is not one of Xero's account types, such as REVENUE, EXPENSE, BANK or CURRLIAB.", a.Type))
	}
	if a.TaxType == "" {
		a.TaxType = "tr-0"
		if c := accountClass[a.Type]; c == "REVENUE" || c == "EXPENSE" {
			a.TaxType = "tr-20"
		}
	}
	return why
}

func (s *Sandbox) getTaxRates(c *call) (*reply, error) {
	rates, err := s.listTaxRates(c.r.Context(), c.org.ID)
	if err != nil {
		return nil, err
	}
	return s.ok("TaxRates", rates)
}

func (s *Sandbox) getContacts(c *call) (*reply, error) {
	contacts, err := s.listContacts(c.r.Context(), c.org.ID)
	if err != nil {
		return nil, err
	}
	return s.ok("Contacts", contacts)
}

func (s *Sandbox) getContact(c *call) (*reply, error) {
	contacts, err := s.listContacts(c.r.Context(), c.org.ID)
	if err != nil {
		return nil, err
	}
	for _, k := range contacts {
		if k.ContactID == c.r.PathValue("id") {
			return s.ok("Contacts", []*contact{k})
		}
	}
	return nil, errNotFound
}
