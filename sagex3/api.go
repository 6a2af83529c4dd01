// Package sagex3 is what the connector uses of Sage X3, whichever
// transport carries it: the API interface, and the check both clients
// run. The clients are its sub-packages: rest (the api1 web API, HTTP
// Basic) and graphql (the GraphQL API), with x3auth (the credentials of
// GraphQL: Basic, a connected application's JWT, Sage's cloud pairing);
// x3sim simulates a site.
package sagex3

import (
	"context"

	"github.com/mlconnector/ml-connector/core"
)

// API is what the connector uses of Sage X3, whichever transport carries
// it: the engine's reads, the inbound write-back, and the check command.
type API interface {
	core.ERP
	core.ERPWriter
	// Check authenticates and reads one purchase order. It returns a short
	// account of what worked, or a classified error saying what did not.
	Check(ctx context.Context) (string, error)
}
