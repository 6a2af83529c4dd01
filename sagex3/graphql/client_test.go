package graphql_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/graphql"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

var ackPatch = map[string]any{
	"OCNNUM": "ACK-9001", "OCNDAT": "2026-11-27", "OCNREM": "Accepted with changes",
	graphql.LinesField: []map[string]any{
		{"POPLIN": 2000, "QTYUOM": 800, "LINOCNFLG": 2, "LINOCNDAT": "2026-11-27", "EXTRCPDAT": "2026-12-18"},
	},
}

func TestGraphQLReadsTheSamePurchaseOrderAsREST(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	viaREST, err := f.REST(t).PurchaseOrder(context.Background(), "PODC0100042")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []x3auth.Mode{x3auth.Basic, x3auth.ConnectedApp} {
		viaGraphQL, err := f.GraphQL(t, mode).PurchaseOrder(context.Background(), "PODC0100042")
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if !x3test.EqualHeader(*viaGraphQL, *viaREST) || !reflect.DeepEqual(x3test.Mapped(viaGraphQL.Lines), x3test.Mapped(viaREST.Lines)) {
			t.Errorf("%s: GraphQL maps\n %+v\nREST maps\n %+v", mode, *viaGraphQL, *viaREST)
		}
		var node map[string]any
		if json.Unmarshal(viaGraphQL.Raw, &node) != nil || node["_id"] != "PODC0100042" {
			t.Errorf("Raw is not the node: %s", viaGraphQL.Raw)
		}
	}
}

func TestGraphQLListsTheSameChangesAsREST(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(23)
	nums := f.Sim.PurchaseOrderNumbers()
	f.Clock.Advance(time.Hour)
	for _, n := range nums[:7] {
		f.Sim.Touch(n)
	}
	for _, since := range []time.Time{{}, f.Clock.Now()} {
		var rest, gql []string
		collect := func(into *[]string) func(core.RecordStamp) error {
			return func(rs core.RecordStamp) error { *into = append(*into, rs.Key); return nil }
		}
		if err := f.REST(t).ChangedPurchaseOrders(context.Background(), since, collect(&rest)); err != nil {
			t.Fatal(err)
		}
		if err := f.GraphQL(t, x3auth.Basic).ChangedPurchaseOrders(context.Background(), since, collect(&gql)); err != nil {
			t.Fatal(err)
		}
		slices.Sort(gql)
		slices.Sort(rest) // REST lists in update-stamp order
		if !slices.Equal(rest, gql) || len(gql) == 0 {
			t.Errorf("since %v: REST %v, GraphQL %v", since, rest, gql)
		}
	}
	if n := f.Count(x3test.IsGraphQL); n < 23/5 {
		t.Errorf("%d GraphQL requests: the client did not page with first=5", n)
	}
}

func TestGraphQLUpdateWritesWhatTheRESTEditWrites(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	t1 := f.Clock.Advance(5 * time.Minute)

	po, err := f.GraphQL(t, x3auth.ConnectedApp).UpdatePurchaseOrder(context.Background(), "PODC0100042", ackPatch)
	if err != nil {
		t.Fatal(err)
	}

	if !po.Updated.Equal(t1) || po.Lines[1].Quantity != 800 || po.Lines[1].ExpectedReceipt != "2026-12-18" || po.TotalExTax != 1975.42 {
		t.Errorf("returned PO %+v", po)
	}
	stored, _ := f.Sim.PurchaseOrder("PODC0100042")
	if stored.AckNumber != "ACK-9001" || stored.AckDate != "2026-11-27" || stored.AckNotes != "Accepted with changes" ||
		stored.Lines[1].AckFlag != 2 || stored.Lines[1].AckDate != "2026-11-27" || stored.Lines[0].AckFlag != 1 {
		t.Errorf("stored %+v", stored)
	}
	if w := f.Sim.Writes(); len(w) != 1 || w[0].Status != http.StatusOK || w[0].User != x3test.User {
		t.Errorf("writes %+v", w)
	}
}

func TestGraphQLRefusesAnUnmappedColumnBeforeSending(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.GraphQL(t, x3auth.Basic)
	for name, patch := range map[string]map[string]any{
		"unknown header column": {"ZZCUSTOM": "x"},
		"unknown line column":   {graphql.LinesField: []map[string]any{{"POPLIN": 1000, "ZZLINE": 1}}},
		"line without POPLIN":   {graphql.LinesField: []map[string]any{{"QTYUOM": 1}}},
		"bad menu value":        {graphql.LinesField: []map[string]any{{"POPLIN": 1000, "LINOCNFLG": 7}}},
	} {
		_, err := c.UpdatePurchaseOrder(context.Background(), "PO1", patch)
		f.Classified(t, err, core.Permanent)
		if f.Count(x3test.IsGraphQL) != 0 {
			t.Errorf("%s: sent anyway", name)
		}
	}
}

func TestGraphQLErrorsAreClassified(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.GraphQL(t, x3auth.ConnectedApp)
	ctx := context.Background()

	_, err := c.PurchaseOrder(ctx, "NOSUCH")
	if f.Classified(t, err, core.Permanent); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("unknown PO: %v does not wrap ErrNotFound", err)
	}
	_, err = c.UpdatePurchaseOrder(ctx, "NOSUCH", map[string]any{"OCNNUM": "A"})
	if ce := f.Classified(t, err, core.Permanent); !errors.Is(err, core.ErrNotFound) || ce.Status != 200 {
		t.Errorf("update of an unknown PO: %+v", ce)
	}
	unlock := f.Sim.LockPurchaseOrder("PODC0100042", "JDOE")
	_, err = c.UpdatePurchaseOrder(ctx, "PODC0100042", map[string]any{"OCNNUM": "A"})
	unlock()
	if ce := f.Classified(t, err, core.Transient); ce.Message != "PORDER 'PODC0100042': record locked by JDOE" {
		t.Errorf("locked: %q", ce.Message)
	}
	_, err = c.UpdatePurchaseOrder(ctx, "PODC0100042", map[string]any{"OCNDAT": "27/11/2026"})
	if ce := f.Classified(t, err, core.Permanent); ce.Message != `OCNDAT: invalid date "27/11/2026", expected YYYY-MM-DD` {
		t.Errorf("rejected value: %q", ce.Message)
	}

	wrongRoot, _ := graphql.New(graphql.Config{URL: f.Srv.URL + "/xtrem/api", Folder: "SEED", Root: "x3Purchase",
		Credentials: mustCredentials(t, f.AuthConfig(x3auth.ConnectedApp)), HTTPClient: f.Srv.Client()})
	_, err = wrongRoot.PurchaseOrder(ctx, "PODC0100042")
	if ce := f.Classified(t, err, core.Permanent); ce.Code != graphql.SetupMissingCode || !errors.Is(err, graphql.ErrSetupMissing) ||
		!strings.Contains(ce.Message, "missing GraphQL root x3Purchase (fix: x3.graphql_root") {
		t.Errorf("unknown root: %+v", ce)
	}

	f.Faults.Next(1, nil, faultinject.Fault{Status: 500, Body: `{"$severity":"error","$dataCode":"InternalServerError","$message":"","$source":"Gateway"}`})
	_, err = c.PurchaseOrder(ctx, "PODC0100042")
	if ce := f.Classified(t, err, core.Transient); ce.Status != 500 || ce.Message != "InternalServerError" {
		t.Errorf("gateway 500: %+v", ce)
	}
}

func mustCredentials(t *testing.T, cfg x3auth.Config) *x3auth.TokenCache {
	t.Helper()
	c, err := x3auth.NewCredentials(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGraphQLWriteIsNeverRepeatedAfterAnUncertainFailure(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.GraphQL(t, x3auth.ConnectedApp)
	// The server applies the write, then the connection drops: only the
	// engine may decide to try again, not the client on its own.
	f.Faults.Next(1, x3test.IsGraphQL, faultinject.Fault{DropAfterCommit: true})
	_, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": "A"})
	f.Classified(t, err, core.Transient)
	if n := f.Count(x3test.IsGraphQL); n != 1 || len(f.Sim.Writes()) != 1 {
		t.Errorf("%d requests and %d writes, want 1 and 1", n, len(f.Sim.Writes()))
	}
}

func TestGraphQLWritesTheShipNoticeColumns(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	patch := map[string]any{"YASNNUM": "ASN-77", "YSHIDAT": "2026-12-01", "YCARRIER": "UPSN", "YTRACKNUM": "1Z999",
		"YBOLNUM": "BOL-5", graphql.LinesField: []map[string]any{{"POPLIN": 1000, "POQSEQ": 1, "YSHIQTY": 120}}}
	if _, err := f.GraphQL(t, x3auth.ConnectedApp).UpdatePurchaseOrder(context.Background(), "PODC0100042", patch); err != nil {
		t.Fatal(err)
	}
	po, _ := f.Sim.PurchaseOrder("PODC0100042")
	if po.ASNNumber != "ASN-77" || po.ShipDate != "2026-12-01" || po.Carrier != "UPSN" || po.Tracking != "1Z999" ||
		po.BillOfLading != "BOL-5" || po.Lines[0].ShippedQuantity != 120 || po.Lines[1].ShippedQuantity != 0 {
		t.Errorf("stored %+v", po)
	}
}
