package sandbox

import (
	"fmt"
	"strings"
)

// contactRef is a document's Contact: Xero takes its ContactID.
type contactRef struct {
	ContactID string `json:",omitempty"`
	Name      string `json:",omitempty"`
}

// accountRef names an account by AccountID or Code.
type accountRef struct {
	AccountID string `json:",omitempty"`
	Code      string `json:",omitempty"`
	Name      string `json:",omitempty"`
}

// contact resolves a document's contact, which must exist and be active.
func (ch *chart) contact(ref *contactRef) (*contact, string) {
	if ref.ContactID == "" {
		return nil, "A contact (Contact.ContactID) is required."
	}
	c := ch.contacts[ref.ContactID]
	switch {
	case c == nil:
		return nil, fmt.Sprintf("Contact %s does not exist.", ref.ContactID)
	case c.ContactStatus != "ACTIVE":
		return nil, fmt.Sprintf("Contact %q (%s) is archived.", c.Name, c.ContactID)
	}
	ref.Name = c.Name
	return c, ""
}

// account resolves an account by id, else by code; it must be active.
func (ch *chart) account(id, code string) (*account, string) {
	var a *account
	switch {
	case id != "":
		if a = ch.byID[id]; a == nil {
			return nil, fmt.Sprintf("account %s does not exist", id)
		}
	case code != "":
		if a = ch.byCode[code]; a == nil {
			return nil, fmt.Sprintf("account code %s does not exist", code)
		}
	default:
		return nil, "an account (AccountID or AccountCode) is required"
	}
	if !a.active() {
		return nil, fmt.Sprintf("account %s is archived", a.label())
	}
	return a, ""
}

// resolve fills the reference from the account it names.
func (ch *chart) resolve(ref *accountRef) (*account, string) {
	a, why := ch.account(ref.AccountID, ref.Code)
	if a != nil {
		*ref = accountRef{AccountID: a.AccountID, Code: a.Code, Name: a.Name}
	}
	return a, why
}

// taxRate resolves an active tax rate by its TaxType.
func (ch *chart) taxRate(taxType string) (*taxRate, string) {
	r := ch.taxRates[taxType]
	switch {
	case r == nil:
		return nil, fmt.Sprintf("tax rate %s does not exist", taxType)
	case r.Status != "ACTIVE":
		return nil, fmt.Sprintf("tax rate %q (%s) is not active", r.Name, taxType)
	}
	return r, ""
}

// checkDate defaults a missing date to today, as Xero does, and refuses
// one that is not a date.
func (ch *chart) checkDate(d *day, field string) string {
	if *d == "" {
		*d = day(ch.today)
	}
	if !d.valid() {
		return fmt.Sprintf("%s %q is not a valid date (YYYY-MM-DD).", field, strings.TrimPrefix(string(*d), invalidDay))
	}
	return ""
}

// oneOf checks an enumerated field, defaulting an empty one to def.
func oneOf(v *string, field, def string, allowed ...string) string {
	if *v == "" {
		*v = def
	}
	for _, a := range allowed {
		if *v == a {
			return ""
		}
	}
	return fmt.Sprintf("%s %s is not allowed here; use %s.", field, *v, strings.Join(allowed, " or "))
}
