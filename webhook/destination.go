package webhook

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi"
)

// Deliveries from Stedi's Event Destinations (stedi-api.md §5.3) are
// signed the Standard Webhooks way: webhook-id, webhook-timestamp and
// webhook-signature ("v1,<base64 HMAC-SHA256 of id.timestamp.body>", one
// or more, space-separated, while a secret rotates). Any of the three
// headers marks such a delivery; it is checked against the event
// destination's signing secret only, never against the webhook credential.
const (
	headerID        = standardwebhooks.HeaderWebhookID
	headerTimestamp = standardwebhooks.HeaderWebhookTimestamp
	headerSignature = standardwebhooks.HeaderWebhookSignature
)

// Stedi's webhook-timestamp is when the event was created, not when it
// was sent, and Stedi retries a delivery for up to 48 hours; an operator
// may also retry one by hand (attempt-type MANUAL) while Stedi keeps the
// event, 30 days (stedi-api.md §5.3). The Standard Webhooks libraries'
// 5-minute window would refuse all of those, so the window is the
// retention plus a day; a replay inside it commits nothing twice, events
// being deduplicated on their id. A timestamp ahead of our clock by more
// than a clock's drift cannot come from Stedi.
const (
	maxEventAge    = 31 * 24 * time.Hour
	maxEventFuture = 5 * time.Minute
)

// secretPattern is signingSecret's pattern in event-destinations.json.
var secretPattern = regexp.MustCompile(`^whsec_[A-Za-z0-9+/=]+$`)

// ValidEventSecret checks an event destination signing secret's form:
// whsec_ and base64, 30 to 255 characters (event-destinations.json).
func ValidEventSecret(s string) error {
	if len(s) < 30 || len(s) > 255 || !secretPattern.MatchString(s) {
		return errors.New("must be whsec_ followed by base64, 30 to 255 characters, as Stedi shows it")
	}
	if _, err := standardwebhooks.NewWebhook(s); err != nil {
		return errors.New("its part after whsec_ is not base64")
	}
	return nil
}

// isEventDestination reports whether r carries a Standard Webhooks header.
func isEventDestination(r *http.Request) bool {
	return r.Header.Get(headerID) != "" || r.Header.Get(headerTimestamp) != "" || r.Header.Get(headerSignature) != ""
}

// serveEventDestination verifies, reads and commits one event destination
// delivery. Anything unverified is refused 401, as a wrong credential is.
func (h *Handler) serveEventDestination(w http.ResponseWriter, r *http.Request) {
	body, status := h.read(w, r)
	if status != 0 {
		h.refusals.refused(http.StatusText(status), "", r.RemoteAddr, false)
		reply(w, status, http.StatusText(status))
		return
	}
	ev, parseErr := stedi.ParseThinEvent(body)
	if err := h.verifySigned(r.Header, body); err != nil {
		h.refusals.refused("event destination delivery not verified", err.Error(), r.RemoteAddr, parseErr == nil)
		reply(w, http.StatusUnauthorized, "event destination delivery not verified")
		return
	}
	if parseErr != nil {
		h.refusals.refused("malformed event", parseErr.Error(), r.RemoteAddr, false)
		reply(w, http.StatusBadRequest, "malformed event: "+parseErr.Error())
		return
	}
	h.commit(w, r, thinEntry(ev, r.Header.Get(headerID), body))
}

// verifySigned checks the timestamp and the signature. Its errors name
// what failed, never the secret or the expected signature.
func (h *Handler) verifySigned(hd http.Header, body []byte) error {
	if h.signer == nil {
		return errors.New("no event destination secret is configured")
	}
	if hd.Get(headerID) == "" || hd.Get(headerTimestamp) == "" || hd.Get(headerSignature) == "" {
		return errors.New("webhook-id, webhook-timestamp and webhook-signature are all required")
	}
	sec, err := strconv.ParseInt(hd.Get(headerTimestamp), 10, 64)
	if err != nil {
		return errors.New("webhook-timestamp is not Unix seconds")
	}
	at, now := time.Unix(sec, 0), h.opts.Now()
	switch {
	case at.After(now.Add(maxEventFuture)):
		return fmt.Errorf("webhook-timestamp is %s ahead of this clock", at.Sub(now).Round(time.Second))
	case now.Sub(at) > maxEventAge:
		return fmt.Errorf("webhook-timestamp is %s old, beyond Stedi's retention of events", now.Sub(at).Round(time.Hour))
	}
	if err := h.signer.VerifyIgnoringTimestamp(body, hd); err != nil {
		return errors.New("no webhook-signature matches the event destination secret")
	}
	return nil
}

// thinEntry makes the inbox entry of a verified thin event. The event id
// (evt_…) is the dedupe key, as an event's id is on the webhook path;
// webhook-id (msg_…) is kept in the audit trail with the event.
func thinEntry(ev *stedi.ThinEvent, webhookID string, body []byte) core.InboxEntry {
	in := core.InboxEvent{ID: ev.ID, Type: ev.Type, Source: core.SourceWebhook, Raw: body, Thin: true}
	switch ev.Type {
	case stedi.ThinTransactionProcessed:
		tx := &core.InboundTransaction{TransactionID: ev.Resource.ID, ProcessedAt: ev.Created}
		if ev.Environment == "TEST" {
			tx.Mode = "test" // the event's environment marks it test as Stedi's mode test does
		}
		in.Transaction = tx
	case stedi.ThinFileFailed:
		in.FileFailure = &core.FileFailure{FileExecutionID: ev.Resource.ID, Errors: []core.Fault{{
			Message: "the event destination's thin event gives no reason; Stedi lists it under the execution's faults"}}}
	}
	e := core.NewInboxEntry(in)
	for i := range e.Audit {
		e.Audit[i].Message += " [webhook-id " + webhookID + "]"
	}
	return e
}
