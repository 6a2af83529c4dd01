package core

import (
	"context"
	"fmt"
	"time"
)

// A webhook that answers 401 is put by Stedi into a Deauthorized state,
// and nothing is delivered to it until someone re-authorizes it in Stedi
// (real-systems.md). Only the catch-up brings documents in from then on;
// the catch-up notices it and says so.

// DefaultWebhookSilence is how long inbound transactions may go
// undelivered by any webhook before the daemon says Stedi is not
// delivering: well past Stedi's own retries (4, 90 s apart).
const DefaultWebhookSilence = 30 * time.Minute

// ControlWebhookSilent holds, while Stedi is not delivering webhooks, what
// the catch-up found; it is empty (absent) otherwise.
const ControlWebhookSilent = "webhook.silent"

// WebhookNotDelivering is what an operator is told, in the log, /readyz,
// the terminal UI and the alert.
const WebhookNotDelivering = "Stedi is not delivering webhooks; re-authorize the webhook in Stedi"

// Silence is what the store knows of webhook deliveries: the inbound
// transactions only the catch-up brought in, processed after the newest
// one a webhook delivered and at least the silence ago.
type Silence struct {
	Undelivered   int       // how many
	Since         time.Time // when Stedi processed the oldest of them
	LastDelivered time.Time // when Stedi processed the newest transaction a webhook delivered; zero if none ever
}

// checkSilence sets or clears ControlWebhookSilent after a pass, and
// tells the log and the bus when that changes (the alert manager and the
// UI read the control).
func (c *CatchUp) checkSilence(ctx context.Context) {
	if c.Silence <= 0 {
		return // no webhook endpoint runs: the catch-up is the way in
	}
	s, err := c.Store.WebhookSilence(ctx, c.Now().Add(-c.Silence))
	if err != nil {
		c.Logger.Warn("check webhook deliveries", "err", err)
		return
	}
	value := ""
	if s.Undelivered > 0 {
		value = silenceText(s)
	}
	old, _, err := c.Store.Control(ctx, ControlWebhookSilent)
	if err != nil || (old == "") == (value == "") {
		return // unchanged (the counts in the text may move; the state did not)
	}
	if err := c.Store.SetControl(ctx, ControlWebhookSilent, value, SourceCatchUp); err != nil {
		c.Logger.Error("record webhook silence", "err", err)
		return
	}
	if value != "" {
		c.Logger.Warn(WebhookNotDelivering, "undelivered", s.Undelivered, "since", s.Since.UTC().Format(time.RFC3339))
		c.Bus.Publish(Event{Action: "webhook_silent", Message: value})
		return
	}
	c.Logger.Info("Stedi delivers webhooks again")
	c.Bus.Publish(Event{Action: "webhook_delivering", Message: "Stedi delivers webhooks again"})
}

func silenceText(s Silence) string {
	last := "none ever"
	if !s.LastDelivered.IsZero() {
		last = "the newest delivered was processed " + s.LastDelivered.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("%s: %d inbound transaction(s) processed since %s came only by the catch-up (%s)",
		WebhookNotDelivering, s.Undelivered, s.Since.UTC().Format(time.RFC3339), last)
}
