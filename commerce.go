package ledgersync

import "time"

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
	CreatedDate        *time.Time      `json:"createdDate,omitempty"`
	ClosedDate         *time.Time      `json:"closedDate,omitempty"`
	ModifiedDate       *time.Time      `json:"modifiedDate,omitempty"`
	SourceModifiedDate *time.Time      `json:"sourceModifiedDate,omitempty"`
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
	ID                  string    `json:"id,omitempty"`
	Quantity            Amount    `json:"quantity"`
	TaxPercentage       Amount    `json:"taxPercentage"`
	TotalAmount         Amount    `json:"totalAmount"`
	TotalTaxAmount      Amount    `json:"totalTaxAmount"`
	UnitPrice           Amount    `json:"unitPrice"`
	ProductRef          *Ref      `json:"productRef,omitempty"`
	ProductVariantRef   *Ref      `json:"productVariantRef,omitempty"`
	Taxes               []TaxLine `json:"taxes"`
	IsGiftCard          bool      `json:"isGiftCard"`
	ProductCategoryRef  *Ref      `json:"productCategoryRef,omitempty"`
	DiscountAllocations []any     `json:"discountAllocations,omitempty"`
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
	CreatedDate          *time.Time            `json:"createdDate,omitempty"`
	ModifiedDate         *time.Time            `json:"modifiedDate,omitempty"`
	SourceModifiedDate   *time.Time            `json:"sourceModifiedDate,omitempty"`
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
