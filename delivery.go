package ledgersync

import "time"

// Delivery statuses. A delivery is Pending until its webhook answers 2xx
// (Delivered), its attempts run out or the answer is final (Failed), or
// the rule's webhook is disabled before it was attempted (Cancelled).
const (
	DeliveryPending   = "Pending"
	DeliveryDelivered = "Delivered"
	DeliveryFailed    = "Failed"
	DeliveryCancelled = "Cancelled"
)

// Delivery is one event sent to one rule's webhook. Its ID is the
// envelope's AlertId, the same on every attempt.
type Delivery struct {
	ID        string
	RuleID    string
	EventID   string
	ClientID  string
	CompanyID string
	// EventType is the event's type, which is also the rule's.
	EventType string
	Status    string
	Attempts  int
	// LastStatusCode is the last attempt's HTTP status, 0 when there was
	// no answer; LastError says what went wrong with it.
	LastStatusCode int
	LastError      string
	LastAttemptAt  *time.Time
	NextAttemptAt  *time.Time
	DeliveredAt    *time.Time
	Created        time.Time
	Updated        time.Time
}

// DeliveryAttempt is the outcome of one attempt at a delivery.
type DeliveryAttempt struct {
	At time.Time
	// StatusCode is the answer's HTTP status, 0 when there was none.
	StatusCode int
	// Error says why the attempt failed; empty when it succeeded.
	Error string
	// Delivered is true when the webhook answered 2xx.
	Delivered bool
	// NextAttemptAt is when to try again after a failure; nil makes the
	// failure final.
	NextAttemptAt *time.Time
}

// DeliveryTarget is what sending a delivery needs: the delivery, its
// event and its rule.
type DeliveryTarget struct {
	Delivery *Delivery
	Event    *Event
	Rule     *Rule
}
