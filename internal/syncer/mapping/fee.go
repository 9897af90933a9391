package mapping

import (
	"github.com/ledgersync/ledgersync"
)

// feeDocument is how one side of fees is written (SPEC §9.2).
type feeDocument struct {
	side side
	// key is the account whose type decides: a Bank account gets one bank
	// transaction per payment type (bankKind); any other a bill (billKind)
	// settled per payment type (settleKind).
	key                            string
	bankKind, billKind, settleKind Kind
	// billCode and settleCode are the reference codes; settleCode is
	// followed by the type.
	billCode, settleCode string
}

// feeDocuments are fees, as spend-money or a bill with its payments, and
// fee refunds, as receive-money or a bill credit with its refunds.
var feeDocuments = []feeDocument{
	{side: sideFee, key: "paymentFee", bankKind: KindSpendMoney, billKind: KindFeeBill, settleKind: KindFeeBillPayment,
		billCode: "FEE", settleCode: "FEEPAY-"},
	{side: sideFeeCredit, key: "paymentFeeRefund", bankKind: KindReceiveMoney, billKind: KindFeeCredit, settleKind: KindFeeCreditRefund,
		billCode: "FEECN", settleCode: "FEERFD-"},
}

// fees writes the fee and fee-refund documents, addressed to the fees
// supplier.
func (b *builder) fees(placed map[side][]BucketTotal) error {
	for _, fd := range feeDocuments {
		entries := placed[fd.side]
		if len(entries) == 0 {
			continue
		}
		if err := b.fee(entries, fd); err != nil {
			return err
		}
	}
	return nil
}

// fee writes one side of fees.
func (b *builder) fee(entries []BucketTotal, fd feeDocument) error {
	supplier, err := b.m.supplier()
	if err != nil {
		return err
	}
	deciding, err := b.m.account(ledgersync.SectionFees, fd.key)
	if err != nil {
		return err
	}
	types, split, totals := byType(entries)
	if b.m.isBank(deciding) {
		return b.feeMoney(types, split, supplier, fd)
	}
	lines, err := b.m.lines(entries)
	if err != nil {
		return err
	}
	lines = mergeLines(lines)
	bill := b.emit(fd.billCode, Document{Kind: fd.billKind, Contact: supplier, Status: ledgersync.InvoiceSubmitted, Lines: lines, Total: sumLines(lines)})
	for _, t := range types {
		account, err := b.m.clearing(t)
		if err != nil {
			return err
		}
		applies := []Allocation{{Reference: bill.Reference, Kind: bill.Kind, Amount: totals[t]}}
		b.emit(fd.settleCode+t, Document{Kind: fd.settleKind, Contact: supplier, AccountID: account, Applies: applies, Total: totals[t]})
	}
	return nil
}

// feeMoney writes one bank transaction per payment type, through the
// type's account, with the fee lines.
func (b *builder) feeMoney(types []string, split map[string][]BucketTotal, supplier string, fd feeDocument) error {
	for _, t := range types {
		account, err := b.m.clearing(t)
		if err != nil {
			return err
		}
		lines, err := b.m.lines(split[t])
		if err != nil {
			return err
		}
		b.emit(fd.settleCode+t, Document{Kind: fd.bankKind, Contact: supplier, AccountID: account, Lines: lines, Total: sumLines(lines)})
	}
	return nil
}

// transfer writes the payout: from card to payout, or back when the net
// is negative.
func (b *builder) transfer(placed map[side][]BucketTotal) error {
	for _, e := range placed[sideTransfer] {
		p, err := b.m.posting(e)
		if err != nil {
			return err
		}
		from, to, amount := p.money, p.line.AccountID, e.gross()
		if amount < 0 {
			from, to, amount = to, from, -amount
		}
		b.emit("XFR", Document{Kind: KindTransfer, FromAccountID: from, ToAccountID: to, Total: amount})
	}
	return nil
}
