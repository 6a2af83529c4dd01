package core_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/graphql"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// The inbound write-back over X3's GraphQL API: the same 855 lands in the
// same columns, written once, through the purchaseOrder update mutation.
func TestInbox_855WritesOnceOverGraphQL(t *testing.T) {
	r := newInboxRig(t)
	r.inbox.Stop()
	srv := httptest.NewServer(r.x3)
	t.Cleanup(srv.Close)
	r.x3.AddConnectedApp(x3sim.ConnectedApp{ClientID: "mlc", Secret: "app-s3cret", User: "U", URL: srv.URL + "/xtrem/api"})
	creds, err := x3auth.NewCredentials(x3auth.Config{Mode: x3auth.ConnectedApp, ClientID: "mlc",
		ClientSecret: "app-s3cret", User: "U", Audience: srv.URL + "/xtrem/api"})
	if err != nil {
		t.Fatal(err)
	}
	gql, err := graphql.New(graphql.Config{URL: srv.URL + "/xtrem/api", Folder: "SEED", Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	r.inbox.ERP, r.inbox.Writer = gql, gql
	r.inbox.Apply855Changes = true // the supplier's changes are written too, as inbound.apply_855_changes = true does
	if err := r.inbox.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := r.writes()

	d := r.settle(r.deliver("tx-855", core.Kind855, "p1", ack("PO1", "SO-77", "1000:IC:8:2026-02-10", "2000:IA:5", "3000:IR:0")))

	if d.State != core.StateApplied {
		t.Fatalf("855 ended %s: %s", d.State, d.LastError)
	}
	po := r.po("PO1")
	l := po.Lines
	if po.AckNumber != "SO-77" || l[0].Quantity != 8 || l[0].ExpectedReceipt != "2026-02-10" || l[0].AckFlag != 2 || l[2].AckFlag != 2 {
		t.Errorf("written over GraphQL: %+v", po)
	}
	if r.writes() != before+1 {
		t.Errorf("%d writes, want 1", r.writes()-before)
	}
}
