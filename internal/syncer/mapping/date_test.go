package mapping_test

import (
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/schedule"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// TestBusinessDays: a record is posted on the date of the last boundary,
// SyncHour:00 in the company's zone, at or before its createdDate (SPEC
// §7.1), across both DST changes of 2024 in Europe/London.
func TestBusinessDays(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		at   string
		hour int
		want string
	}{
		{"2024-03-05T02:00:00Z", 4, "LS20240304-1-INV"}, // before the 04:00 boundary
		{"2024-03-05T04:00:00Z", 4, "LS20240305-1-INV"}, // on the boundary
		{"2024-07-01T23:30:00Z", 0, "LS20240702-1-INV"}, // 00:30 BST
		{"2024-03-31T00:30:00Z", 1, "LS20240330-1-INV"}, // 01:00 does not exist; the boundary is 02:00 BST
		{"2024-10-27T00:30:00Z", 1, "LS20241027-1-INV"}, // 01:00 happens twice; the first (BST) counts
	} {
		at, err := time.Parse(time.RFC3339, c.at)
		if err != nil {
			t.Fatal(err)
		}
		in := newInput(t, "empty")
		in.SyncHour = c.hour
		in.Orders = []ledgersync.Order{{ID: "O1", Currency: "GBP", CreatedDate: &ledgersync.DateTime{Time: at},
			TotalAmount: ledgersync.MustAmount("7"), OrderLineItems: []ledgersync.OrderLineItem{{TotalAmount: ledgersync.MustAmount("7")}}}}
		if refs := references(mustMap(t, in)); len(refs) != 1 || refs[0] != c.want {
			t.Errorf("an order at %s with H=%d: %v, want %s", c.at, c.hour, refs, c.want)
		}
	}
}

// dayOf is the business day of an order in Europe/London with H=0.
func dayOf(t *testing.T, o ledgersync.Order) mapping.Date {
	return mapping.Date(schedule.BusinessDay(o.CreatedDate.Time, 0, london(t)))
}

// TestBusinessDayFromCaller: an input's BusinessDay replaces the
// computation from Location and SyncHour.
func TestBusinessDayFromCaller(t *testing.T) {
	t.Parallel()
	in := newInput(t, "example")
	in.BusinessDay = func(time.Time) mapping.Date { return mapping.Date{Year: 2024, Month: time.April, Day: 1} }
	wantReferences(t, mustMap(t, in), "LS20240401-1-INV", "LS20240401-1-CN", "LS20240401-1-PAY-card", "LS20240401-1-PAY-cash",
		"LS20240401-1-RFD-card", "LS20240401-1-FEE", "LS20240401-1-FEEPAY-card", "LS20240401-1-FEECN", "LS20240401-1-FEERFD-card",
		"LS20240401-1-XFR")
}

// TestDateText: dates read and write as 2006-01-02.
func TestDateText(t *testing.T) {
	t.Parallel()
	var d mapping.Date
	if err := d.UnmarshalText([]byte("2024-02-29")); err != nil || d.String() != "2024-02-29" {
		t.Errorf("2024-02-29 read as %s, %v", d, err)
	}
	if _, err := mapping.ParseDate("2023-02-29"); err == nil {
		t.Error("2023-02-29 was accepted")
	}
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() || d.String() != "" {
		t.Errorf("an empty date read as %q, %v", d, err)
	}
}
