package mapping_test

import (
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// scenario is one day of testdata/days mapped with an optional change to
// the input. A scenario either succeeds, and its output is compared with
// testdata/golden/{name}.json and checked, or fails with code and message.
type scenario struct {
	name, day string
	setup     func(*mapping.Input)
	check     func(*testing.T, *mapping.Output)
	code      int
	message   string
}

// TestScenarios maps each scenario day.
func TestScenarios(t *testing.T) {
	t.Parallel()
	for _, sc := range append(successScenarios(), failureScenarios()...) {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			in := newInput(t, sc.day)
			if sc.setup != nil {
				sc.setup(&in)
			}
			out, err := mapping.Map(in)
			if sc.code != 0 {
				wantError(t, err, sc.code, sc.message)
				return
			}
			if err != nil {
				t.Fatalf("Map: %v", err)
			}
			checkGolden(t, sc.name, out)
			sc.check(t, out)
		})
	}
}

// failureScenarios are days that cannot be posted.
func failureScenarios() []scenario {
	return []scenario{
		{name: "unmapped-type", day: "unmapped-type", code: mapping.CodeMissingMapping, message: "No account mapped for swish"},
		{name: "unmapped-rate", day: "tax-rates", code: mapping.CodeMissingMapping, message: "No tax rate mapped for 12.5%"},
		{name: "unmapped-gratuity", day: "example", setup: func(in *mapping.Input) { setAccount(in, ledgersync.SectionSales, "gratuity", "") },
			code: mapping.CodeMissingMapping, message: "No account mapped for gratuity"},
		{name: "overpaid", day: "overpaid", code: mapping.CodeInconsistentData, message: "Payments exceed sales for 2024-03-05 by 5.00"},
		{name: "mixed-refund-types", day: "mixed-refund-types", code: mapping.CodeInconsistentData,
			message: "The payments of order O1 do not share one payment type."},
	}
}

// successScenarios are days that post, with what each must post.
func successScenarios() []scenario {
	return []scenario{
		{name: "empty", day: "empty", check: func(t *testing.T, out *mapping.Output) {
			if len(out.Documents) != 0 || len(out.Totals.Groups) != 0 {
				t.Errorf("an empty day wrote %d documents and %d groups", len(out.Documents), len(out.Totals.Groups))
			}
		}},
		{name: "refunds-only", day: "refunds-only", check: func(t *testing.T, out *mapping.Output) {
			wantReferences(t, out, "LS20240306-1-CN", "LS20240306-1-RFD-card")
			wantDocument(t, out, "LS20240306-1-CN", mapping.KindCreditNote, "6.00", "acc-4010 tr-20 5.00+1.00")
			wantDocument(t, out, "LS20240306-1-RFD-card", mapping.KindRefundPayment, "6.00", "acc-1200 → LS20240306-1-CN 6.00")
		}},
		{name: "currencies", day: "currencies", check: func(t *testing.T, out *mapping.Output) {
			wantReferences(t, out, "LS20240305-1-INV", "LS20240305-1-PAY-card", "LS20240305-2-INV", "LS20240305-2-PAY-card",
				"LS20240305-3-INV", "LS20240305-3-PAY-cash")
			for i, cur := range []string{"EUR", "EUR", "GBP", "GBP", "SEK", "SEK"} {
				if out.Documents[i].Currency != cur {
					t.Errorf("%s: currency %s, want %s", out.Documents[i].Reference, out.Documents[i].Currency, cur)
				}
			}
			wantDocument(t, out, "LS20240305-3-INV", mapping.KindInvoice, "120.00", "acc-4000 tr-20 100.00+20.00")
		}},
		{name: "tax-rates", day: "tax-rates", setup: extraRates, check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-INV", mapping.KindInvoice, "68.70",
				"acc-4000 tr-0 13.60+0.00", "acc-4000 tr-12.5 10.00+1.25", "acc-4000 tr-17.5 10.00+1.75",
				"acc-4000 tr-20 10.00+2.00", "acc-4000 tr-5 10.00+0.50", "acc-4100 tr-20 8.00+1.60")
			wantDocument(t, out, "LS20240305-1-PAY-onlineCard", mapping.KindPayment, "68.70", "acc-1200 → LS20240305-1-INV 68.70")
		}},
		{name: "discount-rounding", day: "discount-rounding", check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-INV", mapping.KindInvoice, "10.00", "acc-4000 tr-20 8.32+1.67", "acc-4000 tr-0 0.01+0.00")
			wantBucket(t, find(t, out, "LS20240305-1-INV"), 1, mapping.BucketSalesRounding)
		}},
		{name: "sub-cent", day: "sub-cent", check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-INV", mapping.KindInvoice, "2.14",
				"acc-4000 tr-0 1.01+0.00", "acc-4000 tr-20 0.84+0.17", "acc-2110 tr-0 0.13+0.00", "acc-4000 tr-0 -0.01+0.00")
			wantDocument(t, out, "LS20240305-1-PAY-card", mapping.KindPayment, "2.14", "acc-1200 → LS20240305-1-INV 2.14")
		}},
		{name: "kwd", day: "kwd", check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-INV", mapping.KindInvoice, "12.235",
				"acc-4000 tr-0 2.001+0.000", "acc-4000 tr-5 9.748+0.487", "acc-4000 tr-0 -0.001+0.000")
			wantDocument(t, out, "LS20240305-1-PAY-cash", mapping.KindPayment, "12.235", "acc-1000 → LS20240305-1-INV 12.235")
			wantDocument(t, out, "LS20240305-1-FEEPAY-cash", mapping.KindFeeBillPayment, "0.124", "acc-1000 → LS20240305-1-FEE 0.124")
		}},
		{name: "jpy", day: "jpy", check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-INV", mapping.KindInvoice, "1650",
				"acc-4000 tr-0 501+0", "acc-4000 tr-5 1000+50", "acc-2110 tr-0 100+0", "acc-4000 tr-0 -1+0")
			wantDocument(t, out, "LS20240305-1-XFR", mapping.KindTransfer, "100", "acc-1010 → acc-1200")
		}},
		{name: "unpaid", day: "unpaid", check: func(t *testing.T, out *mapping.Output) {
			wantReferences(t, out, "LS20240305-1-INV", "LS20240305-1-PAY-card")
			wantDocument(t, out, "LS20240305-1-PAY-card", mapping.KindPayment, "20.00", "acc-1200 → LS20240305-1-INV 20.00")
		}},
		{name: "unpaid-journal", day: "unpaid", setup: journalMode, check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-JNL", mapping.KindJournal, "30.00",
				"acc-4000 tr-20 -25.00+-5.00", "acc-1200 - 20.00+0.00", "acc-1100 - 10.00+0.00")
		}},
		{name: "overpaid-journal", day: "overpaid", setup: journalMode, check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-JNL", mapping.KindJournal, "25.00",
				"acc-4000 tr-20 -16.67+-3.33", "acc-1200 - 25.00+0.00", "acc-1100 - -5.00+0.00")
		}},
		{name: "overpaid-open", day: "overpaid-open", check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-PAY-card", mapping.KindPayment, "25.00", "acc-1200 → LS20240305-1-INV 20.00",
				"acc-1200 → LS20240303-2-INV 4.00", "acc-1200 → LS20240304-1-INV 1.00")
		}},
		{name: "late-payment", day: "late-payment", check: func(t *testing.T, out *mapping.Output) {
			wantReferences(t, out, "LS20240306-1-PAY-invoice")
			wantDocument(t, out, "LS20240306-1-PAY-invoice", mapping.KindPayment, "30.00",
				"acc-1100 → LS20240305-1-INV 30.00")
			if g := out.Documents[0].Group; g.Country != "GB" {
				t.Errorf("the payment is in group %+v, want its order's country GB", g)
			}
		}},
		{name: "bank-fee", day: "example", setup: bankFees, check: func(t *testing.T, out *mapping.Output) {
			wantDocument(t, out, "LS20240305-1-FEEPAY-card", mapping.KindSpendMoney, "0.74", "acc-1010 - 0.74+0.00")
			wantDocument(t, out, "LS20240305-1-FEERFD-card", mapping.KindReceiveMoney, "0.09", "acc-1010 - 0.09+0.00")
			if d := find(t, out, "LS20240305-1-FEEPAY-card"); d.AccountID != "acc-1200" || d.Contact != "sup-1" {
				t.Errorf("spend money through %s to %s, want acc-1200 and sup-1", d.AccountID, d.Contact)
			}
		}},
		{name: "grouping", day: "grouping", setup: groupLinesByLocation, check: checkGrouping},
	}
}

// checkGrouping: a group per country (the payout, with no order, in the
// empty one), and GB's lines split by location.
func checkGrouping(t *testing.T, out *mapping.Output) {
	wantReferences(t, out, "LS20240305-1-XFR", "LS20240305-2-INV", "LS20240305-2-PAY-card",
		"LS20240305-3-INV", "LS20240305-3-PAY-card", "LS20240305-3-FEE", "LS20240305-3-FEEPAY-card")
	gb := find(t, out, "LS20240305-3-INV")
	if gb.Group.Country != "GB" || len(gb.Lines) != 2 ||
		gb.Lines[0].Description != "Sales – Camden" || gb.Lines[1].Description != "Sales – Soho" {
		t.Errorf("GB invoice: group %+v, lines %+v", gb.Group, gb.Lines)
	}
	wantDocument(t, out, "LS20240305-3-INV", mapping.KindInvoice, "30.00", "acc-4000 tr-20 15.00+3.00", "acc-4000 tr-20 10.00+2.00")
}

// wantBucket checks the bucket of a document's line.
func wantBucket(t *testing.T, d mapping.Document, line int, b mapping.Bucket) {
	t.Helper()
	if len(d.Lines) <= line || d.Lines[line].Bucket != b {
		t.Errorf("%s: line %d is not a %s line: %+v", d.Reference, line, b, d.Lines)
	}
}
