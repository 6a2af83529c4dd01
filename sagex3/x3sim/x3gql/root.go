package x3gql

import (
	"context"
	"fmt"
	"strings"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// gqlRoot is the resolver graphql-go runs every operation on: Query and
// Mutation give the two root types. Each package field is served under
// both documented root names; the site's schema names one.
// names are the site's release names: the PO update reads its lines
// under names.OrderLines.
type gqlRoot struct {
	s     *x3sim.Server
	names x3sim.GraphQLNames
}

func (r *gqlRoot) Query() *gqlQueryRoot       { return &gqlQueryRoot{r.s} }
func (r *gqlRoot) Mutation() *gqlMutationRoot { return &gqlMutationRoot{r.s, r.names.OrderLines} }

type gqlQueryRoot struct{ s *x3sim.Server }

func (r *gqlQueryRoot) X3Purchasing() *gqlPurchasing      { return &gqlPurchasing{r.s} }
func (r *gqlQueryRoot) XtremX3Purchasing() *gqlPurchasing { return &gqlPurchasing{r.s} }

type gqlMutationRoot struct {
	s     *x3sim.Server
	lines string // the PO's line collection name
}

func (r *gqlMutationRoot) X3Purchasing() *gqlPurchasingMutations {
	return &gqlPurchasingMutations{r.s, r.lines}
}
func (r *gqlMutationRoot) XtremX3Purchasing() *gqlPurchasingMutations {
	return &gqlPurchasingMutations{r.s, r.lines}
}

// gqlPurchasing is the purchasing package of the query root.
type gqlPurchasing struct{ s *x3sim.Server }

func (p *gqlPurchasing) PurchaseOrder() *gqlPOOperations          { return &gqlPOOperations{p.s} }
func (p *gqlPurchasing) PurchaseInvoice() *gqlInvoiceOperations   { return &gqlInvoiceOperations{p.s} }
func (p *gqlPurchasing) PurchaseReceipt() *gqlReceiptOperations   { return &gqlReceiptOperations{p.s} }
func (p *gqlPurchasing) PurchaseShipment() *gqlShipmentOperations { return &gqlShipmentOperations{p.s} }

// gqlPurchasingMutations is the purchasing package of the mutation root.
type gqlPurchasingMutations struct {
	s     *x3sim.Server
	lines string
}

func (p *gqlPurchasingMutations) PurchaseOrder() *gqlPOMutations {
	return &gqlPOMutations{p.s, p.lines}
}
func (p *gqlPurchasingMutations) PurchaseReceipt() *gqlReceiptMutations {
	return &gqlReceiptMutations{p.s}
}
func (p *gqlPurchasingMutations) PurchaseShipment() *gqlShipmentMutations {
	return &gqlShipmentMutations{p.s}
}

// gqlPOOperations resolves purchaseOrder.query and .read.
type gqlPOOperations struct{ s *x3sim.Server }

func (o *gqlPOOperations) Query(args gqlQueryArgs) (*gqlConnection[*gqlPO], error) {
	return poTable(o.s).query(args)
}

// Read answers read(_id:); an unknown id reads as null.
func (o *gqlPOOperations) Read(args gqlReadArgs) *gqlPO {
	p := o.s.StoredPurchaseOrder(string(args.ID))
	if p == nil {
		return nil
	}
	return &gqlPO{p: p, s: o.s}
}

// gqlInput is the data argument of a create or update mutation, taken as
// the map graphql-go validated against the *_Input type of the schema.
type gqlInput map[string]any

func (gqlInput) ImplementsGraphQLType(name string) bool { return strings.HasSuffix(name, "_Input") }

func (in *gqlInput) UnmarshalGraphQL(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("data must be an object, got %T", v)
	}
	*in = m
	return nil
}

// gqlDataArgs are the arguments of a create or update mutation.
type gqlDataArgs struct {
	Data gqlInput
}

type gqlUserKey struct{}

// gqlUser is the X3 user a request authenticated as.
func gqlUser(ctx context.Context) string {
	u, _ := ctx.Value(gqlUserKey{}).(string)
	return u
}
