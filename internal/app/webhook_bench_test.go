package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/app"
	"github.com/ledgersync/ledgersync/internal/config"
	"github.com/ledgersync/ledgersync/internal/logtest"
	"github.com/ledgersync/ledgersync/internal/store/storetest"
	"github.com/ledgersync/ledgersync/internal/webhook"
)

// BenchmarkWebhookDeliveries delivers events one after another through
// the delivery job's worker (read the delivery, sign, POST, record the
// attempt) to a receiver on loopback, and runs a bare loop of the same
// POSTs to the same receiver. It reports both rates and their ratio,
// deliveries-vs-bare.
func BenchmarkWebhookDeliveries(b *testing.B) {
	const events = 500
	for _, d := range storetest.Dialects {
		b.Run(d, func(b *testing.B) {
			s := storetest.Open(b, d, storetest.Options{})
			cfg, err := config.FromEnv(func(string) (string, bool) { return "", false })
			if err != nil {
				b.Fatal(err)
			}
			cfg.WebhookAllowLoopback = true
			a, err := app.New(cfg, s, slog.New(slog.NewTextHandler(&logtest.Buffer{}, nil)))
			if err != nil {
				b.Fatal(err)
			}
			receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
			}))
			b.Cleanup(receiver.Close)
			ctx := context.Background()
			c, err := s.CreateClient(ctx, "Bank of Dave", 0)
			if err != nil {
				b.Fatal(err)
			}
			co, err := s.CreateCompany(ctx, c, ledgersync.CompanyCreate{Name: "Shop"})
			if err != nil {
				b.Fatal(err)
			}
			rule := &ledgersync.Rule{ClientID: c.ID, Type: ledgersync.EventDataConnectionStatusChanged,
				Notifiers: ledgersync.Notifiers{Webhook: receiver.URL + "/hooks"}}
			if err := s.CreateRule(ctx, rule); err != nil {
				b.Fatal(err)
			}
			var ids []string
			s.SetDeliveryEnqueuer(func(_ context.Context, _ *sql.Tx, created []string) error {
				ids = append(ids, created...)
				return nil
			})
			var deliver, bare time.Duration
			for b.Loop() {
				ids = ids[:0]
				for range events {
					e := ledgersync.Event{ClientID: c.ID, CompanyID: co.ID, Type: ledgersync.EventDataConnectionStatusChanged,
						Message: "Data connection status changed", Data: map[string]any{"newStatus": "Linked", "oldStatus": "PendingAuth"}}
					if err := s.RecordEvents(ctx, []ledgersync.Event{e}); err != nil {
						b.Fatal(err)
					}
				}
				start := time.Now()
				for _, id := range ids {
					if err := a.Webhooks.Work(ctx, &river.Job[webhook.DeliverArgs]{Args: webhook.DeliverArgs{DeliveryID: id}}); err != nil {
						b.Fatal(err)
					}
				}
				deliver += time.Since(start)
				start = time.Now()
				barePosts(b, receiver.URL+"/hooks", events)
				bare += time.Since(start)
			}
			n := float64(b.N * events)
			b.ReportMetric(n/deliver.Seconds(), "deliveries/s")
			b.ReportMetric(n/bare.Seconds(), "bare-posts/s")
			b.ReportMetric(bare.Seconds()/deliver.Seconds(), "deliveries-vs-bare")
		})
	}
}

// barePosts sends n plain POSTs of a typical body, one after another.
func barePosts(b *testing.B, url string, n int) {
	body := bytes.Repeat([]byte("x"), 400)
	client := &http.Client{}
	for range n {
		res, err := client.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("bare POST: %d", res.StatusCode)
		}
	}
}
