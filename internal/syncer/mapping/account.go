package mapping

import (
	"cmp"
	"slices"

	"github.com/ledgersync/ledgersync"
)

// accountFallbacks are the keys whose unset slot falls back to another
// (SPEC §6.2).
var accountFallbacks = map[string]string{"paymentFeeRefund": "paymentFee"}

// account returns the account selected for a key, or a 4200 error naming
// the key.
func (m *mapper) account(section, key string) (string, error) {
	if id := m.cfg.SelectedAccount(section, key); id != "" {
		return id, nil
	}
	if fb, ok := accountFallbacks[key]; ok {
		if id := m.cfg.SelectedAccount(section, fb); id != "" {
			return id, nil
		}
	}
	return "", missing("No account mapped for %s", key)
}

// clearing returns the account of a payment type key.
func (m *mapper) clearing(typeKey string) (string, error) {
	return m.account(ledgersync.SectionPayments, typeKey)
}

// isBank reports whether an account is a bank account.
func (m *mapper) isBank(id string) bool {
	return m.in.Accounts[id].Type == ledgersync.AccountBank
}

// accountName is an account's name, or "" when it is not known.
func (m *mapper) accountName(id string) string { return m.in.Accounts[id].Name }

// customer returns the sales customer.
func (m *mapper) customer() (string, error) {
	if id := m.cfg.Configuration.Sales.SalesCustomer.SelectedCustomerID; id != nil && *id != "" {
		return *id, nil
	}
	return "", missing("No sales customer has been configured.")
}

// optionalCustomer returns the sales customer, or "" when none is set.
func (m *mapper) optionalCustomer() string {
	id, _ := m.customer()
	return id
}

// invoiceStatus returns the status sales invoices are written with.
func (m *mapper) invoiceStatus() (ledgersync.InvoiceStatus, error) {
	if s := m.cfg.Configuration.Sales.InvoiceStatus.SelectedInvoiceStatus; s != nil && *s != "" {
		return *s, nil
	}
	return "", missing("No selected invoice status.")
}

// supplier returns the fees supplier.
func (m *mapper) supplier() (string, error) {
	if id := m.cfg.Configuration.Fees.FeesSupplier.SelectedSupplierID; id != nil && *id != "" {
		return *id, nil
	}
	return "", missing("No fees supplier has been configured.")
}

// groupedBy reports whether a grouping level selects a choice.
func groupedBy(level ledgersync.GroupingLevel, g ledgersync.GroupBy) bool {
	return slices.Contains(level.SelectedGroupByOptions, g)
}

// groupKeyOf is the invoice-level group of an order (SPEC §6.3).
func (m *mapper) groupKeyOf(o *ledgersync.Order) groupKey {
	level := m.cfg.Configuration.Sales.Grouping.GroupingLevels.InvoiceLevel
	var k groupKey
	if groupedBy(level, ledgersync.GroupByCountry) {
		k.country = o.Country
	}
	if groupedBy(level, ledgersync.GroupByLocation) && o.LocationRef != nil {
		k.location = o.LocationRef.ID
	}
	return k
}

// lineLocation is the location that splits an order's lines, when the
// invoice line level groups by location.
func (m *mapper) lineLocation(o *ledgersync.Order) (id, name string) {
	level := m.cfg.Configuration.Sales.Grouping.GroupingLevels.InvoiceLineLevel
	if !groupedBy(level, ledgersync.GroupByLocation) || o.LocationRef == nil || o.LocationRef.ID == "" {
		return "", ""
	}
	return o.LocationRef.ID, cmp.Or(o.LocationRef.Name, o.LocationRef.ID)
}
