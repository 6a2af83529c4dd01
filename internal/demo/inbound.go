package demo

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// The return path of the demo: the simulated partners acknowledge and ship
// what they receive, Stedi's webhooks reach the demo's webhook listener
// (sometimes twice, sometimes out of order), and for a few seconds not at
// all, which the catch-up covers.

// When the partners answer an 850, on the simulator's clock.
const (
	ackAfter      = 2 * time.Second
	shipAfter     = 6 * time.Second
	secondShipped = 12 * time.Second
)

// Ticks of the webhook outage (4 s).
const (
	webhookDownTick = 30
	webhookUpTick   = 40
)

// partnerHabits are dealt to the EDI suppliers in turn: most accept, one
// changes a quantity, one rejects a line, one moves a date; some ship in
// two parts. Their translators answer every file with a 997: one notes
// errors, one rejects the first PO it gets. One supplier confirms late:
// its 855s come slowPartner after the others', past the short deadline
// the demo gives it (slowDeadline), so they show as overdue until they come.
var partnerHabits = []stedisim.PartnerProfile{
	{Ack: stedisim.AckAcceptAll, Ship: stedisim.ShipFull, FA: stedisim.FAAccept},
	{Ack: stedisim.AckChangeQuantity, Ship: stedisim.ShipFull, FA: stedisim.FAWithErrors},
	{Ack: stedisim.AckAcceptAll, Ship: stedisim.ShipPartial, FA: stedisim.FAAccept, Slow: slowPartner},
	{Ack: stedisim.AckRejectLine, Ship: stedisim.ShipPartial, FA: stedisim.FARejectFirst},
	{Ack: stedisim.AckChangeDate, Ship: stedisim.ShipFull, FA: stedisim.FAAccept},
}

// The late supplier: how much later it answers, and the 855 deadline the
// demo's configuration gives it (the default, 48 hours, is far longer
// than a demo).
const (
	slowPartner  = 20 * time.Second
	slowDeadline = "6s"
	faAfter      = time.Second // the partners' translators answer with 997s
)

// webhookSlot is the demo's webhook listener's handler: 503 until the
// program that runs the demo hands over its receiver (ServeWebhook).
type webhookSlot struct{ h atomic.Pointer[http.Handler] }

func (s *webhookSlot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h := s.h.Load(); h != nil {
		(*h).ServeHTTP(w, r)
		return
	}
	http.Error(w, "webhook receiver not started yet", http.StatusServiceUnavailable)
}

// startInbound gives the partners their habits, opens the webhook
// listener, points Stedi's webhook at it with the demo's secret, and
// starts the simulator's partners and deliveries.
func (e *Env) startInbound(stediURL string) error {
	hookURL, err := e.serve(&e.webhook)
	if err != nil {
		return err
	}
	e.WebhookURL = hookURL + e.Config.Webhook.Path
	e.Config.Webhook.Secret = "Bearer " + secret() + secret()
	e.Config.Inbound.CatchUpInterval.Duration = 3 * time.Second
	e.Config.Inbound.CatchUpOverlap.Duration = time.Minute
	e.Config.Inbound.FirstLookback.Duration = time.Hour
	for i, p := range e.Config.Partners {
		habit := partnerHabits[i%len(partnerHabits)]
		e.Stedi.SetPartnerProfile(p.PartnershipID, habit)
		if habit.Slow > 0 {
			e.Config.Partners[i].Deadlines = config.Deadlines{"855": slowDeadline}
		}
	}
	e.Stedi.SetPublicURL(stediURL)
	e.Stedi.SetWebhook(stedisim.WebhookConfig{URL: hookURL + e.Config.Webhook.Path,
		Credential:    stedisim.APIKey{Header: e.Config.Webhook.Header, Value: e.Config.Webhook.Secret},
		RetryInterval: 2 * time.Second, DuplicateRate: 0.1, ReorderRate: 0.15, Seed: 3})
	return e.Stedi.Start(context.Background())
}

// ServeWebhook hands the webhook receiver to the demo's webhook listener.
func (e *Env) ServeWebhook(h http.Handler) {
	if h != nil {
		e.webhook.h.Store(&h)
	}
}

// inboundStory plays the webhook outage.
func (e *Env) inboundStory(tick int, log *slog.Logger) {
	switch tick {
	case webhookDownTick:
		e.Stedi.PauseWebhooks()
		log.Warn("webhook endpoint unreachable (tunnel down): Stedi's deliveries are lost until the catch-up lists them")
	case webhookUpTick:
		e.Stedi.ResumeWebhooks()
		log.Info("webhook endpoint back; the catch-up takes in what was missed")
	}
}
