package syncer

import (
	"context"
	"encoding/json"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/configuration"
	"github.com/ledgersync/ledgersync/internal/schedule"
	"github.com/ledgersync/ledgersync/internal/syncer/mapping"
)

// periodData is what a run maps: every current record of the business
// days that have something new, what was posted for those days before,
// and the records to mark synced once the documents are written.
type periodData struct {
	input  mapping.Input
	days   []string
	synced map[string][]ledgersync.RecordHeader // by data type
}

func (p *periodData) empty() bool { return len(p.days) == 0 }

// dayRecords gathers one data type's records by business day, noting
// the days with a version not synced yet (SPEC §7.2: versions already
// synced are skipped, so overlapping periods are safe).
type dayRecords[T any] struct {
	byDay   map[string][]T
	headers map[string][]ledgersync.RecordHeader
}

func newDayRecords[T any]() *dayRecords[T] {
	return &dayRecords[T]{byDay: map[string][]T{}, headers: map[string][]ledgersync.RecordHeader{}}
}

func (d *dayRecords[T]) add(day string, rec *T, h ledgersync.RecordHeader, synced *time.Time, current time.Time, deleted bool, dirty map[string]bool) {
	if synced == nil || !synced.Equal(current) {
		if !(deleted && synced == nil) {
			dirty[day] = true
		}
	}
	if !deleted {
		d.byDay[day] = append(d.byDay[day], *rec)
	}
	h.Version = current
	d.headers[day] = append(d.headers[day], h)
}

// readPeriod streams the run's period and keeps the days to map.
func (r *Runner) readPeriod(ctx context.Context, run *ledgersync.SyncRun, l *configuration.Loaded) (*periodData, error) {
	loc, err := l.Config.Schedule.Location()
	if err != nil {
		return nil, err
	}
	hour := l.Config.Schedule.SyncHour
	day := func(t *ledgersync.DateTime) string {
		if t == nil {
			return ""
		}
		return schedule.BusinessDay(t.Time, hour, loc).String()
	}
	lower, err := r.scopeStart(ctx, run, l, loc)
	if err != nil {
		return nil, err
	}
	dirty := map[string]bool{}
	orders, payments, txns := newDayRecords[ledgersync.Order](), newDayRecords[ledgersync.Payment](), newDayRecords[ledgersync.Transaction]()
	err = r.store.ScanOrders(ctx, run.CompanyID, lower, run.Finish, func(o *ledgersync.Order, synced *time.Time, current time.Time, deleted bool) error {
		orders.add(day(o.CreatedDate), o, ledgersync.RecordHeader{ID: o.ID}, synced, current, deleted, dirty)
		return nil
	})
	if err == nil {
		err = r.store.ScanPayments(ctx, run.CompanyID, lower, run.Finish, func(p *ledgersync.Payment, synced *time.Time, current time.Time, deleted bool) error {
			payments.add(day(p.CreatedDate), p, ledgersync.RecordHeader{ID: p.ID}, synced, current, deleted, dirty)
			return nil
		})
	}
	if err == nil {
		err = r.store.ScanTransactions(ctx, run.CompanyID, lower, run.Finish, func(t *ledgersync.Transaction, synced *time.Time, current time.Time, deleted bool) error {
			txns.add(day(t.CreatedDate), t, ledgersync.RecordHeader{ID: t.ID, Type: t.Type}, synced, current, deleted, dirty)
			return nil
		})
	}
	if err != nil {
		return nil, err
	}
	return r.assemble(ctx, run, l, loc, dirty, orders, payments, txns)
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

// assemble builds the mapping input for the dirty days.
func (r *Runner) assemble(ctx context.Context, run *ledgersync.SyncRun, l *configuration.Loaded, loc *time.Location, dirty map[string]bool,
	orders *dayRecords[ledgersync.Order], payments *dayRecords[ledgersync.Payment], txns *dayRecords[ledgersync.Transaction]) (*periodData, error) {
	p := &periodData{synced: map[string][]ledgersync.RecordHeader{}}
	in := mapping.Input{CompanyID: run.CompanyID, Config: l.Config, Location: loc, SyncHour: l.Config.Schedule.SyncHour,
		Accounts: map[string]ledgersync.Account{}}
	for _, a := range l.Sources.Accounts {
		in.Accounts[a.ID] = a
	}
	for d := range dirty {
		p.days = append(p.days, d)
		in.Orders = append(in.Orders, orders.byDay[d]...)
		in.Payments = append(in.Payments, payments.byDay[d]...)
		in.Transactions = append(in.Transactions, txns.byDay[d]...)
		p.synced[ledgersync.DataOrders] = append(p.synced[ledgersync.DataOrders], orders.headers[d]...)
		p.synced[ledgersync.DataPayments] = append(p.synced[ledgersync.DataPayments], payments.headers[d]...)
		p.synced[ledgersync.DataTransactions] = append(p.synced[ledgersync.DataTransactions], txns.headers[d]...)
	}
	var err error
	if err = r.linked(ctx, run.CompanyID, &in); err != nil {
		return nil, err
	}
	if in.TaxComponents, err = r.store.TaxComponents(ctx, run.CompanyID); err != nil {
		return nil, err
	}
	if in.Previous, err = r.previous(ctx, run.CompanyID, p.days); err != nil {
		return nil, err
	}
	p.input = in
	return p, nil
}

// linked loads the records of other days that the period's transactions
// refer to: the payments whose type types a refund or a fee, and the
// orders (with their payments) a refund names. They are never posted.
func (r *Runner) linked(ctx context.Context, companyID string, in *mapping.Input) error {
	havePayment, haveOrder := map[string]bool{}, map[string]bool{}
	for _, p := range in.Payments {
		havePayment[p.ID] = true
	}
	for _, o := range in.Orders {
		haveOrder[o.ID] = true
	}
	var paymentIDs, orderIDs []string
	for _, t := range in.Transactions {
		ref := t.TransactionSourceRef
		switch {
		case ref == nil:
		case ref.Type == "Payment" && !havePayment[ref.ID]:
			havePayment[ref.ID], paymentIDs = true, append(paymentIDs, ref.ID)
		case ref.Type == "Order" && !haveOrder[ref.ID]:
			haveOrder[ref.ID], orderIDs = true, append(orderIDs, ref.ID)
		}
	}
	var err error
	if in.LinkedOrders, err = r.store.FindOrders(ctx, companyID, orderIDs); err != nil {
		return err
	}
	for _, o := range in.LinkedOrders {
		for _, p := range o.Payments {
			if !havePayment[p.ID] {
				havePayment[p.ID], paymentIDs = true, append(paymentIDs, p.ID)
			}
		}
	}
	in.LinkedPayments, err = r.store.FindPayments(ctx, companyID, paymentIDs)
	return err
}

// previous is what earlier syncs posted for the days, nil if nothing.
func (r *Runner) previous(ctx context.Context, companyID string, days []string) (*mapping.Totals, error) {
	stored, err := r.store.PostedTotals(ctx, companyID, days)
	if err != nil || len(stored) == 0 {
		return nil, err
	}
	all := &mapping.Totals{}
	for _, doc := range stored {
		var t mapping.Totals
		if err := json.Unmarshal(doc, &t); err != nil {
			return nil, err
		}
		all.Groups = append(all.Groups, t.Groups...)
	}
	return all, nil
}
