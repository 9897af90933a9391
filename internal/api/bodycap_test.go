package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestPushTakesBodiesOverOneMebibyte checks the push endpoints' own cap:
// 5,000 orders do not fit in the 1 MiB every other endpoint allows.
func TestPushTakesBodiesOverOneMebibyte(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite")
	co := h.createCompany(h.a, "Shop")
	h.createConnection(h.a, co.ID, "lqai")
	var b strings.Builder
	b.WriteString(`{"orders":[`)
	for i := range 4000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"order-%06d","currency":"GBP","createdDate":"2024-03-05T12:00:00Z","totalAmount":12.00,`+
			`"orderNumber":"%s","orderLineItems":[{"quantity":1,"taxPercentage":20,"totalAmount":12.00,"totalTaxAmount":2.00,"unitPrice":12.00}]}`,
			i, strings.Repeat("n", 200))
	}
	b.WriteString(`]}`)
	if b.Len() < 1<<20 {
		t.Fatalf("body of %d bytes is under 1 MiB", b.Len())
	}
	h.do("POST", "/data/companies/"+co.ID+"/sync/commerce-orders", h.a, b.String()).want(http.StatusOK)
	h.do("POST", "/companies", h.a, `{"name":"`+strings.Repeat("a", 1<<20)+`"}`).want(http.StatusRequestEntityTooLarge)
}
