package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
)

// shop is a client's company with a commerce connection.
type shop struct {
	client  *ledgersync.Client
	company *ledgersync.Company
}

func newShop(t *testing.T, s *store.Store, integrations ...string) shop {
	t.Helper()
	c := newClient(t, s, 0)
	if integrations == nil {
		integrations = []string{ledgersync.KeyPartnerCommerce}
	}
	co, err := s.CreateCompany(context.Background(), c, ledgersync.CompanyCreate{Name: "Shop"}, integrations...)
	if err != nil {
		t.Fatal(err)
	}
	return shop{c, co}
}

// push validates records and stores them as one push.
func (sh shop) push(t *testing.T, s *store.Store, dataType string, records ...string) (*ledgersync.Dataset, error) {
	t.Helper()
	raw := make([]json.RawMessage, len(records))
	for i, r := range records {
		raw[i] = json.RawMessage(r)
	}
	recs, err := ledgersync.ValidatePush(dataType, raw)
	if err != nil {
		t.Fatal(err)
	}
	return s.PushCommerceData(context.Background(), sh.client.ID, sh.company.ID, dataType, recs)
}

func (sh shop) mustPush(t *testing.T, s *store.Store, dataType string, records ...string) *ledgersync.Dataset {
	t.Helper()
	ds, err := sh.push(t, s, dataType, records...)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// order is a one-line order of amount on day (of March 2024), at version
// modified (empty: the creation date).
func order(id string, day int, amount, modified string) string {
	mod := ""
	if modified != "" {
		mod = fmt.Sprintf(`,"modifiedDate":%q`, modified)
	}
	return fmt.Sprintf(`{"id":%q,"currency":"GBP","createdDate":"2024-03-%02dT10:00:00Z","totalAmount":%s%s,
		"orderLineItems":[{"totalAmount":%s,"taxPercentage":20}]}`, id, day, amount, mod, amount)
}

// scanned is what a scan reports of one order.
type scanned struct {
	id, amount string
	version    time.Time
	store.Stored
}

func scanOrders(t *testing.T, s *store.Store, companyID string, from, to time.Time) []scanned {
	t.Helper()
	var out []scanned
	err := s.ScanOrders(context.Background(), companyID, from, to, func(o *ledgersync.Order, st store.Stored) error {
		out = append(out, scanned{o.ID, o.TotalAmount.String(), st.Version, st})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var march = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)

func TestPushVersionsDedupAndDeletes(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sh := newShop(t, s)
		id := sh.company.ID
		state := func() scanned {
			t.Helper()
			got := scanOrders(t, s, id, march, march.AddDate(0, 1, 0))
			if len(got) != 1 {
				t.Fatalf("%d rows for one order: %+v", len(got), got)
			}
			return got[0]
		}
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "10", "2024-03-05T12:00:00Z"))
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "11", "2024-03-05T12:00:00Z"))
		if got := state(); got.amount != "10" || got.Deleted || got.Posted {
			t.Fatalf("same version again must change nothing: %+v", got)
		}
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "12", "2024-03-06T12:00:00Z"))
		if got := state(); got.amount != "12" || !got.version.Equal(time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC)) {
			t.Fatalf("a newer version replaces: %+v", got)
		}
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "13", "2024-03-05T18:00:00Z"))
		if got := state(); got.amount != "12" {
			t.Fatalf("an older version is ignored: %+v", got)
		}
		sh.mustPush(t, s, ledgersync.DataOrders, `{"id":"o1"}`, `{"id":"unknown"}`)
		if got := state(); !got.Deleted || got.amount != "12" {
			t.Fatalf("a sparse delete marks the record deleted: %+v", got)
		}
		sh.mustPush(t, s, ledgersync.DataOrders, order("o1", 5, "14", "2024-03-06T12:00:00Z"))
		if got := state(); got.Deleted || got.amount != "14" {
			t.Fatalf("pushing the deleted version again revives it: %+v", got)
		}
	})
}

func TestPushPreconditions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		none := newShop(t, s, ledgersync.KeySandbox)
		_, err := none.push(t, s, ledgersync.DataOrders, order("o1", 5, "10", ""))
		if ledgersync.ErrorCode(err) != ledgersync.EInvalid || ledgersync.ErrorMessage(err) != "Company has no commerce connection" {
			t.Fatalf("no commerce connection: %v", err)
		}
		sh := newShop(t, s)
		other := newShop(t, s)
		_, err = s.PushCommerceData(ctx, other.client.ID, sh.company.ID, ledgersync.DataOrders, nil)
		if ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("another client's company: %v", err)
		}
		if _, err := s.UnlinkConnection(ctx, sh.client.ID, sh.company.ID, sh.company.Connections[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := sh.push(t, s, ledgersync.DataOrders, order("o1", 5, "10", "")); ledgersync.ErrorCode(err) != ledgersync.EInvalid {
			t.Fatalf("unlinked commerce connection: %v", err)
		}
		if got := scanOrders(t, s, sh.company.ID, march, march.AddDate(1, 0, 0)); len(got) != 0 {
			t.Fatalf("a refused push stored %+v", got)
		}
	})
}

func TestFindDataset(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := newShop(t, s)
		ds := sh.mustPush(t, s, ledgersync.DataPayments, `{"id":"p1","amount":1,"currency":"GBP","createdDate":"2024-03-05"}`)
		got, err := s.FindDataset(ctx, sh.client.ID, sh.company.ID, ds.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *ds || got.Status != "Complete" || got.DataType != "commerce-payments" || got.ConnectionID != sh.company.Connections[0].ID {
			t.Fatalf("dataset %+v, pushed %+v", got, ds)
		}
		other := newShop(t, s)
		if _, err := s.FindDataset(ctx, other.client.ID, sh.company.ID, ds.ID); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("another client's dataset: %v", err)
		}
		if _, err := s.FindDataset(ctx, sh.client.ID, sh.company.ID, "nope"); ledgersync.ErrorCode(err) != ledgersync.ENotFound {
			t.Fatalf("unknown dataset: %v", err)
		}
	})
}
