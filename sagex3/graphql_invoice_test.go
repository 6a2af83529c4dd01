package sagex3_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
)

func TestGraphQLReadsTheSameSupplierInvoicesAsREST(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.SeedPurchaseOrders(8)
	f.sim.SeedSupplierInvoices(6)
	f.clock.Advance(time.Hour)
	touched := f.sim.SupplierInvoiceNumbers()[:2]
	for _, n := range touched {
		f.sim.TouchInvoice(n)
	}
	rest, gql := f.rest(t), f.graphQL(t, sagex3.AuthConnectedApp)
	for _, since := range []time.Time{{}, f.clock.Now()} {
		var viaREST, viaGQL []string
		_ = rest.ChangedSupplierInvoices(context.Background(), since, func(rs core.RecordStamp) error { viaREST = append(viaREST, rs.Key); return nil })
		if err := gql.ChangedSupplierInvoices(context.Background(), since, func(rs core.RecordStamp) error { viaGQL = append(viaGQL, rs.Key); return nil }); err != nil {
			t.Fatal(err)
		}
		slices.Sort(viaGQL)
		slices.Sort(viaREST) // REST lists in update-stamp order
		if !slices.Equal(viaREST, viaGQL) || len(viaGQL) == 0 {
			t.Errorf("since %v: REST %v, GraphQL %v", since, viaREST, viaGQL)
		}
	}
	for _, n := range f.sim.SupplierInvoiceNumbers() {
		a, errA := rest.SupplierInvoice(context.Background(), n)
		b, errB := gql.SupplierInvoice(context.Background(), n)
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v / %v", n, errA, errB)
		}
		a.Raw, b.Raw = nil, nil
		if len(a.Lines) == 0 || !reflect.DeepEqual(a, b) {
			t.Errorf("invoice %s:\n REST    %+v\n GraphQL %+v", n, a, b)
		}
	}
	_, err := gql.SupplierInvoice(context.Background(), "NOSUCH")
	f.classified(t, err, core.Permanent)
}
