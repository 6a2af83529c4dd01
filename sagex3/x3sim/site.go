package x3sim

// Site is how far the simulated X3 has been set up for the connector.
//
//   - SiteStock: an X3 as installed, with only what Sage documents: the PO
//     representation is read-only (no $edit facet), lines sit under a
//     representation-specific collection with their $uuid, there are no
//     custom (Y*) columns, GraphQL has only documented fields.
//   - SiteConfigured: what docs/x3-setup.md asks the X3 administrator to
//     set up, done.
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
