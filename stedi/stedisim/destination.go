package stedisim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The account's webhook may deliver as one of Stedi's Event Destinations
// instead (stedi-api.md §5.3): thin v1.event bodies, signed the Standard
// Webhooks way (webhook-id, webhook-timestamp, webhook-signature), with
// the delivery headers Stedi documents. The signing here is written from
// the Standard Webhooks specification, apart from the connector's
// verifier, so a test with both shows they agree.

// Thin event types (stedi-api.md §5.3: transaction.processed, file.failed).
var thinTypes = map[string]string{
	EventTransactionProcessed: "transaction.processed",
	EventFileFailed:           "file.failed",
}

// thinPayload is V1EventPayload (Stedi's event-destinations.json).
type thinPayload struct {
	Account     string      `json:"account"`
	Created     string      `json:"created"`
	Environment string      `json:"environment"` // TEST or PRODUCTION
	ID          string      `json:"id"`
	Object      string      `json:"object"`
	Resource    resourceRef `json:"resource"`
	Type        string      `json:"type"`
}

type resourceRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// thin is what an event destination receives of e.
type thin struct {
	body    []byte
	msgID   string // webhook-id: msg_{UUID}, the same on every retry
	eventID string // evt_{UUID}
	created time.Time
}

// setThin gives e its thin form. The resource types are the simulator's
// reading (the spec names none for these events).
func (s *Server) setThin(e *event, resourceType, resourceID string, test bool, at time.Time) {
	env := "PRODUCTION"
	if test {
		env = "TEST"
	}
	created := at.UTC().Truncate(time.Second)
	e.thin = thin{msgID: "msg_" + s.ids.uuid("msg", e.id), eventID: "evt_" + s.ids.uuid("evt", e.id), created: created}
	e.thin.body = marshal(thinPayload{
		Account: eventAccount, Created: created.Format(time.RFC3339), Environment: env,
		ID: e.thin.eventID, Object: "v1.event",
		Resource: resourceRef{ID: resourceID, Type: resourceType}, Type: thinTypes[e.kind]})
}

// signThin sets the Standard Webhooks and Stedi delivery headers of one
// attempt: one v1 signature per secret (two while a secret rotates).
func signThin(h http.Header, t thin, attempt int, cfg WebhookConfig) {
	stamp := strconv.FormatInt(t.created.Unix(), 10)
	var sigs []string
	for _, secret := range []string{cfg.EventDestinationSecret, cfg.PreviousEventSecret} {
		if secret != "" {
			sigs = append(sigs, "v1,"+standardSignature(secret, t.msgID, stamp, t.body))
		}
	}
	h.Set("webhook-id", t.msgID)
	h.Set("webhook-timestamp", stamp)
	h.Set("webhook-signature", strings.Join(sigs, " "))
	h.Set("attempt-number", strconv.Itoa(attempt))
	h.Set("attempt-type", "AUTOMATIC")
	h.Set("destination-id", "dst_"+destinationUUID)
	h.Set("event-id", t.eventID)
}

// standardSignature is base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))
// with the key the base64 after "whsec_". An undecodable secret signs
// with nothing, so the receiver refuses it.
func standardSignature(secret, msgID, stamp string, body []byte) string {
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msgID + "." + stamp + "."))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// destinationUUID is the simulated account's one destination.
const destinationUUID = "00000000-0000-4000-8000-00000000d057"
