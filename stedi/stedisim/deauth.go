package stedisim

// Stedi puts a webhook whose endpoint answers 401 into a Deauthorized
// state, and delivers nothing to it until someone re-authorizes it in
// Stedi (real-systems.md: "Webhook 401 deauthorizes"). The simulator
// models that: a 401 answer deauthorizes the webhook; that event and every
// event falling due while it is deauthorized go to the error queue
// without a request; ReauthorizeWebhook ends it, for events emitted from
// then on.
//
// UNCONFIRMED: what becomes of events while a webhook is deauthorized
// (the error queue here, as for deliveries whose retries ran out) and
// whether the answer that deauthorizes is retried first (no, here).

// ReauthorizeWebhook is the operator re-authorizing the webhook in Stedi.
func (s *Server) ReauthorizeWebhook() {
	h := s.hooks
	h.mu.Lock()
	h.deauthorized = false
	h.mu.Unlock()
	h.poke()
}

// WebhookDeauthorized reports whether a 401 deauthorized the webhook.
func (s *Server) WebhookDeauthorized() bool { return s.hooks.isDeauthorized() }

func (h *webhooks) isDeauthorized() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.deauthorized
}
