package ledgersync

import "time"

// ConnectionStatus is the authorization state of a connection.
type ConnectionStatus string

// The connection statuses of the contract.
const (
	StatusPendingAuth  ConnectionStatus = "PendingAuth"
	StatusLinked       ConnectionStatus = "Linked"
	StatusUnlinked     ConnectionStatus = "Unlinked"
	StatusDeauthorized ConnectionStatus = "Deauthorized"
)

// ConnectionStatuses lists every status, in the contract's order.
var ConnectionStatuses = []ConnectionStatus{StatusPendingAuth, StatusLinked, StatusUnlinked, StatusDeauthorized}

// Active reports whether a connection in this status counts as the
// company's active connection for its source type.
func (s ConnectionStatus) Active() bool {
	return s == StatusPendingAuth || s == StatusLinked
}

// SourceType is the kind of platform a connection reaches.
type SourceType string

// The source types of the contract.
const (
	SourceAccounting SourceType = "Accounting"
	SourceBanking    SourceType = "Banking"
	SourceBankFeed   SourceType = "BankFeed"
	SourceCommerce   SourceType = "Commerce"
	SourceExpense    SourceType = "Expense"
	SourceOther      SourceType = "Other"
	SourceUnknown    SourceType = "Unknown"
)

// SourceTypes lists every source type, in the contract's order.
var SourceTypes = []SourceType{SourceAccounting, SourceBanking, SourceBankFeed, SourceCommerce, SourceExpense, SourceOther, SourceUnknown}

// Connection is a company's link to one platform.
type Connection struct {
	ID             string
	CompanyID      string
	IntegrationKey string
	SourceType     SourceType
	Status         ConnectionStatus
	Created        time.Time
	LastSync       *time.Time
	// Info holds non-secret values such as a tenant or realm id.
	Info map[string]string
	// Errors records de-authorizations; nil when there never was one.
	Errors []ConnectionError
}

// ConnectionError is an entry of a connection's error history.
type ConnectionError struct {
	StatusCode   string
	StatusText   string
	ErrorMessage string
	ErroredOn    time.Time
	Status       string // Active or Resolved
	ResolvedOn   *time.Time
}

// ConnectionStatusChange records one status change of a connection, so
// callers can emit the events the contract asks for.
type ConnectionStatusChange struct {
	Connection *Connection
	OldStatus  ConnectionStatus
	NewStatus  ConnectionStatus
}

// Changed reports whether the status actually changed.
func (c *ConnectionStatusChange) Changed() bool { return c.OldStatus != c.NewStatus }
