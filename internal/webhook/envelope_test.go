package webhook

import (
	"errors"
	"strings"
	"testing"

	"github.com/ledgersync/ledgersync"
)

const (
	testClient  = "bae71d36-5c3b-4a0e-9d58-0f7e4f1f6a01"
	testCompany = "8a210b68-6988-11ed-a1eb-0242ac120002"
	testConn    = "2e9d2c44-7a1b-4c55-8f2e-1d0c9b8a7f60"
	testRule    = "70af3071-65d9-4ec3-b3cb-5283e8d55dac"
	testEvent   = "5b0f6a2e-9c1d-4e8f-a7b3-2d4c6e8f0a1b"
	testAlert   = "41a07929-eb3c-583b-8068-06a7f208547c"
)

func TestEnvelopeJSON(t *testing.T) {
	t.Parallel()
	linked := &ledgersync.Connection{ID: testConn, CompanyID: testCompany, IntegrationKey: "gbol",
		SourceType: ledgersync.SourceAccounting}
	conn := ledgersync.ConnectionEvents(testClient, &ledgersync.ConnectionStatusChange{Connection: linked,
		OldStatus: ledgersync.StatusLinked, NewStatus: ledgersync.StatusUnlinked})
	if len(conn) != 2 {
		t.Fatalf("ConnectionEvents gave %d events, want 2", len(conn))
	}
	completed := ledgersync.Event{ClientID: testClient, CompanyID: testCompany, Type: ledgersync.EventSyncCompleted,
		Message: "Sync s1 for company " + testCompany + " completed",
		Data: map[string]any{"syncId": "s1", "syncType": "Commerce", "SyncDateRangeStartUtc": "2024-03-05T00:00:00Z",
			"SyncDateRangeFinishUtc": "2024-03-06T00:00:00Z", "syncStatusCode": 2000}}
	failed := completed
	failed.Type, failed.Message = ledgersync.EventSyncFailed, "Sync s1 for company "+testCompany+" failed"
	failed.Data = map[string]any{"syncId": "s1", "syncType": "Commerce", "syncStatusCode": 5130, "FailureStage": "Pushing"}

	head := `{"ClientId":"` + testClient + `","ClientName":"Bank of Dave & Co","CompanyId":"` + testCompany + `",`
	alert := testAlert
	tail := `"RuleId":"` + testRule + `","RuleType":`
	tests := []struct {
		name  string
		event ledgersync.Event
		want  string
	}{
		{"status changed", conn[0], head + `"DataConnectionId":"` + testConn + `",` + tail +
			`"DataConnectionStatusChanged","AlertId":"` + alert + `","Message":"Data connection ` + testConn +
			` status changed from Linked to Unlinked","Data":{"dataConnectionId":"` + testConn +
			`","newStatus":"Unlinked","oldStatus":"Linked","platformKey":"gbol"}}`},
		{"connection deleted", conn[1], head + `"DataConnectionId":"` + testConn + `",` + tail +
			`"Sync Connection Deleted","AlertId":"` + alert + `","Message":"Sync connection for company ` + testCompany + ` deleted"}`},
		{"sync completed", completed, head + tail + `"Sync Completed","AlertId":"` + alert + `","Message":"Sync s1 for company ` +
			testCompany + ` completed","Data":{"SyncDateRangeFinishUtc":"2024-03-06T00:00:00Z","SyncDateRangeStartUtc":"2024-03-05T00:00:00Z",` +
			`"syncId":"s1","syncStatusCode":2000,"syncType":"Commerce"}}`},
		{"sync failed", failed, head + tail + `"Sync Failed","AlertId":"` + alert + `","Message":"Sync s1 for company ` +
			testCompany + ` failed","Data":{"FailureStage":"Pushing","syncId":"s1","syncStatusCode":5130,"syncType":"Commerce"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.event.ID = testEvent
			body, err := NewEnvelope(&tt.event, testRule, testAlert, "Bank of Dave & Co").Marshal()
			if err != nil {
				t.Fatal(err)
			}
			if string(body) != tt.want {
				t.Errorf("body\n got %s\nwant %s", body, tt.want)
			}
		})
	}
}

func TestEnvelopeSize(t *testing.T) {
	t.Parallel()
	e := &Envelope{ClientID: testClient, CompanyID: testCompany, RuleID: testRule, RuleType: ledgersync.EventSyncFailed}
	base, err := e.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	e.Message = strings.Repeat("x", MaxBodySize-1-len(base))
	if body, err := e.Marshal(); err != nil || len(body) != MaxBodySize-1 {
		t.Fatalf("body of %d bytes: err %v", len(body), err)
	}
	e.Message += "x"
	if _, err := e.Marshal(); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("body of %d bytes: err = %v, want ErrTooLarge", MaxBodySize, err)
	}
}
