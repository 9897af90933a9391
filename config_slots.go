package ledgersync

import (
	"slices"
	"strings"
)

// Configuration sections: the validator names of §6.4 and the JSON paths
// of their fields.
const (
	SectionSales         = "Sales"
	SectionPayments      = "Payments"
	SectionFees          = "Fees"
	SectionSchedule      = "Schedule"
	SectionConfiguration = "Configuration"
)

// ProductCategoryKeyPrefix starts the sales account key of a product
// category: "productCategory-{id}".
const ProductCategoryKeyPrefix = "productCategory-"

// SlotSpec describes one account type key of SPEC §6.2.
type SlotSpec struct {
	Key string
	// Label is the en-us text of SPEC §5.3.
	Label string
	// Required applies while the section's sync toggle is on.
	Required bool
	// Allows reports whether an account may fill the slot.
	Allows func(Account) bool
}

// accountOfType allows accounts of the given types.
func accountOfType(types ...AccountType) func(Account) bool {
	return func(a Account) bool { return slices.Contains(types, a.Type) }
}

// acceptsPayments allows bank accounts, and asset or liability accounts
// that accept payments.
func acceptsPayments(a Account) bool {
	switch a.Type {
	case AccountBank:
		return true
	case AccountAsset, AccountLiability:
		return a.AcceptsPayments
	}
	return false
}

var (
	incomeAccount = accountOfType(AccountIncome)
	unusedFeeSlot = accountOfType(AccountLiability, AccountExpense, AccountIncome)
)

// salesOtherLabel labels the "sales" slot once categories exist.
const salesOtherLabel = "Other sales"

// SalesSlots are the fixed sales account keys; categories add more.
var SalesSlots = []SlotSpec{
	{Key: "sales", Label: "Sales", Required: true, Allows: incomeAccount},
	{Key: "refund", Label: "Refunds", Required: true, Allows: incomeAccount},
	{Key: "gratuity", Label: "Gratuity", Allows: accountOfType(AccountIncome, AccountLiability)},
	{Key: "prepaid", Label: "Prepaid", Allows: accountOfType(AccountLiability)},
}

// PaymentSlots are the payment account keys: one per payment type, and
// payout.
var PaymentSlots = []SlotSpec{
	{Key: "card", Label: "Card", Required: true, Allows: acceptsPayments},
	{Key: "cash", Label: "Cash", Allows: acceptsPayments},
	{Key: "invoice", Label: "Invoice", Allows: acceptsPayments},
	{Key: "onlineCard", Label: "Online card", Allows: acceptsPayments},
	{Key: "payout", Label: "Payout", Allows: accountOfType(AccountBank)},
	{Key: "custom", Label: "Custom", Allows: acceptsPayments},
	{Key: "storeCredit", Label: "Store credit", Allows: acceptsPayments},
	{Key: "paypal", Label: "PayPal", Allows: acceptsPayments},
	{Key: "paypalQr", Label: "PayPal QR", Allows: acceptsPayments},
	{Key: "mobile", Label: "Mobile", Allows: acceptsPayments},
	{Key: "vipps", Label: "Vipps", Allows: acceptsPayments},
	{Key: "swish", Label: "Swish", Allows: acceptsPayments},
	{Key: "prepaidPayment", Label: "Prepaid payment", Allows: acceptsPayments},
	{Key: "manual", Label: "Manual", Allows: acceptsPayments},
}

// FeeSlots are the fee account keys.
var FeeSlots = []SlotSpec{
	{Key: "paymentFee", Label: "Payment fee", Required: true, Allows: accountOfType(AccountExpense, AccountBank)},
	{Key: "paymentFeeRefund", Label: "Payment fee refund", Allows: accountOfType(AccountExpense, AccountIncome, AccountBank)},
	{Key: "loan", Label: "Loan", Allows: unusedFeeSlot},
	{Key: "loanPayment", Label: "Loan payment", Allows: unusedFeeSlot},
	{Key: "loanFee", Label: "Loan fee", Allows: unusedFeeSlot},
	{Key: "cashback", Label: "Cashback", Allows: unusedFeeSlot},
}

// productCategorySlot is the spec of a category's slot, labelled with the
// category's name.
func productCategorySlot(id, name string) SlotSpec {
	return SlotSpec{Key: ProductCategoryKeyPrefix + id, Label: name, Allows: incomeAccount}
}

// ProductCategoryID returns the category id of a productCategory-{id} key.
func ProductCategoryID(key string) (string, bool) {
	id, ok := strings.CutPrefix(key, ProductCategoryKeyPrefix)
	return id, ok && id != ""
}

// PaymentTypeKey returns the payments account key of a commerce
// Payment.type: the camelCase type, except Prepaid→prepaidPayment and
// Unknown→manual (SPEC §6.2). It reports false for an unknown type.
func PaymentTypeKey(paymentType string) (string, bool) {
	switch strings.ToLower(paymentType) {
	case "prepaid":
		return "prepaidPayment", true
	case "unknown":
		return "manual", true
	}
	for _, s := range PaymentSlots {
		if s.Key != "payout" && strings.EqualFold(s.Key, paymentType) {
			return s.Key, true
		}
	}
	return "", false
}

// sectionAccounts names a section's account slots with the JSON path of
// its accounts map.
type sectionAccounts struct {
	section string
	path    string
	slots   map[string]*AccountSlot
	specs   []SlotSpec
	enabled bool
}

// accountSections lists the three sections that hold account slots.
func (c *Configuration) accountSections() []sectionAccounts {
	cc := &c.Configuration
	return []sectionAccounts{
		{SectionSales, "configuration.sales.accounts", cc.Sales.Accounts, SalesSlots, cc.Sales.SyncSales},
		{SectionPayments, "configuration.payments.accounts", cc.Payments.Accounts, PaymentSlots, cc.Payments.SyncPayments},
		{SectionFees, "configuration.fees.accounts", cc.Fees.Accounts, FeeSlots, cc.Fees.SyncFees},
	}
}

// slotPath is the JSON path of a slot's selection.
func (s sectionAccounts) slotPath(key string) string {
	return s.path + "." + key + ".selectedAccountId"
}

// selected returns the slot's selected account id, or "".
func selected(slots map[string]*AccountSlot, key string) string {
	if s := slots[key]; s != nil && s.SelectedAccountID != nil {
		return *s.SelectedAccountID
	}
	return ""
}

// SelectedAccount returns the account selected for a key of a section
// (SectionSales, SectionPayments or SectionFees), or "" when none is.
func (c *Configuration) SelectedAccount(section, key string) string {
	for _, s := range c.accountSections() {
		if s.section == section {
			return selected(s.slots, key)
		}
	}
	return ""
}
