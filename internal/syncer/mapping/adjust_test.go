package mapping_test

import (
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// adjustmentDay is the last business day of the sync range that posts the
// adjustments.
var adjustmentDay = mapping.Date{Year: 2024, Month: time.March, Day: 7}

// runAfter maps a day given what was posted before.
func runAfter(t *testing.T, day string, previous *mapping.Output, setup ...func(*mapping.Input)) *mapping.Output {
	t.Helper()
	in := newInput(t, day)
	in.AdjustmentDate = adjustmentDay
	if previous != nil {
		in.Previous = &previous.Totals
	}
	for _, s := range setup {
		s(&in)
	}
	return mustMap(t, in)
}

// TestLateChangeAdjusts: changes to a posted day post only the per-bucket
// difference, as -ADJ1, then -ADJ2, dated on the range's last day; a
// delete reverses; a re-run posts nothing.
func TestLateChangeAdjusts(t *testing.T) {
	t.Parallel()
	first := runAfter(t, "late-change-1", nil)
	checkGolden(t, "late-change-1", first)
	wantReferences(t, first, "LS20240305-1-INV", "LS20240305-1-PAY-card", "LS20240305-1-PAY-cash")

	// O1 gains a 10.00 line, and its payment grows to match.
	second := runAfter(t, "late-change-2", first)
	checkGolden(t, "late-change-2", second)
	wantReferences(t, second, "LS20240305-1-INV-ADJ1", "LS20240305-1-PAY-card-ADJ1")
	wantDocument(t, second, "LS20240305-1-INV-ADJ1", mapping.KindInvoice, "10.00", "acc-4000 tr-20 8.33+1.67")
	wantDocument(t, second, "LS20240305-1-PAY-card-ADJ1", mapping.KindPayment, "10.00", "acc-1200 → LS20240305-1-INV-ADJ1 10.00")
	if d := second.Documents[0]; d.Day.String() != "2024-03-05" || d.Date != adjustmentDay || d.Adjustment != 1 {
		t.Errorf("adjustment day %s, date %s, n %d; want 2024-03-05, %s, 1", d.Day, d.Date, d.Adjustment, adjustmentDay)
	}

	// O1 gains 5.00 more; the gift card order O2 and its cash payment go.
	third := runAfter(t, "late-change-3", second)
	checkGolden(t, "late-change-3", third)
	wantReferences(t, third, "LS20240305-1-INV-ADJ2", "LS20240305-1-CN-ADJ1", "LS20240305-1-PAY-card-ADJ2", "LS20240305-1-RFD-cash-ADJ1")
	wantDocument(t, third, "LS20240305-1-INV-ADJ2", mapping.KindInvoice, "5.00", "acc-4000 tr-20 4.17+0.83")
	wantDocument(t, third, "LS20240305-1-CN-ADJ1", mapping.KindCreditNote, "25.00", "acc-2100 tr-0 25.00+0.00")
	wantDocument(t, third, "LS20240305-1-RFD-cash-ADJ1", mapping.KindRefundPayment, "25.00", "acc-1000 → LS20240305-1-CN-ADJ1 25.00")

	if again := runAfter(t, "late-change-3", third); len(again.Documents) != 0 {
		t.Errorf("a re-run posted %v", references(again))
	}

	// Everything is deleted: the rest is reversed.
	gone := runAfter(t, "empty", third)
	wantReferences(t, gone, "LS20240305-1-CN-ADJ2", "LS20240305-1-RFD-card-ADJ1")
	wantDocument(t, gone, "LS20240305-1-CN-ADJ2", mapping.KindCreditNote, "27.00", "acc-4000 tr-20 22.50+4.50")
	if g := gone.Totals.Groups; len(g) != 1 || len(g[0].Buckets) != 0 || g[0].Adjustments["CN"] != 2 {
		t.Errorf("totals after the delete: %+v", g)
	}
}

// TestDisabledSectionKeepsItsTotals: turning fees off after they were
// posted reverses nothing, and their totals are kept.
func TestDisabledSectionKeepsItsTotals(t *testing.T) {
	t.Parallel()
	first := runAfter(t, "example", nil)
	second := runAfter(t, "example", first, func(in *mapping.Input) { in.Config.Configuration.Fees.SyncFees = false })
	if len(second.Documents) != 0 {
		t.Errorf("turning fees off posted %v", references(second))
	}
	want := first.Totals.Groups[0].Buckets
	if got := second.Totals.Groups[0].Buckets; len(got) != len(want) {
		t.Errorf("totals %+v, want %+v", got, want)
	}
}

// TestNewGroupOnPostedDay: a late record in a new currency on a posted day
// opens the next group number; the posted group is left alone.
func TestNewGroupOnPostedDay(t *testing.T) {
	t.Parallel()
	first := runAfter(t, "example", nil)
	late := ledgersync.Order{ID: "E9", Currency: "EUR", CreatedDate: &ledgersync.DateTime{Time: time.Date(2024, 3, 5, 23, 0, 0, 0, time.UTC)},
		TotalAmount: ledgersync.MustAmount("7"), OrderLineItems: []ledgersync.OrderLineItem{{TotalAmount: ledgersync.MustAmount("7")}}}
	second := runAfter(t, "example", first, func(in *mapping.Input) { in.Orders = append(in.Orders, late) })
	wantReferences(t, second, "LS20240305-2-INV")
	wantDocument(t, second, "LS20240305-2-INV", mapping.KindInvoice, "7.00", "acc-4000 tr-0 7.00+0.00")
}
