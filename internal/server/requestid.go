package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
)

type requestIDKey struct{}

// newRequestID returns 32 hex characters, the contract's correlation id.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// RequestID returns the request's id, which the API also reports as its
// correlationId; empty outside a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// WithRequestID returns a context carrying a request id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}
