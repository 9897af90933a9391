package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// benchRequest sends one request through the full HTTP stack (client,
// loopback TCP, server middleware, authentication, handler, database).
func benchRequest(b *testing.B, h *harness, method, path, body string) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, rd)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", basic(h.a.key))
	res, err := h.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.Fatalf("%s %s: %d", method, path, res.StatusCode)
	}
}

func BenchmarkCreateCompany(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			h := newHarness(b, d)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				benchRequest(b, h, "POST", "/companies", fmt.Sprintf(`{"name":"Shop %d"}`, i))
			}
		})
	}
}

func BenchmarkGetCompany(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			h := newHarness(b, d)
			c := h.createCompany(h.a, "Shop")
			h.createConnection(h.a, c.ID, "lqai")
			h.createConnection(h.a, c.ID, "gbol")
			b.ReportAllocs()
			for b.Loop() {
				benchRequest(b, h, "GET", "/companies/"+c.ID, "")
			}
		})
	}
}

// BenchmarkStartURL measures GET …/start for a known merchant: the
// company is found, its connections checked and a link issued.
func BenchmarkStartURL(b *testing.B) {
	for _, d := range []string{"sqlite", "postgres"} {
		b.Run(d, func(b *testing.B) {
			h := newHarness(b, d)
			benchRequest(b, h, "GET", "/config/sync/commerce/lqai/mqjo/start?merchantIdentifier=Bench", "")
			b.ReportAllocs()
			for b.Loop() {
				benchRequest(b, h, "GET", "/config/sync/commerce/lqai/mqjo/start?merchantIdentifier=Bench", "")
			}
		})
	}
}
