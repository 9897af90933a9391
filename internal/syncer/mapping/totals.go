package mapping

import (
	"cmp"
	"slices"

	"github.com/ledgersync/ledgersync"
)

// Totals is what has been posted, group by group: the state adjustments
// are computed against (SPEC §8.3).
type Totals struct {
	Groups []GroupTotals `json:"groups"`
}

// GroupTotals is what one group's documents add up to, bucket by bucket.
type GroupTotals struct {
	Day      Date   `json:"day"`
	Currency string `json:"currency"`
	Group    Group  `json:"group"`
	// Buckets are the posted amounts, each rounded once.
	Buckets []BucketTotal `json:"buckets"`
	// Adjustments counts, per reference code ("INV", "PAY-card"), the
	// adjustments posted so far: the last n of -ADJ{n}.
	Adjustments map[string]int `json:"adjustments,omitempty"`
}

// id is the group the totals belong to.
func (t *GroupTotals) id() groupID {
	return groupID{day: t.Day, currency: t.Currency, groupKey: groupKey{country: t.Group.Country, location: t.Group.LocationID}}
}

// totals rounds each bucket once and adds the rounding buckets that make
// the invoice and the credit note come to the order totals (SPEC §9.2).
func (g *group) totals() []BucketTotal {
	places := ledgersync.CurrencyExponent(g.id.currency)
	byKey := map[bucketKey]BucketTotal{}
	var sales, refunds ledgersync.Amount
	for k, s := range g.sums {
		t := s.total(k, places)
		byKey[k] = t
		switch bucketInfos[k.bucket].home {
		case sideInvoice:
			sales += t.gross()
		case sideCredit:
			refunds += t.gross()
		}
	}
	if g.hasOrders {
		byKey[bucketKey{bucket: BucketSalesRounding}] = BucketTotal{Bucket: BucketSalesRounding, Net: g.salesTarget.Round(places) - sales}
		byKey[bucketKey{bucket: BucketRefundsRounding}] = BucketTotal{Bucket: BucketRefundsRounding, Net: g.refundTarget.Round(places) - refunds}
	}
	return sortedNonZero(byKey)
}

// plan is one group to post: its number, its current totals and, when it
// was posted before, what was.
type plan struct {
	id       groupID
	number   int
	current  []BucketTotal
	previous *GroupTotals
}

// plan lists every group of the input and of Previous, in order. A group
// keeps the number it was first posted with; new groups are numbered
// after the day's others, by currency, country and location.
func (m *mapper) plan(groups map[groupID]*group) []*plan {
	plans := map[groupID]*plan{}
	last := map[Date]int{}
	if m.in.Previous != nil {
		for i := range m.in.Previous.Groups {
			prev := &m.in.Previous.Groups[i]
			plans[prev.id()] = &plan{id: prev.id(), number: prev.Group.Number, previous: prev}
			last[prev.Day] = max(last[prev.Day], prev.Group.Number)
		}
	}
	for _, id := range sortedIDs(groups) {
		p := plans[id]
		if p == nil {
			last[id.day]++
			p = &plan{id: id, number: last[id.day]}
			plans[id] = p
		}
		p.current = groups[id].totals()
	}
	out := make([]*plan, 0, len(plans))
	for _, p := range plans {
		p.current = m.keepDisabled(p)
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *plan) int {
		return cmp.Or(cmp.Compare(a.id.day.String(), b.id.day.String()), cmp.Compare(a.number, b.number))
	})
	return out
}

// keepDisabled carries over what was posted for sections that no longer
// sync, so that turning a section off reverses nothing.
func (m *mapper) keepDisabled(p *plan) []BucketTotal {
	if p.previous == nil {
		return p.current
	}
	cur := slices.Clone(p.current)
	for _, t := range p.previous.Buckets {
		if !m.enabled(t.Bucket) {
			cur = append(cur, t)
		}
	}
	slices.SortFunc(cur, compareTotals)
	return cur
}

// sortedIDs returns the groups' ids by day, currency, country and
// location.
func sortedIDs(groups map[groupID]*group) []groupID {
	ids := make([]groupID, 0, len(groups))
	for id := range groups {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b groupID) int {
		return cmp.Or(cmp.Compare(a.day.String(), b.day.String()), cmp.Compare(a.currency, b.currency),
			cmp.Compare(a.country, b.country), cmp.Compare(a.location, b.location))
	})
	return ids
}
