package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

func ids(rows []scanned) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.id
	}
	return out
}

func TestScanReturnsThePeriodInOrder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sh, other := newShop(t, s), newShop(t, s)
		sh.mustPush(t, s, ledgersync.DataOrders, order("b", 5, "1", ""), order("a", 5, "1", ""), order("c", 4, "1", ""),
			order("B", 5, "1", ""), order("late", 6, "1", ""), order("early", 3, "1", ""),
			`{"id":"edge","currency":"GBP","createdDate":"2024-03-06T00:00:00Z"}`,
			`{"id":"first","currency":"GBP","createdDate":"2024-03-04"}`)
		other.mustPush(t, s, ledgersync.DataOrders, order("x", 5, "1", ""))
		got := ids(scanOrders(t, s, sh.company.ID, march.AddDate(0, 0, 3), march.AddDate(0, 0, 5)))
		if want := []string{"first", "c", "B", "a", "b"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("[4th, 6th) = %v, want %v", got, want)
		}
		stop := errors.New("stop")
		n := 0
		err := s.ScanOrders(context.Background(), sh.company.ID, march, march.AddDate(0, 1, 0), func(*ledgersync.Order, store.Stored) error {
			n++
			return stop
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Fatalf("an error from fn stops the scan: %v after %d", err, n)
		}
	})
}

func TestTransactionIdentityIsIDAndType(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sh := newShop(t, s)
		tx := func(id, typ string) string {
			return fmt.Sprintf(`{"id":%q,"type":%q,"totalAmount":1,"currency":"GBP","createdDate":"2024-03-05"}`, id, typ)
		}
		sh.mustPush(t, s, ledgersync.DataTransactions, tx("p1", "Payment"), tx("p1", "PaymentFee"), tx("p2", "Payment"), tx("p2", "PaymentFee"))
		sh.mustPush(t, s, ledgersync.DataTransactions, `{"id":"p1","type":"paymentfee"}`, `{"id":"p2"}`)
		var got []string
		err := s.ScanTransactions(context.Background(), sh.company.ID, march, march.AddDate(0, 1, 0),
			func(tr *ledgersync.Transaction, st store.Stored) error {
				got = append(got, fmt.Sprintf("%s/%s/%v", tr.ID, tr.Type, st.Deleted))
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"p1/Payment/false", "p1/PaymentFee/true", "p2/Payment/true", "p2/PaymentFee/true"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("transactions %v, want %v", got, want)
		}
	})
}

func TestCloseDayMarksWhatTheScanRead(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := newShop(t, s)
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "10", ""), order("o3", 6, "10", ""))
		sh.mustPush(t, s, ledgersync.DataOrders, order("o2", 5, "10", ""))
		if got := dirtyDays(t, s, sh.company.ID); got != "2024-03-05 2024-03-05 2024-03-06" {
			t.Fatalf("dirty before any sync: %q", got)
		}
		day := func(d int) (time.Time, time.Time) { return march.AddDate(0, 0, d-1), march.AddDate(0, 0, d) }
		from, to := day(5)
		read := scanOrders(t, s, sh.company.ID, from, to)
		if len(read) != 2 || read[0].Revision != 1 || read[1].Revision != 2 {
			t.Fatalf("revisions of the two pushes: %+v", read)
		}
		// The scan read o1 (revision 1) only, as if o2 came in after it.
		close := store.DayClose{CompanyID: sh.company.ID, Day: "2024-03-05", From: from, To: to, Finish: to,
			Totals: []byte(`{"groups":[]}`), Open: []byte(`[{"reference":"LS20240305-1-INV"}]`),
			Read: map[string]int64{ledgersync.DataOrders: 1}}
		if err := s.CloseDay(ctx, &close); err != nil {
			t.Fatal(err)
		}
		if got := dirtyDays(t, s, sh.company.ID); got != "2024-03-05 2024-03-06" {
			t.Fatalf("dirty after closing what the scan read: %q", got)
		}
		totals, err := s.PostedTotals(ctx, sh.company.ID, "2024-03-05")
		if err != nil || string(totals) != `{"groups":[]}` {
			t.Fatalf("posted totals %q, %v", totals, err)
		}
		if other, err := s.PostedTotals(ctx, sh.company.ID, "2024-03-06"); err != nil || other != nil {
			t.Fatalf("a day never closed has totals %q, %v", other, err)
		}
		if open, err := s.OpenDocuments(ctx, sh.company.ID); err != nil || string(open) != `[{"reference":"LS20240305-1-INV"}]` {
			t.Fatalf("open documents %q, %v", open, err)
		}
		// A new version, and a delete, of records already synced are due.
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "12", "2024-03-07T00:00:00Z"))
		got := scanOrders(t, s, sh.company.ID, from, to)
		if !got[0].Posted || got[0].Synced != 1 || got[0].Revision != 3 || got[0].amount != "12" || got[1].Posted {
			t.Fatalf("after a sync and an adjustment: %+v", got)
		}
		close.Read[ledgersync.DataOrders] = 3
		if err := s.CloseDay(ctx, &close); err != nil {
			t.Fatal(err)
		}
		if got := dirtyDays(t, s, sh.company.ID); got != "2024-03-06" {
			t.Fatalf("dirty after closing the day again: %q", got)
		}
		sh.mustPush(t, s, ledgersync.DataOrders, `{"id":"o1"}`)
		if got := dirtyDays(t, s, sh.company.ID); got != "2024-03-05 2024-03-06" {
			t.Fatalf("dirty after deleting a synced order: %q", got)
		}
	})
}

// dirtyDays lists the UTC dates of the company's March orders still to
// sync, in order.
func dirtyDays(t *testing.T, s *store.Store, companyID string) string {
	t.Helper()
	var days []string
	err := s.DirtyDates(context.Background(), ledgersync.DataOrders, companyID, march, march.AddDate(0, 1, 0), func(c time.Time) error {
		days = append(days, c.UTC().Format(time.DateOnly))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(days)
	return strings.Join(days, " ")
}

func TestCataloguePutReplacesTheSet(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := newShop(t, s)
		sh.mustPush(t, s, ledgersync.DataProductCategories, `{"id":"c1","name":"Food"}`, `{"id":"c2","name":"Drink"}`)
		sh.mustPush(t, s, ledgersync.DataTaxComponents, `{"id":"vat","name":"VAT","rate":"20.0"}`)
		sh.mustPush(t, s, ledgersync.DataProductCategories, `{"id":"c3","name":"Merch"}`, `{"id":"c2","name":"Drinks"}`)
		cats, err := s.ProductCategories(ctx, sh.company.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []ledgersync.ProductCategory{{ID: "c2", Name: "Drinks"}, {ID: "c3", Name: "Merch"}}; !reflect.DeepEqual(cats, want) {
			t.Fatalf("categories %+v, want %+v", cats, want)
		}
		var kept int
		if err := s.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM commerce_catalogue WHERE company_id = $1 AND id = 'c1'`,
			sh.company.ID).Scan(&kept); err != nil || kept != 1 {
			t.Fatalf("removed id c1 must stay, hidden: %d %v", kept, err)
		}
		taxes, err := s.TaxComponents(ctx, sh.company.ID)
		if err != nil || len(taxes) != 1 || taxes[0].Rate != ledgersync.MustAmount("20") || taxes[0].Pushed().Rate != "20" {
			t.Fatalf("tax components %+v %v", taxes, err)
		}
		sh.mustPush(t, s, ledgersync.DataProductCategories)
		if cats, _ := s.ProductCategories(ctx, sh.company.ID); len(cats) != 0 {
			t.Fatalf("an empty PUT empties the set: %+v", cats)
		}
	})
}

func TestCommerceTaxPercentages(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sh := newShop(t, s)
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "10", ""), `{"id":"o2","currency":"GBP","createdDate":"2024-03-05",
			"totalAmount":3,"orderLineItems":[{"totalAmount":1,"taxPercentage":"5.50"},{"totalAmount":1,"taxPercentage":0}],
			"serviceCharges":[{"totalAmount":1,"taxPercentage":12.5}]}`)
		got, err := s.CommerceTaxPercentages(context.Background(), sh.company.ID)
		if want := []string{"0", "5.5", "12.5", "20"}; err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("percentages %v %v, want %v", got, err, want)
		}
	})
}

func TestConcurrentPushesToOneCompanySerialise(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sh := newShop(t, s)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := range 8 {
			wg.Go(func() {
				// Every push overlaps the others, in a different order.
				var recs []string
				for i := range 50 {
					id := (i*7 + g*13) % 50
					recs = append(recs, order(fmt.Sprintf("o%02d", id), 5, "10", fmt.Sprintf("2024-03-05T12:00:%02dZ", g)))
				}
				_, err := sh.push(t, s, ledgersync.DataOrders, recs...)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("concurrent push: %v", err)
			}
		}
		got := scanOrders(t, s, sh.company.ID, march, march.AddDate(0, 1, 0))
		if len(got) != 50 {
			t.Fatalf("%d orders, want 50", len(got))
		}
		for _, o := range got {
			if o.version.Second() != 7 {
				t.Fatalf("the newest version must win whatever the order: %+v", o)
			}
		}
	})
}
