package app

import (
	"context"
	"database/sql"
	"time"

	"github.com/riverqueue/river"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/webhook"
)

// webhookWorker is the delivery job's worker: a sender that dials public
// addresses only (and loopback when allowed), and a mailer when SMTP is
// configured.
func (a *App) webhookWorker() (*webhook.Worker, error) {
	smtp := a.Config.SMTP
	mailer, err := webhook.NewMailer(webhook.MailOptions{Host: smtp.Host, Port: smtp.Port, Username: smtp.Username,
		Password: smtp.Password, From: smtp.From})
	if err != nil {
		return nil, err
	}
	if mailer == nil {
		a.Log.Info("e-mail notifiers are off: LEDGERSYNC_SMTP_HOST is not set")
	}
	return &webhook.Worker{Store: a.Store, Mailer: mailer, Now: time.Now, Log: a.Log,
		Sender: webhook.NewSender(webhook.Options{Guard: a.webhookGuard()})}, nil
}

func (a *App) webhookGuard() webhook.Guard {
	return webhook.Guard{AllowLoopback: a.Config.WebhookAllowLoopback}
}

// checkWebhookURL judges a rule's webhook: its shape, and a literal
// address by the guard that also checks every address it dials.
func (a *App) checkWebhookURL(u string) error {
	return ledgersync.CheckWebhookURL(u, a.Config.WebhookAllowLoopback, webhook.Guard{}.Check)
}

// EnqueueDeliveries queues one delivery job per delivery, in the
// transaction that made the deliveries pending.
func (a *App) EnqueueDeliveries(ctx context.Context, tx *sql.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: webhook.DeliverArgs{DeliveryID: id}}
	}
	_, err := a.River.InsertManyTx(ctx, tx, params)
	return err
}
