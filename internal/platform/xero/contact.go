package xero

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ledgersync/ledgersync"
)

// contactPageSize is how many contacts Xero returns per page; a shorter
// page is the last.
const contactPageSize = 100

// contact is Xero's Contact, as far as ledgersync reads it.
// https://developer.xero.com/documentation/api/accounting/contacts
type contact struct {
	ContactID     string
	Name          string
	ContactStatus string
	IsCustomer    bool
	IsSupplier    bool
}

// Contacts returns every contact, archived ones included, page by page.
func (c *connector) Contacts(ctx context.Context) ([]ledgersync.Contact, error) {
	var out []ledgersync.Contact
	for page := 1; ; page++ {
		q := url.Values{"page": {strconv.Itoa(page)}, "includeArchived": {"true"}}
		var body struct{ Contacts []contact }
		if err := c.call(ctx, http.MethodGet, "/Contacts", q, nil, &body); err != nil {
			return nil, err
		}
		for _, x := range body.Contacts {
			out = append(out, ledgersync.Contact{
				ID:         x.ContactID,
				Name:       x.Name,
				IsCustomer: x.IsCustomer,
				IsSupplier: x.IsSupplier,
				Active:     x.ContactStatus == "ACTIVE",
			})
		}
		if len(body.Contacts) < contactPageSize {
			return out, nil
		}
	}
}
