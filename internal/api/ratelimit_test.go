package api

import (
	"testing"
	"time"
)

func TestKeyLimiterRefills(t *testing.T) {
	t.Parallel()
	l := newKeyLimiter(60) // one a second, a minute's worth at once
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 60 {
		if w := l.wait("key-a", now); w != 0 {
			t.Fatalf("request %d waited %v", i, w)
		}
	}
	if w := l.wait("key-a", now); w <= 0 || w > time.Second {
		t.Fatalf("61st request: wait %v, want up to 1s", w)
	}
	if w := l.wait("key-b", now); w != 0 {
		t.Fatalf("another key waited %v", w)
	}
	if w := l.wait("key-a", now.Add(time.Second)); w != 0 {
		t.Fatalf("after a second: wait %v", w)
	}
	if w := newKeyLimiter(0).wait("k", now); w != 0 {
		t.Fatalf("limit off: wait %v", w)
	}
}
