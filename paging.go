package ledgersync

// ListOptions selects one page of a list: the contract's page, pageSize,
// query and orderBy parameters.
type ListOptions struct {
	Page     int
	PageSize int
	Query    string
	OrderBy  string
}

// Paging limits of the contract.
const (
	DefaultPageSize = 100
	MaxPageSize     = 5000
)

// Offset is the number of rows before the page.
func (o ListOptions) Offset() int { return (o.Page - 1) * o.PageSize }
