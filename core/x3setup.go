package core

import (
	"context"
	"time"
)

// X3Capability is something the connector needs Sage X3 for. Each one
// needs X3 objects (a class and representation with a facet, a line
// collection, properties; or GraphQL types, fields and mutations) that a
// site may or may not have set up.
type X3Capability string

const (
	CapPollPOs      X3Capability = "poll POs"
	CapReadLines    X3Capability = "read lines"
	CapWrite855     X3Capability = "write 855 acknowledgment"
	CapRecord856    X3Capability = "record 856 shipment"
	CapPollInvoices X3Capability = "poll invoices"
)

// Statuses of an X3SetupItem.
const (
	SetupOK      = "ok"
	SetupMissing = "missing"
)

// X3SetupItem is one X3 object a capability needs, as discovery found it.
type X3SetupItem struct {
	Capability X3Capability `json:"capability"`
	// Name says what the object is and where it was looked for, e.g.
	// "PORDER representation ZMLPOACK facet $edit" or "property LINOCNFLG".
	Name   string `json:"name"`
	Status string `json:"status"` // SetupOK or SetupMissing
	// Optional objects that are missing are left out of queries and
	// writes (reported once); a missing required one stops its capability.
	Optional bool `json:"optional,omitempty"`
	// Fix is the configuration key or the X3 setup step that provides a
	// missing object (docs/x3-setup.md has the steps).
	Fix string `json:"fix,omitempty"`
}

// X3Discovery is what the connector learned of one X3 site: which objects
// each capability needs, found or missing.
type X3Discovery struct {
	API   string        `json:"api"` // "rest" (api1) or "graphql"
	At    time.Time     `json:"at"`
	Items []X3SetupItem `json:"items"`
}

// Blocked returns the required items that are missing, by capability: the
// capabilities in it cannot work on this site as configured.
func (d X3Discovery) Blocked() map[X3Capability][]X3SetupItem {
	out := map[X3Capability][]X3SetupItem{}
	for _, it := range d.Items {
		if it.Status == SetupMissing && !it.Optional {
			out[it.Capability] = append(out[it.Capability], it)
		}
	}
	return out
}

// X3Discoverer is an X3 client that can read what a site has: the api1
// prototypes ($prototypes('{REP}.$details'), .$edit, .$create) of the
// representations in use, or GraphQL introspection of the types and
// mutations in use.
type X3Discoverer interface {
	Discover(ctx context.Context, needs []X3Capability) (X3Discovery, error)
}
