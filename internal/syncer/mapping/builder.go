package mapping

import (
	"maps"
	"slices"

	"github.com/ledgersync/ledgersync"
)

// builder writes one group's documents.
type builder struct {
	m *mapper
	p *plan
	// entries are what to post: the current totals, or for a group posted
	// before, the difference.
	entries   []BucketTotal
	adjusting bool
	counts    map[string]int
	docs      []Document
}

// builder prepares the documents of a plan.
func (m *mapper) builder(p *plan) *builder {
	b := &builder{m: m, p: p, entries: p.current, counts: map[string]int{}}
	if p.previous != nil {
		b.adjusting = true
		b.entries = diff(p.current, p.previous.Buckets)
		maps.Copy(b.counts, p.previous.Adjustments)
	}
	return b
}

// build writes the group's documents in the configured mode.
func (b *builder) build() error {
	if b.m.cfg.JournalMode() {
		return b.journal()
	}
	placed := place(b.entries, b.adjusting)
	for _, step := range []func(map[side][]BucketTotal) error{b.sales, b.payments, b.fees, b.transfer} {
		if err := step(placed); err != nil {
			return err
		}
	}
	return nil
}

// groupTotals is what the group stands at once its documents are written.
func (b *builder) groupTotals() GroupTotals {
	t := GroupTotals{Day: b.p.id.day, Currency: b.p.id.currency, Group: b.group(), Buckets: b.p.current}
	if t.Buckets == nil {
		t.Buckets = []BucketTotal{}
	}
	if len(b.counts) > 0 {
		t.Adjustments = b.counts
	}
	return t
}

// group is the document group of the plan.
func (b *builder) group() Group {
	return Group{Number: b.p.number, Country: b.p.id.country, LocationID: b.p.id.location}
}

// places is the number of decimals of the group's currency.
func (b *builder) places() int { return ledgersync.CurrencyExponent(b.p.id.currency) }

// emit adds a document under a reference code ("INV", "PAY-card"), filling
// in what every document of the group shares, and returns it.
func (b *builder) emit(code string, d Document) Document {
	d.Day, d.Date, d.Currency, d.Group = b.p.id.day, b.p.id.day, b.p.id.currency, b.group()
	if b.adjusting {
		b.counts[code]++
		d.Adjustment = b.counts[code]
		if !b.m.in.AdjustmentDate.IsZero() {
			d.Date = b.m.in.AdjustmentDate
		}
	}
	d.Reference = reference(d.Day, b.p.number, code, d.Adjustment)
	b.docs = append(b.docs, d)
	return d
}

// place sorts entries by the side they are posted on. Positive amounts
// go home and negative ones away, negated: an extra payment or a refund,
// a bill or a bill credit (SPEC §8.3). On a first posting, sales lines
// keep their sign and stay on the invoice or credit note.
func place(entries []BucketTotal, adjusting bool) map[side][]BucketTotal {
	out := map[side][]BucketTotal{}
	for _, e := range entries {
		info := bucketInfos[e.Bucket]
		s := info.home
		if flips(e, info, adjusting) {
			s, e = info.away, e.negated()
		}
		out[s] = append(out[s], e)
	}
	return out
}

// flips reports whether an entry goes on its away side.
func flips(e BucketTotal, info bucketInfo, adjusting bool) bool {
	if info.home == info.away || (!adjusting && (info.home == sideInvoice || info.home == sideCredit)) {
		return false
	}
	g := e.gross()
	return g < 0 || (g == 0 && e.Net < 0)
}

// byType splits entries by payment type key, and sums each type's worth;
// types come in alphabetical order.
func byType(entries []BucketTotal) (types []string, split map[string][]BucketTotal, totals map[string]ledgersync.Amount) {
	split, totals = map[string][]BucketTotal{}, map[string]ledgersync.Amount{}
	for _, e := range entries {
		if _, seen := split[e.Type]; !seen {
			types = append(types, e.Type)
		}
		split[e.Type] = append(split[e.Type], e)
		totals[e.Type] += e.gross()
	}
	slices.Sort(types)
	return types, split, totals
}
