package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/webhook"
)

// refusalSource is the webhook receiver's count of refused deliveries.
type refusalSource interface{ Refusals() webhook.Refusals }

// withDeliveriesProbe adds, when the daemon runs a webhook receiver, the
// check behind /readyz that warns while Stedi's deliveries are refused.
func withDeliveriesProbe(probes []admin.Probe, h http.Handler) []admin.Probe {
	if src, ok := h.(refusalSource); ok {
		probes = append(probes, deliveriesProbe(src))
	}
	return probes
}

// deliveriesProbe warns from the first Stedi event refused for missing or
// wrong credentials until a delivery is accepted again. It reads counts
// kept by the receiver; it sends nothing. A warning, like the webhook
// silence (admin.WebhookProbe), not a failure: the engine still works, the
// catch-up brings the documents in, and anyone who can reach a public
// webhook URL could post a Stedi-shaped event without credentials, which
// must not be enough to take the daemon out of service.
func deliveriesProbe(src refusalSource) admin.Probe {
	return admin.Probe{Part: "webhook_deliveries", Run: func(context.Context) admin.Outcome {
		r := src.Refusals()
		o := admin.Outcome{Tried: "count the Stedi deliveries the webhook refused since the last one it accepted"}
		if r.Deliveries == 0 {
			o.Result, o.Detail = admin.OK, "no delivery refused"
			if !r.Accepted.IsZero() {
				o.Detail += "; the last accepted at " + r.Accepted.Format(time.RFC3339)
			}
			return o
		}
		o.Result = admin.Warn
		o.Detail = fmt.Sprintf("%d Stedi deliveries refused for missing or wrong credentials since %s (the last at %s from %s); none accepted since",
			r.Deliveries, r.First.Format(time.RFC3339), r.Last.Format(time.RFC3339), r.LastFrom)
		o.Advice = "make " + config.EnvWebhookSecret + " the value of the credential set Stedi sends (webhook.auth, webhook.header), " +
			"and restart what sends with it; Stedi stops delivering to a webhook that answers 401 until it is re-authorized there"
		return o
	}}
}
