package x3sim

import (
	"context"
	"fmt"
	"strings"
)

// gqlRoot is the resolver graphql-go runs every operation on: Query and
// Mutation give the two root types. Each package field is served under
// both documented root names; the site's schema names one.
type gqlRoot struct{ s *Server }

func (r *gqlRoot) Query() *gqlQueryRoot       { return &gqlQueryRoot{r.s} }
func (r *gqlRoot) Mutation() *gqlMutationRoot { return &gqlMutationRoot{r.s} }

type gqlQueryRoot struct{ s *Server }

func (r *gqlQueryRoot) X3Purchasing() *gqlPurchasing      { return &gqlPurchasing{r.s} }
func (r *gqlQueryRoot) XtremX3Purchasing() *gqlPurchasing { return &gqlPurchasing{r.s} }

type gqlMutationRoot struct{ s *Server }

func (r *gqlMutationRoot) X3Purchasing() *gqlPurchasingMutations { return &gqlPurchasingMutations{r.s} }
func (r *gqlMutationRoot) XtremX3Purchasing() *gqlPurchasingMutations {
	return &gqlPurchasingMutations{r.s}
}

// gqlPurchasing is the purchasing package of the query root.
type gqlPurchasing struct{ s *Server }

func (p *gqlPurchasing) PurchaseOrder() *gqlPOOperations          { return &gqlPOOperations{p.s} }
func (p *gqlPurchasing) PurchaseInvoice() *gqlInvoiceOperations   { return &gqlInvoiceOperations{p.s} }
func (p *gqlPurchasing) PurchaseReceipt() *gqlReceiptOperations   { return &gqlReceiptOperations{p.s} }
func (p *gqlPurchasing) PurchaseShipment() *gqlShipmentOperations { return &gqlShipmentOperations{p.s} }

// gqlPurchasingMutations is the purchasing package of the mutation root.
type gqlPurchasingMutations struct{ s *Server }

func (p *gqlPurchasingMutations) PurchaseOrder() *gqlPOMutations { return &gqlPOMutations{p.s} }
func (p *gqlPurchasingMutations) PurchaseReceipt() *gqlReceiptMutations {
	return &gqlReceiptMutations{p.s}
}
func (p *gqlPurchasingMutations) PurchaseShipment() *gqlShipmentMutations {
	return &gqlShipmentMutations{p.s}
}

// gqlPOOperations resolves purchaseOrder.query and .read.
type gqlPOOperations struct{ s *Server }

func (o *gqlPOOperations) Query(args gqlQueryArgs) (*gqlConnection[*gqlPO], error) {
	return o.s.poTable().query(args)
}

// Read answers read(_id:); an unknown id reads as null.
func (o *gqlPOOperations) Read(args gqlReadArgs) *gqlPO {
	o.s.mu.RLock()
	p := o.s.pos[string(args.ID)]
	o.s.mu.RUnlock()
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
