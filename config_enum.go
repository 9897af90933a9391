package ledgersync

import (
	"encoding/json"
	"slices"
	"strings"
)

// SyncFrequency is how often scheduled syncs run (SPEC §6.1).
type SyncFrequency string

// The sync frequencies, the SDK's closed enum.
const (
	FrequencyDaily   SyncFrequency = "Daily"
	FrequencyMonthly SyncFrequency = "Monthly"
)

// SyncFrequencies lists every frequency, in the order they are offered.
var SyncFrequencies = []SyncFrequency{FrequencyDaily, FrequencyMonthly}

// UnmarshalJSON reads a frequency, ignoring case.
func (f *SyncFrequency) UnmarshalJSON(b []byte) error {
	return decodeEnum(b, f, SyncFrequencies)
}

// OutputFormat is the kind of documents a sync writes. Empty means invoice
// mode; JournalEntry means journal mode.
type OutputFormat string

// OutputJournalEntry is journal mode, the SDK's only output format.
const OutputJournalEntry OutputFormat = "JournalEntry"

// UnmarshalJSON reads an output format, ignoring case.
func (f *OutputFormat) UnmarshalJSON(b []byte) error {
	return decodeEnum(b, f, []OutputFormat{OutputJournalEntry})
}

// InvoiceStatus is the status sales invoices are written with.
type InvoiceStatus string

// The invoice statuses.
const (
	InvoiceDraft     InvoiceStatus = "Draft"
	InvoiceSubmitted InvoiceStatus = "Submitted"
)

// InvoiceStatuses lists every invoice status, in the order they are offered.
var InvoiceStatuses = []InvoiceStatus{InvoiceDraft, InvoiceSubmitted}

// UnmarshalJSON reads an invoice status, ignoring case.
func (s *InvoiceStatus) UnmarshalJSON(b []byte) error {
	return decodeEnum(b, s, InvoiceStatuses)
}

// GroupingPeriod is the period a document covers.
type GroupingPeriod string

// GroupingDaily is the only grouping period: one document set a day.
const GroupingDaily GroupingPeriod = "Daily"

// UnmarshalJSON reads a grouping period, ignoring case.
func (p *GroupingPeriod) UnmarshalJSON(b []byte) error {
	return decodeEnum(b, p, []GroupingPeriod{GroupingDaily})
}

// GroupBy is a grouping level choice (SPEC §6.3).
type GroupBy string

// The group-by choices: Country splits invoices by order country; Location
// splits invoices, or lines, by order location.
const (
	GroupByCountry  GroupBy = "Country"
	GroupByLocation GroupBy = "Location"
)

// UnmarshalJSON reads a group-by choice, ignoring case.
func (g *GroupBy) UnmarshalJSON(b []byte) error {
	return decodeEnum(b, g, []GroupBy{GroupByCountry, GroupByLocation})
}

// AccountClassification tells bank accounts from the others in an account
// option. It is read-only.
type AccountClassification string

// The account classifications.
const (
	ClassificationBank    AccountClassification = "Bank"
	ClassificationNominal AccountClassification = "Nominal"
)

// decodeEnum reads a JSON string into dst, spelled as the known value it
// matches case-insensitively; an unknown value is kept as sent, for
// validation to report. null leaves dst alone.
func decodeEnum[T ~string](b []byte, dst *T, known []T) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*dst = canonicalEnum(s, known)
	return nil
}

// canonicalEnum returns the known value s matches, ignoring case, or s.
func canonicalEnum[T ~string](s string, known []T) T {
	i := slices.IndexFunc(known, func(k T) bool { return strings.EqualFold(s, string(k)) })
	if i < 0 {
		return T(s)
	}
	return known[i]
}
