package api

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/ledgersync/ledgersync"
)

// page is the contract's paging envelope.
type page[T any] struct {
	Results      []T   `json:"results"`
	PageNumber   int   `json:"pageNumber"`
	PageSize     int   `json:"pageSize"`
	TotalResults int   `json:"totalResults"`
	Links        links `json:"_links"`
}

type links struct {
	Self     href  `json:"self"`
	Current  href  `json:"current"`
	Next     *href `json:"next,omitempty"`
	Previous *href `json:"previous,omitempty"`
}

type href struct {
	Href string `json:"href"`
}

// listOptions reads page, pageSize, query and orderBy.
func listOptions(r *http.Request) (ledgersync.ListOptions, error) {
	q := r.URL.Query()
	o := ledgersync.ListOptions{Page: 1, PageSize: ledgersync.DefaultPageSize, Query: q.Get("query"), OrderBy: q.Get("orderBy")}
	var err error
	if v := q.Get("page"); v != "" {
		if o.Page, err = strconv.Atoi(v); err != nil || o.Page < 1 {
			return o, ledgersync.FieldError("page", "page must be a whole number of at least 1.")
		}
	}
	if v := q.Get("pageSize"); v != "" {
		if o.PageSize, err = strconv.Atoi(v); err != nil || o.PageSize < 1 || o.PageSize > ledgersync.MaxPageSize {
			return o, ledgersync.FieldError("pageSize", "pageSize must be a whole number from 1 to %d.", ledgersync.MaxPageSize)
		}
	}
	return o, nil
}

// newPage wraps one page of results in the envelope, with relative links
// that keep the query and order.
func newPage[T any](r *http.Request, o ledgersync.ListOptions, results []T, total int) page[T] {
	p := page[T]{Results: results, PageNumber: o.Page, PageSize: o.PageSize, TotalResults: total}
	if p.Results == nil {
		p.Results = []T{}
	}
	path := r.URL.Path
	p.Links.Self = href{path}
	p.Links.Current = href{pageHref(path, o, o.Page)}
	if o.Page*o.PageSize < total {
		p.Links.Next = &href{pageHref(path, o, o.Page+1)}
	}
	if o.Page > 1 {
		p.Links.Previous = &href{pageHref(path, o, o.Page-1)}
	}
	return p
}

func pageHref(path string, o ledgersync.ListOptions, n int) string {
	s := path + "?page=" + strconv.Itoa(n) + "&pageSize=" + strconv.Itoa(o.PageSize)
	if o.Query != "" {
		s += "&query=" + url.QueryEscape(o.Query)
	}
	if o.OrderBy != "" {
		s += "&orderBy=" + url.QueryEscape(o.OrderBy)
	}
	return s
}
