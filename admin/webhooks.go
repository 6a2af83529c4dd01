package admin

import (
	"context"

	"github.com/mlconnector/ml-connector/core"
)

// ControlReader reads control settings (store.DB).
type ControlReader interface {
	Control(ctx context.Context, name string) (string, bool, error)
}

// WebhookProbe reports what the catch-up last found about webhook
// deliveries (core.ControlWebhookSilent): a warning in /readyz, not a
// failure, since documents still come in by the catch-up.
func WebhookProbe(db ControlReader) Probe {
	return Probe{Part: "webhooks", Run: func(ctx context.Context) Outcome {
		o := Outcome{Tried: "compare the inbound transactions the catch-up found with those webhooks delivered"}
		silent, _, err := db.Control(ctx, core.ControlWebhookSilent)
		switch {
		case err != nil:
			return failed(o, err, "the database check says more")
		case silent != "":
			o.Result, o.Detail = Warn, silent
			o.Advice = "in Stedi, open the webhook and re-authorize it (Stedi stops delivering to a webhook that answered 401); " +
				"until then the catch-up brings documents in every inbound.catchup_interval"
			return o
		}
		o.Result, o.Detail = OK, "no inbound transaction is missing from the webhook deliveries"
		return o
	}}
}
