package xero

import (
	"encoding/base64"
	"testing"
)

func TestPickTenant(t *testing.T) {
	t.Parallel()
	org := func(id, event, created string) connection {
		return connection{TenantID: id, AuthEventID: event, TenantType: "ORGANISATION", CreatedDateUTC: created}
	}
	practice := connection{TenantID: "practice", AuthEventID: "e1", TenantType: "PRACTICE", CreatedDateUTC: "2025-01-01T00:00:00"}
	tests := []struct {
		name  string
		conns []connection
		event string
		want  string
	}{
		{"none", nil, "e1", ""},
		{"only a practice", []connection{practice}, "e1", ""},
		{"event matches", []connection{org("a", "e1", "2024-01-01T00:00:00"), org("b", "e2", "2024-06-01T00:00:00")}, "e1", "a"},
		{"event matches two: newest", []connection{org("a", "e1", "2024-01-01T00:00:00.5"), org("b", "e1", "2024-01-01T00:00:00.75"), practice}, "e1", "b"},
		{"event unknown: newest", []connection{org("a", "e1", "2024-01-01T00:00:00"), org("b", "e2", "2024-06-01T00:00:00Z")}, "e9", "b"},
		{"no event: newest", []connection{org("a", "", "2024-07-01T00:00:00"), org("b", "", "2024-06-01T00:00:00")}, "", "a"},
		{"no dates: first", []connection{org("a", "", ""), org("b", "", "")}, "", "a"},
		{"tenant type missing", []connection{{TenantID: "s"}}, "", "s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := pickTenant(tt.conns, tt.event)
			if got.TenantID != tt.want || ok != (tt.want != "") {
				t.Errorf("pickTenant = %q %v, want %q", got.TenantID, ok, tt.want)
			}
		})
	}
}

func TestAuthEventID(t *testing.T) {
	t.Parallel()
	enc := base64.RawURLEncoding.EncodeToString
	tests := []struct {
		name, token, want string
	}{
		{"jwt", "h." + enc([]byte(`{"authentication_event_id":"evt-9"}`)) + ".s", "evt-9"},
		{"padded", "h." + base64.URLEncoding.EncodeToString([]byte(`{"authentication_event_id":"evt-10"}`)) + ".s", "evt-10"},
		{"no claim", "h." + enc([]byte(`{"sub":"x"}`)) + ".s", ""},
		{"opaque", "sandbox-token", ""},
		{"bad base64", "h.!!!.s", ""},
		{"bad json", "h." + enc([]byte(`{`)) + ".s", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := authEventID(tt.token); got != tt.want {
				t.Errorf("authEventID = %q, want %q", got, tt.want)
			}
		})
	}
}
