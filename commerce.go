package ledgersync

import (
	"encoding/json"
	"slices"
	"time"
)

// Commerce data pushed by the partner (SPEC §8). Amounts are exact; a
// missing number is zero and a missing list is empty.

// Ref names another record.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Order is one sale, with its lines, service charges and refunds.
type Order struct {
	ID                 string          `json:"id"`
	OrderNumber        string          `json:"orderNumber,omitempty"`
	Country            string          `json:"country,omitempty"`
	Currency           string          `json:"currency"`
	CreatedDate        *DateTime       `json:"createdDate,omitempty"`
	ClosedDate         *DateTime       `json:"closedDate,omitempty"`
	ModifiedDate       *DateTime       `json:"modifiedDate,omitempty"`
	SourceModifiedDate *DateTime       `json:"sourceModifiedDate,omitempty"`
	TotalAmount        Amount          `json:"totalAmount"`
	TotalRefund        Amount          `json:"totalRefund"`
	TotalTaxAmount     Amount          `json:"totalTaxAmount"`
	TotalGratuity      Amount          `json:"totalGratuity"`
	TotalDiscount      Amount          `json:"totalDiscount"`
	OrderLineItems     []OrderLineItem `json:"orderLineItems"`
	ServiceCharges     []ServiceCharge `json:"serviceCharges"`
	Payments           []Ref           `json:"payments"`
	LocationRef        *Ref            `json:"locationRef,omitempty"`
	CustomerRef        *Ref            `json:"customerRef,omitempty"`
}

// OrderLineItem is one line of an order; negative for a refund.
type OrderLineItem struct {
	ID                 string    `json:"id,omitempty"`
	Quantity           Amount    `json:"quantity"`
	TaxPercentage      Amount    `json:"taxPercentage"`
	TotalAmount        Amount    `json:"totalAmount"`
	TotalTaxAmount     Amount    `json:"totalTaxAmount"`
	UnitPrice          Amount    `json:"unitPrice"`
	ProductRef         *Ref      `json:"productRef,omitempty"`
	ProductVariantRef  *Ref      `json:"productVariantRef,omitempty"`
	Taxes              []TaxLine `json:"taxes"`
	IsGiftCard         bool      `json:"isGiftCard"`
	ProductCategoryRef *Ref      `json:"productCategoryRef,omitempty"`
	// DiscountAllocations are informational, kept exactly as sent.
	DiscountAllocations []json.RawMessage `json:"discountAllocations,omitempty"`
}

// TaxLine is one tax component's share of a line.
type TaxLine struct {
	TaxComponentRef Ref    `json:"taxComponentRef"`
	TaxAmount       Amount `json:"taxAmount"`
}

// ServiceCharge types.
const (
	ServiceChargeUnknown     = "Unknown"
	ServiceChargeGeneric     = "Generic"
	ServiceChargeShipping    = "Shipping"
	ServiceChargeOverpayment = "Overpayment"
)

// ServiceCharge is a charge on an order beyond its lines.
type ServiceCharge struct {
	Description   string    `json:"description,omitempty"`
	TotalAmount   Amount    `json:"totalAmount"`
	TaxPercentage Amount    `json:"taxPercentage"`
	TaxAmount     Amount    `json:"taxAmount"`
	Quantity      Amount    `json:"quantity"`
	Type          string    `json:"type"`
	Taxes         []TaxLine `json:"taxes"`
}

// Payment types and statuses of the contract.
var (
	PaymentTypes    = []string{"Unknown", "Cash", "Card", "Invoice", "OnlineCard", "Swish", "Vipps", "Mobile", "StoreCredit", "Paypal", "Custom", "Prepaid"}
	PaymentStatuses = []string{"Unknown", "Pending", "Authorized", "Paid", "Failed", "Cancelled"}
)

// Payment is money received for orders.
type Payment struct {
	ID                 string    `json:"id"`
	Amount             Amount    `json:"amount"`
	Currency           string    `json:"currency"`
	Type               string    `json:"type"`
	Status             string    `json:"status"`
	PaymentProvider    string    `json:"paymentProvider,omitempty"`
	CreatedDate        *DateTime `json:"createdDate,omitempty"`
	DueDate            *DateTime `json:"dueDate,omitempty"`
	ModifiedDate       *DateTime `json:"modifiedDate,omitempty"`
	SourceModifiedDate *DateTime `json:"sourceModifiedDate,omitempty"`
}

// Transaction types and source types of the contract.
var (
	TransactionTypes       = []string{"Unknown", "Payment", "Refund", "Payout", "FailedPayout", "Transfer", "PaymentFee", "PaymentFeeRefund"}
	TransactionSourceTypes = []string{"Unknown", "Fee", "Order", "Payment", "ServiceCharge"}
)

// TransactionSourceRef names what a transaction is about.
type TransactionSourceRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// Transaction is a movement of money: a refund, a fee, a payout.
type Transaction struct {
	ID                   string                `json:"id"`
	Type                 string                `json:"type"`
	SubType              string                `json:"subType,omitempty"`
	TotalAmount          Amount                `json:"totalAmount"`
	Currency             string                `json:"currency"`
	CreatedDate          *DateTime             `json:"createdDate,omitempty"`
	ModifiedDate         *DateTime             `json:"modifiedDate,omitempty"`
	SourceModifiedDate   *DateTime             `json:"sourceModifiedDate,omitempty"`
	TransactionSourceRef *TransactionSourceRef `json:"transactionSourceRef,omitempty"`
}

// ProductCategory, Location and TaxComponent are the pushed catalogues.
type ProductCategory struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Location is a place of business.
type Location struct {
	ID      string         `json:"id"`
	Name    string         `json:"name"`
	Address map[string]any `json:"address,omitempty"`
}

// TaxComponent is a named tax with its rate.
type TaxComponent struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Rate       Amount `json:"rate"`
	IsCompound bool   `json:"isCompound"`
}

// Version is a record's version for deduplication: sourceModifiedDate,
// else modifiedDate, else createdDate (SPEC §8.3).
func Version(source, modified, created *DateTime) time.Time {
	for _, t := range []*DateTime{source, modified, created} {
		if t != nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// The pushed data types, as a dataset's dataType names them (SPEC §3.6).
const (
	DataOrders            = "commerce-orders"
	DataPayments          = "commerce-payments"
	DataTransactions      = "commerce-transactions"
	DataProductCategories = "commerce-productCategories"
	DataLocations         = "commerce-locations"
	DataTaxComponents     = "commerce-taxComponents"
)

// DatasetComplete is the status of every stored dataset: a push is
// stored whole, in one transaction, or not at all.
const DatasetComplete = "Complete"

// Dataset is one accepted push (SPEC §3.6).
type Dataset struct {
	ID           string
	CompanyID    string
	ConnectionID string
	DataType     string
	Status       string
	Requested    time.Time
	Completed    time.Time
}

// CommerceRecord is a validated, pushed record of any data type.
type CommerceRecord interface {
	// Header is what the store keeps beside the record itself.
	Header() RecordHeader
}

// RecordHeader is a record's identity (SPEC §8.3) and the fields the
// store keeps beside it: the dated records' currency and dates, the
// catalogue records' name.
type RecordHeader struct {
	ID string
	// Type is the transaction type, part of a transaction's identity;
	// empty for the other data types.
	Type     string
	Currency string
	Created  time.Time
	Version  time.Time
	Name     string
}

// SparseDelete is an object with only its identity set: it deletes the
// record. A transaction delete without a type deletes every transaction
// with the id.
type SparseDelete struct {
	ID   string `json:"id"`
	Type string `json:"type,omitempty"`
}

// Header returns the identity to delete.
func (d *SparseDelete) Header() RecordHeader { return RecordHeader{ID: d.ID, Type: d.Type} }

// Header returns the order's identity, currency and dates.
func (o *Order) Header() RecordHeader {
	return datedHeader(o.ID, "", o.Currency, o.SourceModifiedDate, o.ModifiedDate, o.CreatedDate)
}

// Header returns the payment's identity, currency and dates.
func (p *Payment) Header() RecordHeader {
	return datedHeader(p.ID, "", p.Currency, p.SourceModifiedDate, p.ModifiedDate, p.CreatedDate)
}

// Header returns the transaction's identity (id and type), currency and
// dates.
func (t *Transaction) Header() RecordHeader {
	return datedHeader(t.ID, t.Type, t.Currency, t.SourceModifiedDate, t.ModifiedDate, t.CreatedDate)
}

// Header returns the category's id and name.
func (c *ProductCategory) Header() RecordHeader { return RecordHeader{ID: c.ID, Name: c.Name} }

// Header returns the location's id and name.
func (l *Location) Header() RecordHeader { return RecordHeader{ID: l.ID, Name: l.Name} }

// Header returns the tax component's id and name.
func (t *TaxComponent) Header() RecordHeader { return RecordHeader{ID: t.ID, Name: t.Name} }

func datedHeader(id, typ, currency string, source, modified, created *DateTime) RecordHeader {
	h := RecordHeader{ID: id, Type: typ, Currency: currency, Version: Version(source, modified, created)}
	if created != nil {
		h.Created = created.UTC()
	}
	return h
}

// TaxPercentages lists the distinct taxPercentage values of the order's
// lines and service charges, as canonical text ("20", "5.5").
func (o *Order) TaxPercentages() []string {
	var out []string
	add := func(p Amount) {
		if s := p.String(); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, l := range o.OrderLineItems {
		add(l.TaxPercentage)
	}
	for _, c := range o.ServiceCharges {
		add(c.TaxPercentage)
	}
	return out
}

// Pushed returns the tax component as the configuration's option lists
// take it.
func (t *TaxComponent) Pushed() PushedTaxComponent {
	return PushedTaxComponent{ID: t.ID, Name: t.Name, Rate: t.Rate.String()}
}

// Pushed returns the category as the configuration's option lists take it.
func (c *ProductCategory) Pushed() PushedCategory { return PushedCategory{ID: c.ID, Name: c.Name} }
