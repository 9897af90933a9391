package ledgersync_test

import (
	"testing"
	"time"

	"github.com/ledgersync/ledgersync"
)

func TestSyncRunEvent(t *testing.T) {
	t.Parallel()
	run := &ledgersync.SyncRun{ID: "s1", CompanyID: "co", Start: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC),
		Finish: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		code      int
		typ       string
		stage     any
		statusKey any
	}{
		{ledgersync.CodeComplete, ledgersync.EventSyncCompleted, nil, 2000},
		{ledgersync.CodeNothingToSync, ledgersync.EventSyncCompleted, nil, 2040},
		{ledgersync.CodeValidateError, ledgersync.EventSyncFailed, "Validation", 4000},
		{ledgersync.CodeDeauthorized, ledgersync.EventSyncFailed, "Authorization", 4040},
		{ledgersync.CodeSkipped, ledgersync.EventSyncFailed, "Skipped", 4100},
		{ledgersync.CodeMapCoreError, ledgersync.EventSyncFailed, "Mapping", 4200},
		{ledgersync.CodeDeauthorizedRun, ledgersync.EventSyncFailed, "Authorization", 4220},
		{ledgersync.CodeProcessingError, ledgersync.EventSyncFailed, "Mapping", 5120},
		{ledgersync.CodePushError, ledgersync.EventSyncFailed, "Pushing", 5130},
		{ledgersync.CodeDuplication, ledgersync.EventSyncFailed, "Pushing", 5080},
	}
	for _, tt := range tests {
		run.StatusCode = tt.code
		e := ledgersync.SyncRunEvent("cl", run)
		if e.Type != tt.typ || e.ClientID != "cl" || e.CompanyID != "co" || e.Data["FailureStage"] != tt.stage ||
			e.Data["syncStatusCode"] != tt.statusKey || e.Data["syncId"] != "s1" || e.Data["syncType"] != "Commerce" ||
			e.Data["SyncDateRangeStartUtc"] != "2024-03-05T00:00:00Z" || e.Data["SyncDateRangeFinishUtc"] != "2024-03-06T00:00:00Z" {
			t.Errorf("code %d: %+v", tt.code, e)
		}
	}
}
