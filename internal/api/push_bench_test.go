package api_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/config"
)

const (
	benchOrders = 100_000
	benchBatch  = ledgersync.MaxPushRecords
	// storeTime is the store's text form of an instant.
	storeTime = "2006-01-02T15:04:05.000000Z"
)

// benchOrder is a typical one-line order, about 330 bytes.
func benchOrder(run, i int) string {
	return fmt.Sprintf(`{"id":"r%d-o%06d","orderNumber":"%d","currency":"GBP","createdDate":"2024-03-%02dT%02d:%02d:00Z",`+
		`"totalAmount":12.5,"totalTaxAmount":2.08,"locationRef":{"id":"shop-1"},"payments":[{"id":"p%d"}],`+
		`"orderLineItems":[{"id":"l1","quantity":1,"unitPrice":12.5,"taxPercentage":20,"totalAmount":12.5,`+
		`"totalTaxAmount":2.08,"productRef":{"id":"sku-%d"}}]}`, run, i, i, 1+i%28, i%24, i%60, i, i%50)
}

// benchBodies builds the request bodies of one run: benchOrders orders in
// batches of benchBatch.
func benchBodies(run int) []string {
	var bodies []string
	for start := 0; start < benchOrders; start += benchBatch {
		recs := make([]string, benchBatch)
		for i := range recs {
			recs[i] = benchOrder(run, start+i)
		}
		bodies = append(bodies, records(ledgersync.DataOrders, recs...))
	}
	return bodies
}

// pushHarness is a harness whose server takes the push limit of 16 MiB.
func pushHarness(b *testing.B, dialect string) *harness {
	return newHarness(b, dialect, func(c *config.Config) { c.MaxBodyBytes = 16 << 20 })
}

// BenchmarkIngestOrders pushes 100,000 orders through the API, in batches
// of 5,000 (HTTP, decoding, validation, the upserts and the echo), then
// inserts the same rows, already encoded, into the same table of another
// company with plain batched INSERTs, one transaction per batch. It
// reports both and push-vs-raw, the push's throughput as a fraction of
// the raw insert's (the goal is at least 0.5).
func BenchmarkIngestOrders(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			h := pushHarness(b, d)
			pushed, raw := h.commerceCompany(h.a), h.commerceCompany(h.a)
			path := "/data/companies/" + pushed + "/sync/commerce-orders"
			var push, insert time.Duration
			for run := 0; b.Loop(); run++ {
				bodies, batches := benchBodies(run), rawBatches(b, run)
				start := time.Now()
				for _, body := range bodies {
					benchRequest(b, h, "POST", path, body)
				}
				push += time.Since(start)
				start = time.Now()
				for _, batch := range batches {
					rawInsert(b, h, raw, batch)
				}
				insert += time.Since(start)
			}
			orders := float64(b.N * benchOrders)
			b.ReportMetric(float64(push.Nanoseconds())/orders, "push-ns/order")
			b.ReportMetric(float64(insert.Nanoseconds())/orders, "raw-ns/order")
			b.ReportMetric(insert.Seconds()/push.Seconds(), "push-vs-raw")
		})
	}
}

// rawBatches validates one run's orders, outside the timer, into the rows
// a push stores.
func rawBatches(b *testing.B, run int) [][]ledgersync.PushedRecord {
	var out [][]ledgersync.PushedRecord
	for _, body := range benchBodies(run) {
		var parsed struct{ Orders []json.RawMessage }
		if err := json.Unmarshal([]byte(body), &parsed); err != nil {
			b.Fatal(err)
		}
		recs, err := ledgersync.ValidatePush(ledgersync.DataOrders, parsed.Orders)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, recs)
	}
	return out
}

// rawInsert inserts one batch in one transaction, with the store's rows
// per INSERT on each database (16 on SQLite, 500 on PostgreSQL) and the
// full-size statement prepared once.
func rawInsert(b *testing.B, h *harness, companyID string, batch []ledgersync.PushedRecord) {
	ctx := context.Background()
	chunk := map[string]int{"sqlite": 16, "postgres": 500}[h.store.Dialect()]
	tx, err := h.store.DB().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	stmts := map[int]*sql.Stmt{}
	for start := 0; start < len(batch); start += chunk {
		part := batch[start:min(start+chunk, len(batch))]
		args := []any{companyID, "raw"}
		for _, r := range part {
			hd := r.Record.Header()
			args = append(args, hd.ID, hd.Version.Format(storeTime), hd.Created.Format(storeTime), hd.Currency, string(r.JSON))
		}
		st := stmts[len(part)]
		if st == nil {
			if st, err = tx.PrepareContext(ctx, rawInsertSQL(len(part))); err != nil {
				b.Fatal(err)
			}
			stmts[len(part)] = st
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// rawInsertSQL is a plain INSERT of n orders.
func rawInsertSQL(n int) string {
	marks := make([]string, n)
	for i := range marks {
		a := 2 + 5*i
		marks[i] = fmt.Sprintf("($1, $2, $%d, $%d, $%d, $%d, $%d)", a+1, a+2, a+3, a+4, a+5)
	}
	return `INSERT INTO commerce_orders (company_id, dataset_id, id, version, created_at, currency, record) VALUES ` + strings.Join(marks, ", ")
}
