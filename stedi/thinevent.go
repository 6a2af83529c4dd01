package stedi

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ThinEvent is a v1.event as Stedi's Event Destinations deliver it
// (V1EventPayload in Stedi's event-destinations.json; stedi-api.md §5.3):
// what changed, never the data; the data is read from the API.
type ThinEvent struct {
	ID          string // evt_{UUID}
	Type        string // transaction.processed, file.failed, event.ping, ...
	Environment string // TEST or PRODUCTION
	Created     time.Time
	Resource    ResourceRef
	Related     []ResourceRef
}

// ResourceRef is EventPayloadResourceRef: a resource and its type.
type ResourceRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// ThinObject is the object discriminator of a v1 thin event; the types
// below are the ones the connector acts on (stedi-api.md §5.3).
const (
	ThinObject               = "v1.event"
	ThinTransactionProcessed = "transaction.processed"
	ThinFileFailed           = "file.failed"
)

// ParseThinEvent reads an event destination's body. It refuses a body
// that is not a v1.event, or has no id, type or resource id.
func ParseThinEvent(body []byte) (*ThinEvent, error) {
	var p struct {
		Object           string        `json:"object"`
		ID               string        `json:"id"`
		Type             string        `json:"type"`
		Environment      string        `json:"environment"`
		Created          string        `json:"created"`
		Resource         *ResourceRef  `json:"resource"`
		RelatedResources []ResourceRef `json:"relatedResources"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("stedi thin event: %w", err)
	}
	if p.Object != ThinObject {
		return nil, fmt.Errorf("stedi thin event: object %q is not %q", p.Object, ThinObject)
	}
	if p.ID == "" || p.Type == "" {
		return nil, errors.New("stedi thin event: id or type missing")
	}
	if p.Resource == nil {
		p.Resource = &ResourceRef{} // required by the spec; an event.ping may not need one
	}
	if p.Resource.ID == "" && (p.Type == ThinTransactionProcessed || p.Type == ThinFileFailed) {
		return nil, fmt.Errorf("stedi thin event %s: %s without a resource id", p.ID, p.Type)
	}
	switch p.Environment {
	case "TEST", "PRODUCTION":
	default:
		return nil, fmt.Errorf("stedi thin event %s: environment %q is not TEST or PRODUCTION", p.ID, p.Environment)
	}
	ev := &ThinEvent{ID: p.ID, Type: p.Type, Environment: p.Environment, Resource: *p.Resource, Related: p.RelatedResources}
	ev.Created, _ = time.Parse(time.RFC3339Nano, p.Created) // informative only
	return ev, nil
}
