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
