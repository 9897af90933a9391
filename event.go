package ledgersync

import "time"

// Event types a client can subscribe to with rules (SPEC §10).
const (
	EventSyncConnectionDeleted       = "Sync Connection Deleted"
	EventDataConnectionStatusChanged = "DataConnectionStatusChanged"
	EventSyncCompleted               = "Sync Completed"
	EventSyncFailed                  = "Sync Failed"
)

// Event is something a client is told about. Events are written in the
// same transaction as the change that causes them (a transactional
// outbox), and delivered later.
type Event struct {
	ID           string
	ClientID     string
	CompanyID    string
	ConnectionID string
	Type         string
	// Message is the envelope's human-readable Message.
	Message string
	// Data is the envelope's Data, nil when the type has none.
	Data    map[string]any
	Created time.Time
}

// ConnectionEvents returns the events a connection's status change
// causes: DataConnectionStatusChanged for any change, and Sync Connection
// Deleted when a Linked accounting connection is unlinked (not when the
// platform de-authorizes it).
func ConnectionEvents(clientID string, ch *ConnectionStatusChange) []Event {
	if !ch.Changed() {
		return nil
	}
	c := ch.Connection
	events := []Event{{ClientID: clientID, CompanyID: c.CompanyID, ConnectionID: c.ID, Type: EventDataConnectionStatusChanged,
		Message: "Data connection " + c.ID + " status changed from " + string(ch.OldStatus) + " to " + string(ch.NewStatus),
		Data: map[string]any{"dataConnectionId": c.ID, "platformKey": c.IntegrationKey,
			"newStatus": string(ch.NewStatus), "oldStatus": string(ch.OldStatus)}}}
	if c.SourceType == SourceAccounting && ch.OldStatus == StatusLinked && ch.NewStatus == StatusUnlinked {
		events = append(events, Event{ClientID: clientID, CompanyID: c.CompanyID, ConnectionID: c.ID,
			Type: EventSyncConnectionDeleted, Message: "Sync connection for company " + c.CompanyID + " deleted"})
	}
	return events
}

// SyncRunEvent is the event a finished sync run causes: Sync Completed
// when it succeeded, else Sync Failed with the stage it failed at (SPEC
// §10).
func SyncRunEvent(clientID string, r *SyncRun) Event {
	data := map[string]any{"syncId": r.ID, "syncType": "Commerce",
		"SyncDateRangeStartUtc": r.Start.UTC().Format(time.RFC3339), "SyncDateRangeFinishUtc": r.Finish.UTC().Format(time.RFC3339),
		"syncStatusCode": r.StatusCode}
	e := Event{ClientID: clientID, CompanyID: r.CompanyID, Type: EventSyncCompleted, Data: data,
		Message: "Sync " + r.ID + " for company " + r.CompanyID + " completed"}
	if !r.Succeeded() {
		e.Type, e.Message = EventSyncFailed, "Sync "+r.ID+" for company "+r.CompanyID+" failed"
		data["FailureStage"] = FailureStage(r.StatusCode)
	}
	return e
}

// FailureStage names where a sync with a failing status code stopped:
// Validation, Mapping, Pushing, Authorization or Skipped.
func FailureStage(code int) string {
	switch code {
	case CodeValidateError:
		return "Validation"
	case CodeMapCoreError, CodeProcessingError:
		return "Mapping"
	case CodeDeauthorized, CodeDeauthorizedRun:
		return "Authorization"
	case CodeSkipped:
		return "Skipped"
	}
	return "Pushing"
}
