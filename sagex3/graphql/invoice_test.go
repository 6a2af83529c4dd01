package graphql_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

func TestGraphQLReadsTheSameSupplierInvoicesAsREST(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(8)
	f.Sim.SeedSupplierInvoices(6)
	f.Clock.Advance(time.Hour)
	touched := f.Sim.SupplierInvoiceNumbers()[:2]
	for _, n := range touched {
		f.Sim.TouchInvoice(n)
	}
	rest, gql := f.REST(t), f.GraphQL(t, x3auth.ConnectedApp)
	for _, since := range []time.Time{{}, f.Clock.Now()} {
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
	for _, n := range f.Sim.SupplierInvoiceNumbers() {
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
	f.Classified(t, err, core.Permanent)
}
