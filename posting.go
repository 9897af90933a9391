package ledgersync

// Posting states: planned (recorded, not yet sent, or sent with no answer
// recorded when Attempts > 0), posted (the platform holds it, with its
// id), failed (the platform refused it; a later sync tries again).
const (
	PostingPlanned = "planned"
	PostingPosted  = "posted"
	PostingFailed  = "failed"
)

// Posting is one document of the postings ledger.
type Posting struct {
	ID             string
	CompanyID      string
	SyncID         string
	Reference      string
	Kind           string
	IdempotencyKey string
	BusinessDay    string
	Currency       string
	// Document is the document as the mapping produced it, as JSON.
	Document   []byte
	Status     string
	Attempts   int
	PlatformID string
	Error      string
}

// OutcomeUnknown reports whether the posting was sent without an answer
// being recorded: it must be looked up by reference before it is sent
// again.
func (p *Posting) OutcomeUnknown() bool { return p.Status == PostingPlanned && p.Attempts > 0 }
