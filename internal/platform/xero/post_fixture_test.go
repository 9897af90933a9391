package xero

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// postCompany is the company of the mapped documents.
const postCompany = "0f2b6d0e-5c1a-4e7b-9a3d-2b8c4f6e1a90"

// postConfigJSON is the Sandbox company's configuration in invoice mode,
// as the mapping tests configure it.
const postConfigJSON = `{
  "companyId": "0f2b6d0e-5c1a-4e7b-9a3d-2b8c4f6e1a90",
  "enable": true,
  "schedule": {"selectedFrequency": "Daily", "startDate": "2024-03-01", "syncHour": 0, "timeZone": "Europe/London"},
  "configuration": {
    "sales": {
      "syncSales": true,
      "accounts": {
        "sales": {"selectedAccountId": "acc-4000"},
        "refund": {"selectedAccountId": "acc-4010"},
        "gratuity": {"selectedAccountId": "acc-2110"},
        "prepaid": {"selectedAccountId": "acc-2100"}
      },
      "invoiceStatus": {"selectedInvoiceStatus": "Submitted"},
      "salesCustomer": {"selectedCustomerId": "cus-1"},
      "taxRates": {"0": {"selectedTaxRateId": "tr-0"}, "5": {"selectedTaxRateId": "tr-5"}, "20": {"selectedTaxRateId": "tr-20"}},
      "newTaxRates": {
        "taxRateMappings": [{"selectedCommerceTaxRateIds": ["vat20"], "selectedAccountingTaxRateId": "tr-20"}],
        "selectedDefaultZeroTaxRateId": "tr-0"
      },
      "grouping": {
        "groupingPeriod": {"selectedGroupingPeriod": "Daily"},
        "groupingLevels": {"invoiceLevel": {"selectedGroupByOptions": ["Country"]}, "invoiceLineLevel": {"selectedGroupByOptions": []}}
      }
    },
    "payments": {
      "syncPayments": true,
      "accounts": {
        "card": {"selectedAccountId": "acc-1200"},
        "cash": {"selectedAccountId": "acc-1000"},
        "invoice": {"selectedAccountId": "acc-1100"},
        "payout": {"selectedAccountId": "acc-1010"}
      }
    },
    "fees": {
      "syncFees": true,
      "feesSupplier": {"selectedSupplierId": "sup-1"},
      "accounts": {"paymentFee": {"selectedAccountId": "acc-6100"}, "paymentFeeRefund": {"selectedAccountId": "acc-6100"}}
    }
  }
}`

// postExampleJSON is the commerce data of the worked example (SPEC §9.4).
const postExampleJSON = `{
  "orders": [
    {"id": "O1", "currency": "GBP", "createdDate": "2024-03-05T10:00:00Z",
     "totalAmount": "18.00", "totalTaxAmount": "2.00", "totalGratuity": "1.50",
     "orderLineItems": [
       {"id": "O1-1", "quantity": 1, "unitPrice": "12.00", "taxPercentage": 20, "totalAmount": "12.00", "totalTaxAmount": "2.00",
        "taxes": [{"taxComponentRef": {"id": "vat20"}, "taxAmount": "2.00"}]},
       {"id": "O1-2", "quantity": 1, "unitPrice": "6.00", "taxPercentage": 0, "totalAmount": "6.00", "totalTaxAmount": 0}],
     "payments": [{"id": "P1"}]},
    {"id": "O2", "currency": "GBP", "createdDate": "2024-03-05T12:30:00Z",
     "totalAmount": "49.00", "totalTaxAmount": "4.00",
     "orderLineItems": [
       {"id": "O2-1", "quantity": 2, "unitPrice": "12.00", "taxPercentage": 20, "totalAmount": "24.00", "totalTaxAmount": "4.00",
        "taxes": [{"taxComponentRef": {"id": "vat20"}, "taxAmount": "4.00"}]},
       {"id": "O2-2", "quantity": 1, "unitPrice": "25.00", "taxPercentage": 0, "totalAmount": "25.00", "isGiftCard": true}],
     "payments": [{"id": "P2"}]},
    {"id": "O3", "currency": "GBP", "createdDate": "2024-03-05T18:45:00Z",
     "totalAmount": "24.00", "totalRefund": "-6.00", "totalTaxAmount": "4.00",
     "orderLineItems": [
       {"id": "O3-1", "quantity": 5, "unitPrice": "6.00", "taxPercentage": 20, "totalAmount": "30.00", "totalTaxAmount": "5.00",
        "taxes": [{"taxComponentRef": {"id": "vat20"}, "taxAmount": "5.00"}]},
       {"id": "O3-2", "quantity": -1, "unitPrice": "6.00", "taxPercentage": 20, "totalAmount": "-6.00", "totalTaxAmount": "-1.00",
        "taxes": [{"taxComponentRef": {"id": "vat20"}, "taxAmount": "-1.00"}]}],
     "payments": [{"id": "P3"}]}
  ],
  "payments": [
    {"id": "P1", "amount": "19.50", "currency": "GBP", "type": "Card", "status": "Paid", "createdDate": "2024-03-05T10:01:00Z"},
    {"id": "P2", "amount": "49.00", "currency": "GBP", "type": "Cash", "status": "Paid", "createdDate": "2024-03-05T12:31:00Z"},
    {"id": "P3", "amount": "30.00", "currency": "GBP", "type": "Card", "status": "Paid", "createdDate": "2024-03-05T18:46:00Z"}
  ],
  "transactions": [
    {"id": "R3", "type": "Refund", "totalAmount": "-6.00", "currency": "GBP", "createdDate": "2024-03-05T19:00:00Z",
     "transactionSourceRef": {"id": "P3", "type": "Payment"}},
    {"id": "P1", "type": "PaymentFee", "totalAmount": "-0.29", "currency": "GBP", "createdDate": "2024-03-05T10:01:00Z",
     "transactionSourceRef": {"id": "P1", "type": "Payment"}},
    {"id": "P3", "type": "PaymentFee", "totalAmount": "-0.45", "currency": "GBP", "createdDate": "2024-03-05T18:46:00Z",
     "transactionSourceRef": {"id": "P3", "type": "Payment"}},
    {"id": "R3", "type": "PaymentFeeRefund", "totalAmount": "0.09", "currency": "GBP", "createdDate": "2024-03-05T19:00:00Z",
     "transactionSourceRef": {"id": "P3", "type": "Payment"}},
    {"id": "PO1", "type": "Payout", "totalAmount": "-40.00", "currency": "GBP", "createdDate": "2024-03-05T22:00:00Z"},
    {"id": "P1", "type": "Payment", "totalAmount": "19.50", "currency": "GBP", "createdDate": "2024-03-05T10:01:00Z",
     "transactionSourceRef": {"id": "O1", "type": "Order"}}
  ]
}`

// postMode adjusts the example's input: journal mode, or fees on a bank
// account.
type postMode func(in *mapping.Input)

// journalEntries switches to journal mode (SPEC §9.3).
func journalEntries(in *mapping.Input) {
	in.Config.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
}

// feesOnBank puts fees on the current account, a bank account, so that
// they become spend and receive money (SPEC §9.2 steps 5 and 6).
func feesOnBank(in *mapping.Input) {
	id := "acc-1010"
	in.Config.Configuration.Fees.Accounts["paymentFee"] = &ledgersync.AccountSlot{SelectedAccountID: &id}
	delete(in.Config.Configuration.Fees.Accounts, "paymentFeeRefund")
}

// exampleDocuments maps the worked example against the connector's chart
// of accounts, in London with H=0.
func exampleDocuments(t *testing.T, c ledgersync.Connector, modes ...postMode) []mapping.Document {
	t.Helper()
	var cfg ledgersync.Configuration
	var fx struct {
		Orders       []ledgersync.Order       `json:"orders"`
		Payments     []ledgersync.Payment     `json:"payments"`
		Transactions []ledgersync.Transaction `json:"transactions"`
	}
	if err := json.Unmarshal([]byte(postConfigJSON), &cfg); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(postExampleJSON), &fx); err != nil {
		t.Fatal(err)
	}
	in := mapping.Input{CompanyID: postCompany, Config: &cfg, Accounts: chartOf(t, c), Location: londonOrGMT(),
		Orders: fx.Orders, Payments: fx.Payments, Transactions: fx.Transactions}
	for _, m := range modes {
		m(&in)
	}
	out, err := mapping.Map(in)
	if err != nil {
		t.Fatalf("Map: %v", err)
	}
	return out.Documents
}

// chartOf reads the connector's accounts by id.
func chartOf(t *testing.T, c ledgersync.Connector) map[string]ledgersync.Account {
	t.Helper()
	list, err := c.Accounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ledgersync.Account{}
	for _, a := range list {
		out[a.ID] = a
	}
	return out
}

// londonOrGMT is Europe/London; without time zone data, GMT, which London
// keeps in early March.
func londonOrGMT() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.FixedZone("GMT", 0)
}

// handDocument is a document written by hand, dated on the example's day,
// with a key derived from its reference.
func handDocument(kind mapping.Kind, ref string) *mapping.Document {
	day, _ := mapping.ParseDate("2024-03-05")
	sum := sha256.Sum256([]byte(postCompany + ref))
	return &mapping.Document{Kind: kind, Reference: ref, IdempotencyKey: hex.EncodeToString(sum[:]),
		Day: day, Date: day, Currency: "GBP", Group: mapping.Group{Number: 1}}
}

// handInvoice is a submitted sales invoice to cus-1 of one line at 20%.
func handInvoice(ref, account, net, tax string) *mapping.Document {
	d := handDocument(mapping.KindInvoice, ref)
	d.Contact, d.Status = "cus-1", ledgersync.InvoiceSubmitted
	d.Lines = []mapping.Line{{Bucket: mapping.BucketSales, AccountID: account, Description: "Sales", TaxRateID: "tr-20",
		Net: ledgersync.MustAmount(net), Tax: ledgersync.MustAmount(tax)}}
	d.Total = d.Lines[0].Gross()
	return d
}
