package webhook

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
)

// DeliverArgs asks for the next attempt at one delivery: one event to one
// rule's notifiers.
type DeliverArgs struct {
	DeliveryID string `json:"deliveryId"`
}

// Kind is the job's stable name.
func (DeliverArgs) Kind() string { return "deliver_webhook" }

// Worker attempts deliveries. The schedule of attempts is the delivery's
// own (its attempts are counted in the store): a failed attempt snoozes
// the job until the next one, so River's own retries only cover a worker
// that died or a database error.
type Worker struct {
	river.WorkerDefaults[DeliverArgs]
	Store  *store.Store
	Sender *Sender
	// Mailer sends the rule's e-mails, on the first attempt; nil sends
	// none.
	Mailer *Mailer
	// Schedule is the delay before each attempt; nil is DefaultSchedule.
	Schedule Schedule
	Now      func() time.Time
	Log      *slog.Logger
}

// Work makes one attempt and records it.
func (w *Worker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	t, err := w.Store.FindDelivery(ctx, job.Args.DeliveryID)
	if ledgersync.ErrorCode(err) == ledgersync.ENotFound {
		return nil // its rule was deleted
	}
	if err != nil {
		return err
	}
	if t.Delivery.Status != ledgersync.DeliveryPending {
		return nil
	}
	client, err := w.Store.FindClientByID(ctx, t.Delivery.ClientID)
	if err != nil {
		return err
	}
	env := NewEnvelope(t.Event, t.Rule.ID, t.Delivery.ID, client.Name)
	attempt := t.Delivery.Attempts + 1
	if attempt == 1 && len(t.Rule.Notifiers.Emails) > 0 {
		w.mail(ctx, t, env)
	}
	now := w.now()
	a := ledgersync.DeliveryAttempt{At: now, Delivered: true}
	var res Result
	again, delay := false, time.Duration(0)
	if t.Rule.Notifiers.Webhook != "" && t.Rule.WebhookDisabledAt == nil {
		body, err := env.Marshal()
		if err != nil {
			res = Result{Error: "the event is too large to send"} // final: no attempt can succeed
		} else {
			res = w.send(ctx, t, env.AlertID, body)
			delay, again = w.schedule().Next(attempt, res)
		}
		a.StatusCode, a.Error, a.Delivered = res.StatusCode, res.Error, res.Outcome == Delivered
	}
	if !a.Delivered && again {
		next := now.Add(delay)
		a.NextAttemptAt = &next
	}
	err = w.Store.RecordDeliveryAttempt(ctx, t.Delivery.ID, a, res.Outcome == Gone)
	switch {
	case errors.Is(err, store.ErrDeliveryNotPending), ledgersync.ErrorCode(err) == ledgersync.ENotFound:
		return nil
	case err != nil:
		return err
	case a.NextAttemptAt != nil:
		return river.JobSnooze(delay)
	}
	return nil
}

// send makes one HTTP attempt, signed with the client's secrets.
func (w *Worker) send(ctx context.Context, t *ledgersync.DeliveryTarget, id string, body []byte) Result {
	profile, err := w.Store.FindProfile(ctx, t.Delivery.ClientID)
	if err != nil {
		return Result{Error: "the client's profile could not be read"}
	}
	signer, err := ProfileSigner(profile, w.now())
	if err != nil {
		return Result{Error: "the client has no usable signing secret"}
	}
	return w.Sender.Send(ctx, &Delivery{URL: t.Rule.Notifiers.Webhook, ID: id, Body: body,
		Authorization: profile.AlertAuthHeader, Signer: signer})
}

// mail sends the rule's e-mails once; a failure is logged, not retried,
// so that a retried webhook does not send them again.
func (w *Worker) mail(ctx context.Context, t *ledgersync.DeliveryTarget, env *Envelope) {
	if w.Mailer == nil {
		w.log().Info("webhook: rule has e-mail notifiers but SMTP is not configured", "rule_id", t.Rule.ID)
		return
	}
	if err := w.Mailer.Send(ctx, t.Rule.Notifiers.Emails, env); err != nil {
		w.log().Warn("webhook: e-mail not sent", "rule_id", t.Rule.ID, "delivery_id", t.Delivery.ID, "error", err)
	}
}

func (w *Worker) now() time.Time {
	if w.Now == nil {
		return time.Now()
	}
	return w.Now()
}

func (w *Worker) schedule() Schedule {
	if w.Schedule == nil {
		return DefaultSchedule
	}
	return w.Schedule
}

func (w *Worker) log() *slog.Logger {
	if w.Log == nil {
		return slog.Default()
	}
	return w.Log
}
