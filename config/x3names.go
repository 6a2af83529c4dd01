package config

import (
	"maps"
	"slices"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/rest"
)

// X3REST is the [x3.rest] table: the api1 names of the site (classes,
// representations, line collections, properties) where they differ from
// the defaults of rest.NameTable, by the keys of that table.
type X3REST map[string]string

// Names applies [x3.rest] to the defaults.
func (x X3) Names() (rest.Names, error) { return rest.NewNames(x.REST) }

// ASN targets of inbound.asn_target.
var asnTargets = []core.ASNTarget{core.ASNShipment, core.ASNReceipt, core.ASNFields}

// ASNTargetOf is inbound.asn_target as the engine takes it.
func (in Inbound) ASNTargetOf() core.ASNTarget { return core.ASNTarget(in.ASNTarget) }

func (c Config) validateX3Names(bad func(key, format string, args ...any)) {
	for _, k := range slices.Sorted(maps.Keys(c.X3.REST)) {
		if err := rest.CheckName(k, c.X3.REST[k]); err != nil {
			bad("x3.rest."+k, "%s", err)
		}
	}
	target := c.Inbound.ASNTargetOf()
	known := false
	for _, t := range asnTargets {
		known = known || t == target
	}
	switch {
	case !known:
		bad("inbound.asn_target", "%q is not shipment, receipt or fields", c.Inbound.ASNTarget)
	case target == core.ASNReceipt && c.X3.APIName() == X3APIREST:
		bad("inbound.asn_target", `"receipt" makes a purchase receipt through GraphQL (purchaseReceipt.create), which needs x3.api = "graphql"; over api1 use "shipment" (an X3 shipment, docs/x3-setup.md step 4) or "fields"`)
	}
}
