package api_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

// BenchmarkSyncOrders syncs a month of orders (30 business days) into the
// sandbox ledger, at 10,000 and at 100,000 orders, and runs a raw SQL
// aggregate over the same 100,000 rows. It reports the sync's time
// against the aggregate's (sync-vs-aggregate) and the peak heap the sync
// adds at each size (peak-MB-10k, peak-MB-100k); peak-growth, their
// ratio, stays near 1 when the sync streams.
func BenchmarkSyncOrders(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			h := pushHarness(b, d)
			var small, large syncMeasure
			var aggregate time.Duration
			for b.Loop() {
				small = h.measureSync(b, 10_000)
				large = h.measureSync(b, 100_000)
				aggregate = h.rawAggregate(b, large.companyID)
			}
			mb := func(n uint64) float64 { return float64(n) / (1 << 20) }
			b.ReportMetric(large.took.Seconds(), "sync-s")
			b.ReportMetric(aggregate.Seconds(), "aggregate-s")
			b.ReportMetric(large.took.Seconds()/aggregate.Seconds(), "sync-vs-aggregate")
			b.ReportMetric(mb(small.peak), "peak-MB-10k")
			b.ReportMetric(mb(large.peak), "peak-MB-100k")
			b.ReportMetric(float64(large.peak)/float64(small.peak), "peak-growth")
		})
	}
}

// syncMeasure is one measured sync.
type syncMeasure struct {
	companyID string
	took      time.Duration
	// peak is the most the heap held during the sync above what it held
	// before.
	peak uint64
}

// measureSync sets up a configured company with n orders over 30 days,
// then times one Latest sync of them and samples the heap meanwhile.
func (h *harness) measureSync(b *testing.B, n int) syncMeasure {
	b.Helper()
	org := h.newSandboxOrg("Bench Ltd", "")
	id := h.linkedCompany(h.a, org, true)
	h.do("POST", configPath(id), h.a, completeConfiguration(b, id)).want(http.StatusOK)
	for start := 0; start < n; start += benchBatch {
		recs := make([]string, min(benchBatch, n-start))
		for i := range recs {
			recs[i] = monthOrder(start + i)
		}
		benchRequest(b, h, "POST", "/data/companies/"+id+"/sync/commerce-orders", records(ledgersync.DataOrders, recs...))
	}
	s := h.do("POST", "/companies/"+id+"/sync/commerce/latest", h.a, `{"syncTo":"2024-04-01T00:00:00Z"}`).want(http.StatusOK).object()
	// A low GC target keeps the heap close to what is live, so the peak
	// measures what the sync holds rather than the collector's pacing.
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	runtime.GC()
	stop := sampleHeap()
	start := time.Now()
	if err := h.app.Runner.Run(context.Background(), s["syncId"].(string)); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	peak := stop()
	st := h.do("GET", "/companies/"+id+"/sync/commerce/syncs/"+s["syncId"].(string)+"/status", h.a, nil).want(http.StatusOK).object()
	if st["syncStatusCode"] != float64(ledgersync.CodeComplete) {
		b.Fatalf("sync of %d orders: %v", n, st)
	}
	return syncMeasure{companyID: id, took: took, peak: peak}
}

// monthOrder is a typical one-line order of March 2024, spread over its
// first 30 days.
func monthOrder(i int) string {
	return fmt.Sprintf(`{"id":"m%06d","currency":"GBP","createdDate":"2024-03-%02dT%02d:%02d:00Z",`+
		`"totalAmount":12.5,"totalTaxAmount":2.08,"orderLineItems":[{"id":"l1","quantity":1,"unitPrice":12.5,`+
		`"taxPercentage":20,"totalAmount":12.5,"totalTaxAmount":2.08}]}`, i, 1+i%30, 6+i%16, i%60)
}

// rawAggregate times the SQL a hand-written report would run over the
// company's orders: totals per day and currency, summed by the database
// from the stored JSON. Its result is only read, not used.
func (h *harness) rawAggregate(b *testing.B, companyID string) time.Duration {
	b.Helper()
	q := map[string]string{
		"sqlite": `SELECT substr(created_at, 1, 10), currency, count(*), sum(json_extract(record, '$.totalAmount')),
			sum(json_extract(record, '$.totalTaxAmount')) FROM commerce_orders WHERE company_id = $1 GROUP BY 1, 2`,
		"postgres": `SELECT date_trunc('day', created_at), currency, count(*), sum((record::jsonb->>'totalAmount')::numeric),
			sum((record::jsonb->>'totalTaxAmount')::numeric) FROM commerce_orders WHERE company_id = $1 GROUP BY 1, 2`,
	}[h.store.Dialect()]
	start := time.Now()
	rows, err := h.store.DB().QueryContext(context.Background(), q, companyID)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	days := 0
	for rows.Next() {
		days++
	}
	if err := rows.Err(); err != nil || days != 30 {
		b.Fatalf("aggregate: %d days, %v", days, err)
	}
	return time.Since(start)
}

// sampleHeap samples the bytes of heap objects every millisecond until
// the returned function is called, which returns the peak above the
// first sample.
func sampleHeap() func() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if v := read(); v > base {
					peak = max(peak, v-base)
				}
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
