package mapping

import (
	"github.com/ledgersync/ledgersync"
)

// posting is where an entry goes: a line on the bucket's account, and the
// account its money goes through.
type posting struct {
	// line is nil when the bucket has no line of its own (payments).
	line *Line
	// money is the payment type's or the card account; "" when no money
	// moves (sales).
	money string
}

// posting resolves an entry's accounts and tax rate. It fails with 4200
// when one is not mapped.
func (m *mapper) posting(e BucketTotal) (posting, error) {
	info := bucketInfos[e.Bucket]
	var p posting
	if e.AccountID != "" || info.key != "" {
		l, err := m.line(e, info)
		if err != nil {
			return p, err
		}
		p.line = &l
	}
	var err error
	switch info.money {
	case moneyTypeAccount:
		p.money, err = m.clearing(e.Type)
	case moneyCard:
		p.money, err = m.clearing(moneyCard)
	}
	return p, err
}

// line is an entry's line: on the account the entry names, or on the
// bucket's account key, at the zero rate where the bucket says so.
func (m *mapper) line(e BucketTotal, info bucketInfo) (Line, error) {
	l := Line{Bucket: e.Bucket, AccountID: e.AccountID, Description: info.label, TaxRateID: e.TaxRateID, Net: e.Net, Tax: e.Tax}
	var err error
	if info.key != "" {
		if l.AccountID, err = m.account(info.section, info.key); err != nil {
			return l, err
		}
	} else if name := m.accountName(l.AccountID); name != "" {
		l.Description = name
	}
	if info.zeroRate {
		if l.TaxRateID, err = m.rates.zeroRate(); err != nil {
			return l, err
		}
	}
	if e.LocationName != "" {
		l.Description += " – " + e.LocationName
	}
	return l, nil
}

// lines returns the lines of entries that all have one.
func (m *mapper) lines(entries []BucketTotal) ([]Line, error) {
	out := make([]Line, 0, len(entries))
	for _, e := range entries {
		p, err := m.posting(e)
		if err != nil {
			return nil, err
		}
		out = append(out, *p.line)
	}
	return out, nil
}

// journalLines are an entry's journal lines, debits positive: its own
// line and its money account, each on the side SPEC §9.3 gives it.
func (m *mapper) journalLines(e BucketTotal) ([]Line, error) {
	p, err := m.posting(e)
	if err != nil {
		return nil, err
	}
	info := bucketInfos[e.Bucket]
	suffix := ""
	if e.Type != "" {
		suffix = " (" + e.Type + ")"
	}
	var out []Line
	if p.line != nil {
		l := *p.line
		l.Net, l.Tax, l.Description = signed(l.Net, info.line), signed(l.Tax, info.line), l.Description+suffix
		out = append(out, l)
	}
	if p.money != "" {
		out = append(out, Line{Bucket: e.Bucket, AccountID: p.money, Description: info.label + suffix, Net: signed(e.gross(), info.cash)})
	}
	return out, nil
}

// signed returns a for a debit and −a for a credit.
func signed(a ledgersync.Amount, direction int) ledgersync.Amount {
	if direction == credit {
		return -a
	}
	return a
}

// mergeLines adds up lines with the same account, rate and description,
// keeping the order of first appearance: a bill has one line per account.
func mergeLines(lines []Line) []Line {
	type key struct{ account, rate, description string }
	at := map[key]int{}
	var out []Line
	for _, l := range lines {
		k := key{l.AccountID, l.TaxRateID, l.Description}
		if i, ok := at[k]; ok {
			out[i].Net += l.Net
			out[i].Tax += l.Tax
			continue
		}
		at[k] = len(out)
		out = append(out, l)
	}
	return out
}
