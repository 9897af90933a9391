package syncer

import (
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
)

// TestPlatformOutcome checks how each kind of platform failure ends a
// run: the contract's status code, or a retry by the job engine.
func TestPlatformOutcome(t *testing.T) {
	t.Parallel()
	r := &Runner{}
	tests := []struct {
		kind  ledgersync.PlatformErrorKind
		code  int
		retry bool
	}{
		{ledgersync.PlatformReauthorize, ledgersync.CodeDeauthorizedRun, false},
		{ledgersync.PlatformRateLimited, 0, true},
		{ledgersync.PlatformUnavailable, 0, true},
		{ledgersync.PlatformRejected, ledgersync.CodePushError, false},
		{ledgersync.PlatformBilling, ledgersync.CodeBillingError, false},
		{ledgersync.PlatformAmbiguous, ledgersync.CodeDuplication, false},
	}
	for _, tt := range tests {
		o := r.platformOutcome(&ledgersync.PlatformError{Kind: tt.kind, Message: "refused", RetryAfter: 7 * time.Second})
		if o.code != tt.code || (o.retry != nil) != tt.retry {
			t.Errorf("%s: code %d, retry %v; want %d, retry %v", tt.kind, o.code, o.retry, tt.code, tt.retry)
		}
		if !tt.retry && o.message == "" {
			t.Errorf("%s: no message for the merchant", tt.kind)
		}
	}
	var snoozed *river.JobSnoozeError
	if o := r.platformOutcome(&ledgersync.PlatformError{Kind: ledgersync.PlatformRateLimited, RetryAfter: 7 * time.Second}); !errors.As(o.retry, &snoozed) || snoozed.Duration != 7*time.Second {
		t.Errorf("rate limited: retry %v, want a 7 s snooze", o.retry)
	}
}
