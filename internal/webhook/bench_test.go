package webhook

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSend measures signed, guarded deliveries to a loopback
// receiver; compare with BenchmarkBarePOST for the cost of this package.
func BenchmarkSend(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }))
	defer srv.Close()
	s := NewSender(Options{Guard: Guard{AllowLoopback: true}})
	signer, err := NewSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		b.Fatal(err)
	}
	d := &Delivery{URL: srv.URL, ID: testAlert, Body: bytes.Repeat([]byte("x"), 512), Signer: signer}
	for b.Loop() {
		if r := s.Send(context.Background(), d); r.Outcome != Delivered {
			b.Fatal(r.Error)
		}
	}
}

// BenchmarkBarePOST is the baseline: the same POSTs with a plain client.
func BenchmarkBarePOST(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }))
	defer srv.Close()
	body := bytes.Repeat([]byte("x"), 512)
	for b.Loop() {
		resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
