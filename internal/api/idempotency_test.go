package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/ledgersync/ledgersync/internal/config"
)

// keyed is a header with an Idempotency-Key.
func keyed(key string) http.Header { return http.Header{"Idempotency-Key": {key}} }

// TestIdempotencyKey checks RELIABILITY point 20: the same key and body
// replay the first answer and create one resource; the key with another
// body is 422; the key while its first request runs is 409.
func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		auth := basic(h.a.key)
		first := h.doHeader("POST", "/companies", auth, `{"name":"Shop"}`, keyed("k-1")).want(http.StatusOK)
		again := h.doHeader("POST", "/companies", auth, `{"name":"Shop"}`, keyed("k-1")).want(http.StatusOK)
		if string(again.body) != string(first.body) || again.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay %s (replayed %q), want the first answer %s", again.body, again.header.Get("Idempotent-Replayed"), first.body)
		}
		var list struct{ TotalResults int }
		h.do("GET", "/companies", h.a, nil).want(http.StatusOK).decode(&list)
		if list.TotalResults != 1 {
			t.Fatalf("%d companies after a replayed create, want 1", list.TotalResults)
		}
		h.doHeader("POST", "/companies", auth, `{"name":"Other"}`, keyed("k-1")).want(http.StatusUnprocessableEntity)
		// Another client's key of the same name is its own.
		h.doHeader("POST", "/companies", basic(h.b.key), `{"name":"Shop"}`, keyed("k-1")).want(http.StatusOK)

		if _, err := h.store.BeginIdempotent(context.Background(), h.a.id, "k-2", "running"); err != nil {
			t.Fatal(err)
		}
		h.doHeader("POST", "/companies", auth, `{"name":"Shop 2"}`, keyed("k-2")).want(http.StatusConflict)
		h.doHeader("POST", "/companies", auth, `{"name":"Shop 2"}`, keyed("bad\tkey")).want(http.StatusBadRequest)
	})
}

// TestIdempotencyKeyRequiredOnPushes checks that with
// LEDGERSYNC_REQUIRE_IDEMPOTENCY_KEY a push without the header is 400 and
// changes nothing, and that other requests do not need it.
func TestIdempotencyKeyRequiredOnPushes(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", func(c *config.Config) { c.RequireIdempotencyKey = true })
	id := h.commerceCompany(h.a)
	path := "/data/companies/" + id + "/sync/commerce-orders"
	h.do("POST", path, h.a, workedOrders).want(http.StatusBadRequest)
	if n := h.storedOrders(id); n != 0 {
		t.Fatalf("a refused push stored %d orders", n)
	}
	h.doHeader("POST", path, basic(h.a.key), workedOrders, keyed("push-1")).want(http.StatusOK)
	if n := h.storedOrders(id); n != 3 {
		t.Fatalf("%d orders stored, want 3", n)
	}
}
