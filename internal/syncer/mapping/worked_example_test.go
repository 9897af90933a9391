package mapping_test

import (
	"testing"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// TestWorkedExampleInvoiceMode is SPEC §9.4 in invoice mode, amount by
// amount.
func TestWorkedExampleInvoiceMode(t *testing.T) {
	t.Parallel()
	out := mustMap(t, newInput(t, "example"))
	checkGolden(t, "example-invoice", out)
	wantReferences(t, out,
		"LS20240305-1-INV", "LS20240305-1-CN", "LS20240305-1-PAY-card", "LS20240305-1-PAY-cash", "LS20240305-1-RFD-card",
		"LS20240305-1-FEE", "LS20240305-1-FEEPAY-card", "LS20240305-1-FEECN", "LS20240305-1-FEERFD-card", "LS20240305-1-XFR")
	wantDocument(t, out, "LS20240305-1-INV", mapping.KindInvoice, "98.50",
		"acc-4000 tr-0 6.00+0.00",    // Sales 0%
		"acc-4000 tr-20 55.00+11.00", // Sales 20%
		"acc-2110 tr-0 1.50+0.00",    // gratuity
		"acc-2100 tr-0 25.00+0.00")   // prepaid; the rounding is 0, so no line
	wantDocument(t, out, "LS20240305-1-PAY-card", mapping.KindPayment, "49.50", "acc-1200 → LS20240305-1-INV 49.50")
	wantDocument(t, out, "LS20240305-1-PAY-cash", mapping.KindPayment, "49.00", "acc-1000 → LS20240305-1-INV 49.00")
	wantDocument(t, out, "LS20240305-1-CN", mapping.KindCreditNote, "6.00", "acc-4010 tr-20 5.00+1.00")
	wantDocument(t, out, "LS20240305-1-RFD-card", mapping.KindRefundPayment, "6.00", "acc-1200 → LS20240305-1-CN 6.00")
	wantDocument(t, out, "LS20240305-1-FEE", mapping.KindFeeBill, "0.74", "acc-6100 - 0.74+0.00")
	wantDocument(t, out, "LS20240305-1-FEEPAY-card", mapping.KindFeeBillPayment, "0.74", "acc-1200 → LS20240305-1-FEE 0.74")
	wantDocument(t, out, "LS20240305-1-FEECN", mapping.KindFeeCredit, "0.09", "acc-6100 - 0.09+0.00")
	wantDocument(t, out, "LS20240305-1-FEERFD-card", mapping.KindFeeCreditRefund, "0.09", "acc-1200 → LS20240305-1-FEECN 0.09")
	wantDocument(t, out, "LS20240305-1-XFR", mapping.KindTransfer, "40.00", "acc-1200 → acc-1010")
	inv := find(t, out, "LS20240305-1-INV")
	if inv.Contact != "cus-1" || inv.Status != ledgersync.InvoiceSubmitted || inv.Date.String() != "2024-03-05" {
		t.Errorf("invoice contact %q, status %q, date %s; want cus-1, Submitted, 2024-03-05", inv.Contact, inv.Status, inv.Date)
	}
}

// TestWorkedExampleJournalMode is SPEC §9.4 in journal mode: one journal
// whose debits and credits both come to 145.33.
func TestWorkedExampleJournalMode(t *testing.T) {
	t.Parallel()
	in := newInput(t, "example")
	in.Config.Configuration.MapSettings = &ledgersync.MapSettings{OutputFormat: ledgersync.OutputJournalEntry}
	out := mustMap(t, in)
	checkGolden(t, "example-journal", out)
	wantReferences(t, out, "LS20240305-1-JNL")
	j := out.Documents[0]
	want := ledgersync.MustAmount("145.33")
	if j.Debits() != want || j.Credits() != want || j.Total != want {
		t.Errorf("debits %s, credits %s, total %s; want %s each", j.Debits(), j.Credits(), j.Total, want)
	}
	if j.Narration != "ledgersync 2024-03-05 GBP" {
		t.Errorf("narration %q", j.Narration)
	}
	wantDocument(t, out, "LS20240305-1-JNL", mapping.KindJournal, "145.33",
		"acc-4000 tr-0 -6.00+0.00", // sales 61.00 (6.00 + 55.00) and VAT 11.00 (Cr)
		"acc-4000 tr-20 -55.00+-11.00",
		"acc-2110 tr-0 -1.50+0.00",  // gratuity (Cr)
		"acc-2100 tr-0 -25.00+0.00", // gift-card liability (Cr)
		"acc-4010 tr-20 5.00+1.00",  // refunds and their VAT (Dr)
		"acc-1200 - 49.50+0.00",     // card clearing (Dr)
		"acc-1000 - 49.00+0.00",     // cash (Dr)
		"acc-1200 - -6.00+0.00",     // card clearing, refund (Cr)
		"acc-6100 - 0.74+0.00",      // fees (Dr)
		"acc-1200 - -0.74+0.00",     // card clearing, fees (Cr)
		"acc-6100 - -0.09+0.00",     // fee refunds (Cr)
		"acc-1200 - 0.09+0.00",      // card clearing, fee refund (Dr)
		"acc-1010 - 40.00+0.00",     // bank, payout (Dr)
		"acc-1200 - -40.00+0.00")    // card clearing, payout (Cr)
}
