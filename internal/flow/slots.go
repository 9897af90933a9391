package flow

import (
	"net/url"
	"slices"
	"strings"

	"github.com/ledgersync/ledgersync"
)

// slotSection is a configuration section that holds account slots
// (SPEC §6.2).
type slotSection struct {
	name  string
	specs []ledgersync.SlotSpec
	slots func(*ledgersync.Configuration) map[string]*ledgersync.AccountSlot
}

// slotSections are the sections with account slots, by name.
var slotSections = map[string]slotSection{
	"sales": {"sales", ledgersync.SalesSlots,
		func(c *ledgersync.Configuration) map[string]*ledgersync.AccountSlot {
			return c.Configuration.Sales.Accounts
		}},
	"fees": {"fees", ledgersync.FeeSlots,
		func(c *ledgersync.Configuration) map[string]*ledgersync.AccountSlot {
			return c.Configuration.Fees.Accounts
		}},
	"payments": {"payments", ledgersync.PaymentSlots,
		func(c *ledgersync.Configuration) map[string]*ledgersync.AccountSlot {
			return c.Configuration.Payments.Accounts
		}},
}

// accountTypes are the types a new account may have, in the order they
// are offered.
var accountTypes = []ledgersync.AccountType{ledgersync.AccountIncome, ledgersync.AccountExpense,
	ledgersync.AccountBank, ledgersync.AccountAsset, ledgersync.AccountLiability, ledgersync.AccountEquity}

// keys lists a section's slot keys: the fixed ones in their order, then
// the product categories' by key.
func (s slotSection) keys(cfg *ledgersync.Configuration) []string {
	slots := s.slots(cfg)
	var out, categories []string
	for _, spec := range s.specs {
		if slots[spec.Key] != nil {
			out = append(out, spec.Key)
		}
	}
	for key := range slots {
		if _, ok := ledgersync.ProductCategoryID(key); ok {
			categories = append(categories, key)
		}
	}
	slices.Sort(categories)
	return append(out, categories...)
}

// allowedTypes lists the types a new account of a slot may have: those
// the slot accepts as they are created (a created asset does not take
// payments). A category takes Income (SPEC §6.2).
func (s slotSection) allowedTypes(key string) []ledgersync.AccountType {
	if _, ok := ledgersync.ProductCategoryID(key); ok {
		return []ledgersync.AccountType{ledgersync.AccountIncome}
	}
	i := slices.IndexFunc(s.specs, func(spec ledgersync.SlotSpec) bool { return spec.Key == key })
	if i < 0 {
		return nil
	}
	var out []ledgersync.AccountType
	for _, t := range accountTypes {
		if s.specs[i].Allows(ledgersync.Account{Type: t, Active: true}) {
			out = append(out, t)
		}
	}
	return out
}

// slotPath is the path of a slot's selection.
func (s slotSection) slotPath(key string) []string {
	return []string{"configuration", s.name, "accounts", key, "selectedAccountId"}
}

// slotLabel is a slot's label: its text (SPEC §5.3), "Other sales" for
// the sales slot once categories exist, or the category's name.
func (c *formContext) slotLabel(s slotSection, key string) string {
	slot := s.slots(c.cfg)[key]
	switch {
	case strings.HasPrefix(key, ledgersync.ProductCategoryKeyPrefix):
		return slot.LabelText
	case s.name == "sales" && key == "sales" && len(c.loaded.Sources.ProductCategories) > 0:
		return c.text.ui("content-sales-accounts-entries-sales-other")
	}
	return c.text.ui("content-" + s.name + "-accounts-entries-" + key)
}

// accountFields are the visible account slots of a section (SPEC §5.4:
// hidden slots are left out, so their stored values stay).
func (c *formContext) accountFields(s slotSection) []*field {
	slots := s.slots(c.cfg)
	var out []*field
	for _, key := range s.keys(c.cfg) {
		visible := s.name + "-accounts-" + key
		if s.name == "sales" && key == "sales" && len(c.loaded.Sources.ProductCategories) > 0 {
			visible = "sales-accounts-sales-other"
		}
		if !c.shown(visible) {
			continue
		}
		slot := slots[key]
		f := newField(kindSelect, c.slotLabel(s, key), putSelection, s.slotPath(key)...)
		f.Required, f.Value = slot.Required, deref(slot.SelectedAccountID)
		f.Options = c.accountChoices(slot.AccountOptions)
		if c.linked() {
			f.CreateURL, f.CreateLabel = c.createURL(s.name, key), c.text.msg("account.create")
		}
		out = append(out, f)
	}
	return out
}

// accountChoices lists a slot's accounts as "code – name".
func (c *formContext) accountChoices(options []ledgersync.AccountOption) []choice {
	out := []choice{{Value: "", Label: c.text.msg("choose.account")}}
	for _, o := range options {
		label := o.Name
		if o.NominalCode != "" {
			label = o.NominalCode + " – " + o.Name
		}
		out = append(out, choice{Value: o.ID, Label: label})
	}
	return out
}

// createURL leads to "Create new account…" for a slot, coming back to the
// page the form is on.
func (c *formContext) createURL(section, key string) string {
	q := url.Values{"section": {section}, "key": {key}, "back": {c.back}}
	return c.path("accounts") + "?" + q.Encode()
}

// deref returns a selection's value, or "".
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
