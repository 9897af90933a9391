package ledgersync

import "time"

// Sync types.
const (
	SyncScheduled = "Scheduled"
	SyncLatest    = "Latest"
	SyncHistoric  = "Historic"
)

// Sync status codes of the contract (SPEC §7.5), with their syncStatus.
const (
	CodePending         = 1000
	CodeRunningLong     = 1010
	CodeComplete        = 2000
	CodeNothingToSync   = 2040
	CodeValidateError   = 4000
	CodeDeauthorized    = 4040
	CodeSkipped         = 4100
	CodeMapCoreError    = 4200
	CodeDeauthorizedRun = 4220
	CodeBillingError    = 4260
	CodeInternalError   = 5000
	CodeDuplication     = 5080
	CodeProcessingError = 5120
	CodePushError       = 5130
)

// SyncStatusNames gives each code its syncStatus text.
var SyncStatusNames = map[int]string{
	CodePending: "Pending", CodeRunningLong: "Started", CodeComplete: "Complete", CodeNothingToSync: "Complete",
	CodeValidateError: "ValidateError", CodeDeauthorized: "Deauthorized", CodeSkipped: "Skipped",
	CodeMapCoreError: "MapCoreError", CodeDeauthorizedRun: "Deauthorized", CodeBillingError: "BillingError",
	CodeInternalError: "InternalError", CodeDuplication: "DuplicationProtection", CodeProcessingError: "ProcessingError",
	CodePushError: "PushError",
}

// SyncRun is one sync over a period.
type SyncRun struct {
	ID               string
	CompanyID        string
	Type             string
	Start, Finish    time.Time
	DueAt            *time.Time
	StatusCode       int
	Status           string
	ErrorMessage     *string
	ExceptionMessage *string
	DataPushed       bool
	QueuedAt         time.Time
	StartedAt        *time.Time
	FinishedAt       *time.Time
}

// Active reports whether the sync waits or runs.
func (r *SyncRun) Active() bool {
	return r.StatusCode == CodePending || r.StatusCode == CodeRunningLong
}

// Succeeded reports whether the sync ended well, with or without data.
func (r *SyncRun) Succeeded() bool {
	return r.StatusCode == CodeComplete || r.StatusCode == CodeNothingToSync
}

// Messages of the manual sync refusals (SPEC §3.4).
const (
	MessageNotConfigured  = "Company is not configured for sync"
	MessageSyncInProgress = "A sync is already in progress for this company"
)

// ScheduleState is a company's durable schedule (SPEC §7.1): when the
// next sync is due, the anchor (finish of the last successful Scheduled or
// Latest sync), the floor, and the first failed due date of the current
// failure streak. Nil times are not set yet.
type ScheduleState struct {
	CompanyID      string
	NextDueAt      *time.Time
	Anchor         *time.Time
	Floor          *time.Time
	FirstFailedDue *time.Time
	AutoDisabled   bool
}
