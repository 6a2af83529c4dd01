package config

import "time"

// minWebhookSilence keeps the webhook-silence warning from firing on
// ordinary delays: Stedi retries a failed delivery 4 times, 90 s apart
// (stedi-api.md §5.1), so a transaction may reach the webhook some six
// minutes after it was processed.
const minWebhookSilence = time.Minute

// validateExactlyOnce checks the keys of issue 13: stedi.idempotency_window
// (how long Stedi answers a repeated Idempotency-Key from its cache; past
// it the sender asks Stedi before resending) and inbound.webhook_silence
// (how long inbound transactions may go undelivered by any webhook before
// the daemon says Stedi stopped delivering).
func (c Config) validateExactlyOnce(bad func(key, format string, args ...any)) {
	if w := c.Stedi.IdempotencyWindow.Duration; w < time.Minute {
		bad("stedi.idempotency_window", "must be at least 1m (Stedi documents 24h), got %s", w)
	}
	if s := c.Inbound.WebhookSilence.Duration; s < minWebhookSilence {
		bad("inbound.webhook_silence", "must be at least %s (Stedi retries a delivery for about 6 minutes), got %s", minWebhookSilence, s)
	}
}
