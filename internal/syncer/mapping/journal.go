package mapping

import (
	"fmt"

	"github.com/ledgersync/ledgersync"
)

// journal writes the group's one balanced journal (SPEC §9.3): a line per
// bucket, not netted, and the unpaid or overpaid remainder on the
// receivable, payments.invoice.
func (b *builder) journal() error {
	var lines []Line
	for _, e := range b.entries {
		ls, err := b.m.journalLines(e)
		if err != nil {
			return err
		}
		lines = append(lines, ls...)
	}
	if len(lines) == 0 {
		return nil
	}
	if rest := sumLines(lines); rest != 0 {
		account, err := b.m.account(ledgersync.SectionPayments, "invoice")
		if err != nil {
			return err
		}
		lines = append(lines, Line{Bucket: BucketReceivable, AccountID: account, Description: "Receivable", Net: -rest})
	}
	d := Document{Kind: KindJournal, Contact: b.m.optionalCustomer(), Lines: lines,
		Narration: fmt.Sprintf("ledgersync %s %s", b.p.id.day, b.p.id.currency)}
	d.Total = d.Debits()
	b.emit("JNL", d)
	return nil
}
