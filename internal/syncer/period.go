package syncer

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/schedule"
	"github.com/ledgersync/ledgersync/internal/store"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// dirtyDays lists, oldest first, the business days of the run's scope
// that hold a record version not synced yet (SPEC §7.2: versions already
// synced are skipped, so overlapping periods are safe). Only the dates
// are read; each day is then mapped on its own.
func (r *Runner) dirtyDays(ctx context.Context, run *ledgersync.SyncRun, l *configuration.Loaded, loc *time.Location) ([]schedule.Date, error) {
	lower, err := r.scopeStart(ctx, run, l, loc)
	if err != nil {
		return nil, err
	}
	hour := l.Config.Schedule.SyncHour
	seen := map[schedule.Date]bool{}
	note := func(created time.Time) error {
		seen[schedule.BusinessDay(created, hour, loc)] = true
		return nil
	}
	for _, dataType := range []string{ledgersync.DataOrders, ledgersync.DataPayments, ledgersync.DataTransactions} {
		if err := r.store.DirtyDates(ctx, dataType, run.CompanyID, lower, run.Finish, note); err != nil {
			return nil, err
		}
	}
	days := make([]schedule.Date, 0, len(seen))
	for d := range seen {
		days = append(days, d)
	}
	slices.SortFunc(days, schedule.Date.Compare)
	return days, nil
}

// scopeStart is where a sync looks for records not synced yet (SPEC
// §7.2): the floor for Scheduled and Latest syncs, so that late records
// are picked up on their own business day, and the range's start for a
// Historic one.
func (r *Runner) scopeStart(ctx context.Context, run *ledgersync.SyncRun, l *configuration.Loaded, loc *time.Location) (time.Time, error) {
	if run.Type == ledgersync.SyncHistoric {
		return run.Start, nil
	}
	st, err := r.store.FindScheduleState(ctx, run.CompanyID)
	if err != nil {
		return time.Time{}, err
	}
	if st.Floor != nil {
		return *st.Floor, nil
	}
	day, _ := l.Config.Schedule.StartDay()
	return schedule.S0(schedule.DateOf(day), l.Config.Schedule.SyncHour, loc), nil
}

// baseInput is the mapping input every day of the run shares.
func (r *Runner) baseInput(ctx context.Context, run *ledgersync.SyncRun, l *configuration.Loaded, loc *time.Location) (mapping.Input, error) {
	hour := l.Config.Schedule.SyncHour
	in := mapping.Input{CompanyID: run.CompanyID, Config: l.Config, Location: loc, SyncHour: hour,
		Accounts: map[string]ledgersync.Account{},
		// Adjustments are dated on the range's last business day (SPEC §8.3).
		AdjustmentDate: mapping.Date(schedule.BusinessDay(run.Finish.Add(-time.Nanosecond), hour, loc))}
	for _, a := range l.Sources.Accounts {
		in.Accounts[a.ID] = a
	}
	var err error
	in.TaxComponents, err = r.store.TaxComponents(ctx, run.CompanyID)
	return in, err
}

// dayOutput is one business day mapped: its documents, and what the
// day's close marks synced.
type dayOutput struct {
	out   *mapping.Output
	close store.DayClose
}

// transactionBatch is how many transactions are resolved and added at a
// time: the memory a day's transactions hold.
const transactionBatch = 1000

// mapDay streams one business day's records through the mapping, holding
// none of them. The whole day is read, not only the run's range, so that
// a range cutting a posted day does not reverse the rest of it; records
// created at or after the run's finish join only if an earlier sync
// posted them.
func (r *Runner) mapDay(ctx context.Context, run *ledgersync.SyncRun, base mapping.Input, day schedule.Date, open []mapping.OpenDocument) (*dayOutput, error) {
	in := base
	in.Open = open
	var err error
	if in.Previous, err = r.previous(ctx, run.CompanyID, day.String()); err != nil {
		return nil, err
	}
	s, err := mapping.NewStream(in)
	if err != nil {
		return nil, err
	}
	from, to := schedule.Boundary(day, in.SyncHour, in.Location), schedule.Boundary(day.AddDays(1), in.SyncHour, in.Location)
	d := &dayOutput{close: store.DayClose{CompanyID: run.CompanyID, Day: day.String(), From: from, To: to, Finish: run.Finish,
		Read: map[string]int64{}}}
	// keep notes what the scan read and says whether the record counts.
	keep := func(dataType string, created *ledgersync.DateTime, st store.Stored) bool {
		d.close.Read[dataType] = max(d.close.Read[dataType], st.Revision)
		return !st.Deleted && (st.Posted || created == nil || created.Before(run.Finish))
	}
	err = r.store.ScanOrders(ctx, run.CompanyID, from, to, func(o *ledgersync.Order, st store.Stored) error {
		if !keep(ledgersync.DataOrders, o.CreatedDate, st) {
			return nil
		}
		return s.AddOrder(o)
	})
	if err == nil {
		err = r.store.ScanPayments(ctx, run.CompanyID, from, to, func(p *ledgersync.Payment, st store.Stored) error {
			if !keep(ledgersync.DataPayments, p.CreatedDate, st) {
				return nil
			}
			return s.AddPayment(p)
		})
	}
	if err == nil {
		err = r.streamTransactions(ctx, run, s, from, to, keep)
	}
	if err != nil {
		return nil, err
	}
	d.out, err = s.Finish()
	return d, err
}

// streamTransactions adds a day's transactions in batches, each with the
// records of any day that it refers to.
func (r *Runner) streamTransactions(ctx context.Context, run *ledgersync.SyncRun, s *mapping.Stream, from, to time.Time,
	keep func(string, *ledgersync.DateTime, store.Stored) bool) error {
	batch := make([]ledgersync.Transaction, 0, transactionBatch)
	flush := func() error {
		linked, err := r.linked(ctx, run.CompanyID, batch)
		if err == nil {
			err = s.AddTransactions(batch, linked)
		}
		batch = batch[:0]
		return err
	}
	err := r.store.ScanTransactions(ctx, run.CompanyID, from, to, func(t *ledgersync.Transaction, st store.Stored) error {
		if !keep(ledgersync.DataTransactions, t.CreatedDate, st) {
			return nil
		}
		batch = append(batch, *t)
		if len(batch) == transactionBatch {
			return flush()
		}
		return nil
	})
	if err != nil || len(batch) == 0 {
		return err
	}
	return flush()
}

// linked loads the records, of any day, that transactions refer to: the
// payments whose type types a refund or a fee, and the orders a refund
// names, with their payments. They are never posted.
func (r *Runner) linked(ctx context.Context, companyID string, ts []ledgersync.Transaction) (mapping.Linked, error) {
	var paymentIDs, orderIDs []string
	for _, t := range ts {
		ref := t.TransactionSourceRef
		switch {
		case ref == nil || ref.ID == "":
		case strings.EqualFold(ref.Type, "Order"):
			orderIDs = append(orderIDs, ref.ID)
		default: // a payment, else an order (as the mapping resolves it)
			paymentIDs, orderIDs = append(paymentIDs, ref.ID), append(orderIDs, ref.ID)
		}
	}
	var linked mapping.Linked
	var err error
	if linked.Orders, err = r.store.FindOrders(ctx, companyID, distinct(orderIDs)); err != nil {
		return linked, err
	}
	for _, o := range linked.Orders {
		for _, p := range o.Payments {
			paymentIDs = append(paymentIDs, p.ID)
		}
	}
	linked.Payments, err = r.store.FindPayments(ctx, companyID, distinct(paymentIDs))
	return linked, err
}

// distinct sorts ids and drops repeats.
func distinct(ids []string) []string {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// previous is what earlier syncs posted for a day, nil if nothing.
func (r *Runner) previous(ctx context.Context, companyID, day string) (*mapping.Totals, error) {
	stored, err := r.store.PostedTotals(ctx, companyID, day)
	if err != nil || stored == nil {
		return nil, err
	}
	var t mapping.Totals
	if err := json.Unmarshal(stored, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// openDocuments is what the last closed day left open.
func (r *Runner) openDocuments(ctx context.Context, companyID string) ([]mapping.OpenDocument, error) {
	doc, err := r.store.OpenDocuments(ctx, companyID)
	if err != nil || doc == nil {
		return nil, err
	}
	var open []mapping.OpenDocument
	return open, json.Unmarshal(doc, &open)
}
