package alert

import (
	"context"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// WebhookSilent is a problem while the catch-up finds inbound
// transactions that no webhook delivered for longer than
// inbound.webhook_silence (core.ControlWebhookSilent): Stedi has most
// likely deauthorized the webhook after it answered 401.
func WebhookSilent(db ControlReader) Source {
	return Source{Name: "webhooks", Problems: func(ctx context.Context, _ time.Time) ([]Problem, error) {
		silent, _, err := db.Control(ctx, core.ControlWebhookSilent)
		if err != nil || silent == "" {
			return nil, err
		}
		return []Problem{{Key: core.ControlWebhookSilent, Title: core.WebhookNotDelivering,
			Detail: silent + ". Documents still come in by the catch-up, minutes late."}}, nil
	}}
}
