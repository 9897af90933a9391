package ledgersync

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// recordKind is what validation knows of one data type.
type recordKind struct {
	// name names one record in messages; property is the body's list.
	name, property, validator string
	// required lists the properties that must be set (SPEC §8.1 R).
	required []string
	// deleteKeys are the properties a sparse delete may set; none for the
	// catalogues, which are replaced whole.
	deleteKeys []string
	typ        reflect.Type
	decode     func(raw []byte) (CommerceRecord, error)
	// check applies the kind's own rules and normalises enums in place.
	check func(rec CommerceRecord, p *problems)
}

// kindOf describes data type T, whose pointer is a CommerceRecord.
func kindOf[T any, P interface {
	*T
	CommerceRecord
}](name, property, validator string, required, deleteKeys []string, check func(P, *problems)) *recordKind {
	return &recordKind{name: name, property: property, validator: validator, required: required,
		deleteKeys: deleteKeys, typ: reflect.TypeFor[T](),
		decode: func(raw []byte) (CommerceRecord, error) {
			var v T
			err := json.Unmarshal(raw, &v)
			return P(&v), err
		},
		check: func(rec CommerceRecord, p *problems) { check(rec.(P), p) },
	}
}

var dated = []string{"id", "currency", "createdDate"}

// recordKinds holds the rules of each data type (SPEC §8.1, §8.2).
var recordKinds = map[string]*recordKind{
	DataOrders: kindOf("order", "orders", "Orders", dated, []string{"id"}, checkOrder),
	DataPayments: kindOf("payment", "payments", "Payments", append([]string{"amount"}, dated...), []string{"id"},
		func(p *Payment, f *problems) {
			checkEnum(f, "type", &p.Type, PaymentTypes)
			checkEnum(f, "status", &p.Status, PaymentStatuses)
		}),
	DataTransactions: kindOf("transaction", "transactions", "Transactions", append([]string{"totalAmount"}, dated...),
		[]string{"id", "type"}, checkTransaction),
	DataProductCategories: kindOf("product category", "productCategories", "ProductCategories", []string{"id", "name"}, nil,
		func(*ProductCategory, *problems) {}),
	DataLocations: kindOf("location", "locations", "Locations", []string{"id", "name"}, nil, func(*Location, *problems) {}),
	DataTaxComponents: kindOf("tax component", "taxComponents", "TaxComponents", []string{"id", "name", "rate"}, nil,
		func(t *TaxComponent, f *problems) { checkRate(f, "rate", t.Rate) }),
}

// identity names a record's identity in a message.
func (k *recordKind) identity(h RecordHeader) string {
	if h.Type != "" {
		return fmt.Sprintf("id %s with type %s", h.ID, h.Type)
	}
	return "id " + h.ID
}

// isDelete reports whether an object sets only its identity (SPEC §8.2).
func (k *recordKind) isDelete(keys []string) bool {
	if !hasKey(keys, "id") || len(k.deleteKeys) == 0 {
		return false
	}
	for _, key := range keys {
		if !slices.ContainsFunc(k.deleteKeys, func(d string) bool { return strings.EqualFold(d, key) }) {
			return false
		}
	}
	return true
}

// checkOrder checks rates, service charge types and the totals, and
// makes missing lists empty.
func checkOrder(o *Order, p *problems) {
	o.OrderLineItems = nonNilSlice(o.OrderLineItems)
	o.ServiceCharges = nonNilSlice(o.ServiceCharges)
	o.Payments = nonNilSlice(o.Payments)
	for i := range o.OrderLineItems {
		l := &o.OrderLineItems[i]
		checkRate(p, fmt.Sprintf("orderLineItems[%d].taxPercentage", i), l.TaxPercentage)
		l.Taxes = nonNilSlice(l.Taxes)
	}
	for i := range o.ServiceCharges {
		c := &o.ServiceCharges[i]
		checkRate(p, fmt.Sprintf("serviceCharges[%d].taxPercentage", i), c.TaxPercentage)
		checkEnum(p, fmt.Sprintf("serviceCharges[%d].type", i), &c.Type, serviceChargeTypes)
		c.Taxes = nonNilSlice(c.Taxes)
	}
	if !orderTotalsAddUp(o) {
		p.add("Order totals do not add up")
	}
}

var serviceChargeTypes = []string{ServiceChargeUnknown, ServiceChargeGeneric, ServiceChargeShipping, ServiceChargeOverpayment}

// orderTotalsAddUp applies SPEC §8.2: with ε = 0.01 × max(1, lines),
// |Σ positive lines + Σ service charges − (totalAmount − totalRefund)| ≤ ε
// and |Σ negative lines − totalRefund| ≤ ε.
func orderTotalsAddUp(o *Order) bool {
	var positive, negative, charges Amount
	for _, l := range o.OrderLineItems {
		if l.TotalAmount >= 0 {
			positive += l.TotalAmount
		} else {
			negative += l.TotalAmount
		}
	}
	for _, c := range o.ServiceCharges {
		charges += c.TotalAmount
	}
	epsilon := MustAmount("0.01") * Amount(max(1, len(o.OrderLineItems)))
	return (positive+charges-(o.TotalAmount-o.TotalRefund)).Abs() <= epsilon &&
		(negative-o.TotalRefund).Abs() <= epsilon
}

// checkTransaction checks the transaction's type and its source's type.
func checkTransaction(t *Transaction, p *problems) {
	checkEnum(p, "type", &t.Type, TransactionTypes)
	if t.TransactionSourceRef != nil {
		checkEnum(p, "transactionSourceRef.type", &t.TransactionSourceRef.Type, TransactionSourceTypes)
	}
}

// checkEnum spells *v as the known value it matches case-insensitively
// (SPEC W4); empty means Unknown, and anything else is a problem.
func checkEnum(p *problems, field string, v *string, known []string) {
	if *v == "" {
		*v = "Unknown"
		return
	}
	c := canonicalEnum(*v, known)
	if !slices.Contains(known, c) {
		p.add("%s %q must be one of %s", field, *v, strings.Join(known, ", "))
		return
	}
	*v = c
}

// checkRate reports a rate outside 0–100.
func checkRate(p *problems, field string, rate Amount) {
	if rate < 0 || rate > MustAmount("100") {
		p.add("%s must be from 0 to 100, not %s", field, rate)
	}
}

// isCurrency reports whether s is three capital letters.
func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range 3 {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
