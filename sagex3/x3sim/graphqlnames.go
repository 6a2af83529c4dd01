package x3sim

import (
	"fmt"
	"slices"
)

// GraphQLNames are the names a simulated site serves where Sage's releases
// differ (docs/sagex3-api.md §2.5 and §5.7: schema drift). The zero value
// is the current release. Only the documented alternatives are served,
// since the resolvers must know each name.
type GraphQLNames struct {
	// Root is the purchasing package: x3Purchasing (current docs) or
	// xtremX3Purchasing (2021–2022 releases, Sage's PHP sample).
	Root string
	// OrderLines is the PO's line collection: purchaseOrderLines (current
	// docs) or purchaseOrderQuantityLines (other releases).
	OrderLines string
}

var (
	gqlRoots      = []string{"x3Purchasing", "xtremX3Purchasing"}
	gqlOrderLines = []string{"purchaseOrderLines", "purchaseOrderQuantityLines"}
)

// withDefaults fills the current names and panics on a name the
// simulator cannot serve (a test bug).
func (n GraphQLNames) withDefaults() GraphQLNames {
	if n.Root == "" {
		n.Root = gqlRoots[0]
	}
	if n.OrderLines == "" {
		n.OrderLines = gqlOrderLines[0]
	}
	if !slices.Contains(gqlRoots, n.Root) || !slices.Contains(gqlOrderLines, n.OrderLines) {
		panic(fmt.Sprintf("x3sim: GraphQLNames %+v: the simulator serves roots %v and line collections %v",
			n, gqlRoots, gqlOrderLines))
	}
	return n
}
