package x3sim

// Site is how far the simulated X3 has been set up for the connector.
//
//   - SiteStock: an X3 as installed, with only what Sage documents: the PO
//     representation is read-only (no $edit facet), lines sit under a
//     representation-specific collection with their $uuid, there are no
//     custom (Y*) columns, no representation can create a shipment,
//     GraphQL has only documented fields.
//   - SiteConfigured: what docs/x3-setup.md asks the X3 administrator to
//     set up, done: an acknowledgment representation with an $edit
//     facet, a shipment representation with a $create facet, and the
//     specific Y* columns of inbound.asn_target = "fields".
//
// The zero value is SiteConfigured, so existing callers keep a site the
// connector can write to; tests that show a refusal ask for SiteStock.
type Site string

const (
	SiteConfigured Site = "configured"
	SiteStock      Site = "stock"
)

// Sites lists the valid values, for flags and error messages.
var Sites = []Site{SiteStock, SiteConfigured}

// site returns the configured site, SiteConfigured when unset.
func (c Config) site() Site {
	if c.Site == "" {
		return SiteConfigured
	}
	return c.Site
}

// Names are the names of the simulated site's representations and line
// collections, so a test can show a site that named them otherwise. Empty
// fields take the defaults below. The simulator keeps its own defaults:
// it never shares them with the client.
type Names struct {
	PORepresentation       string // the PO's read-only representation; default PORDER
	POEditRepresentation   string // configured site: the acknowledgment representation; default YPOACK
	POLines                string // the PO's line collection; default POHPOP
	InvoiceLines           string // the invoice's line collection; default PIHPID
	ShipmentClass          string // default SHIPMENT
	ShipmentRepresentation string // configured site: creates shipments; default YSHIPASN
	ShipmentLines          string // default SHIPMENTD
}

func (n Names) withDefaults() Names {
	def := func(v, d string) string {
		if v == "" {
			return d
		}
		return v
	}
	return Names{
		PORepresentation:       def(n.PORepresentation, "PORDER"),
		POEditRepresentation:   def(n.POEditRepresentation, "YPOACK"),
		POLines:                def(n.POLines, "POHPOP"),
		InvoiceLines:           def(n.InvoiceLines, "PIHPID"),
		ShipmentClass:          def(n.ShipmentClass, "SHIPMENT"),
		ShipmentRepresentation: def(n.ShipmentRepresentation, "YSHIPASN"),
		ShipmentLines:          def(n.ShipmentLines, "SHIPMENTD"),
	}
}
