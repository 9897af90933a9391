package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/webhook"
)

// Example shows what the delivery job does for one event and one rule.
func Example() {
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer receiver.Close()

	// What the store gives: the event, the rule, the client's profile.
	event := &ledgersync.Event{ID: "5b0f6a2e-9c1d-4e8f-a7b3-2d4c6e8f0a1b", ClientID: "bae71d36-5c3b-4a0e-9d58-0f7e4f1f6a01",
		CompanyID: "8a210b68-6988-11ed-a1eb-0242ac120002", Type: ledgersync.EventSyncCompleted, Message: "Sync completed"}
	profile := &ledgersync.Profile{Name: "Bank of Dave", WebhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
	ruleID, webhookURL := "70af3071-65d9-4ec3-b3cb-5283e8d55dac", receiver.URL

	// Validated when the rule is created (loopback only in development).
	guard := webhook.Guard{AllowLoopback: true}
	if err := ledgersync.CheckWebhookURL(webhookURL, guard.AllowLoopback, guard.Check); err != nil {
		fmt.Println(err)
		return
	}
	env := webhook.NewEnvelope(event, ruleID, "41a07929-eb3c-583b-8068-06a7f208547c", profile.Name)
	body, err := env.Marshal()
	if err != nil {
		fmt.Println(err) // ErrTooLarge: give up at once
		return
	}
	signer, err := webhook.ProfileSigner(profile, time.Now())
	if err != nil {
		fmt.Println(err)
		return
	}
	sender := webhook.NewSender(webhook.Options{Guard: guard}) // one per process
	attempt := 1                                               // River's job.Attempt
	r := sender.Send(context.Background(), &webhook.Delivery{URL: webhookURL, ID: env.AlertID, Body: body,
		Authorization: profile.AlertAuthHeader, Signer: signer})
	delay, retry := webhook.DefaultSchedule.Next(attempt, r)
	fmt.Println(r.Outcome, r.StatusCode, retry, delay)
	// Output: delivered 200 false 0s
}
