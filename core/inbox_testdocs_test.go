package core_test

import (
	"context"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/store"
)

// An 855 Stedi processed in test mode (ISA15 T) is stored, read and held:
// the production PO, its 850 and X3 stay as they were.
func TestInbox_Test855ChangesNothingInX3(t *testing.T) {
	r := newInboxRig(t)
	before, poBefore := r.writes(), r.po("PO1")
	d := r.settle(r.deliverMode("tx-test-855", core.Kind855, "p1", ack("PO1", "SO-T", "1000:IC:8:2026-02-10"), "test"))
	if d.State != core.StateHeld || !d.Test || d.PONumber != "PO1" {
		t.Fatalf("test 855: state %s, test %v, PO %q (%s)", d.State, d.Test, d.PONumber, d.LastError)
	}
	if r.writes() != before || !reflect.DeepEqual(r.po("PO1"), poBefore) {
		t.Errorf("a test 855 changed X3: %d writes", r.writes()-before)
	}
	if out, _ := r.db.ListDocuments(context.Background(), store.Filter{Kind: core.Kind850}); out[0].State != core.StateSent {
		t.Errorf("850 state %s, want still sent", out[0].State)
	}
	trail, _ := r.db.AuditTrail(context.Background(), d.ID)
	if got := actions(trail); got != "received,fetched,held" {
		t.Errorf("audit %s", got)
	}
	test := true
	if docs, _ := r.db.ListDocuments(context.Background(), store.Filter{Test: &test}); len(docs) != 1 || docs[0].ID != d.ID {
		t.Errorf("test documents listed: %+v", docs)
	}
	counts, _ := r.db.TestCounts(context.Background())
	if len(counts) != 1 || counts[0].Kind != core.Kind855 || counts[0].State != core.StateHeld || counts[0].Count != 1 {
		t.Errorf("test counts %+v", counts)
	}
	// The same acknowledgment in production is applied as usual.
	if d := r.settle(r.deliver("tx-855", core.Kind855, "p1", ack("PO1", "SO-P", "1000:IA:10"))); d.State != core.StateApplied || d.Test {
		t.Errorf("production 855: %s test=%v", d.State, d.Test)
	}
}

// With inbound.test_folder, test documents are applied to the test folder
// only; the production 850 and the shipped quantities are untouched.
func TestInbox_TestDocumentsGoToTheTestFolder(t *testing.T) {
	testX3 := x3sim.New(x3sim.Config{Folder: "SEEDTEST", User: "U", Password: "pw", Seed: 1, GraphQLAPI: x3gql.New})
	srv := httptest.NewServer(testX3)
	t.Cleanup(srv.Close)
	client, err := rest.New(rest.Config{BaseURL: srv.URL, Folder: "SEEDTEST", User: "U", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	r := newInboxRig(t, func(in *core.Inbox) { in.TestX3 = &core.TestX3{ERP: client, Writer: client} })
	testX3.AddPurchaseOrder(r.po("PO1"))
	before := r.writes()
	d := r.settle(r.deliverMode("tx-test-855", core.Kind855, "p1", ack("PO1", "SO-T", "1000:IC:8:2026-02-10"), "test"))
	if d.State != core.StateApplied || !d.Test {
		t.Fatalf("test 855 to the test folder: %s (%s)", d.State, d.LastError)
	}
	if po, _ := testX3.PurchaseOrder("PO1"); po.AckNumber != "SO-T" || po.Lines[0].Quantity != 8 {
		t.Errorf("test folder PO: %q, qty %v", po.AckNumber, po.Lines[0].Quantity)
	}
	if r.writes() != before || r.po("PO1").AckNumber != "" {
		t.Errorf("production X3 written: %d writes, ack %q", r.writes()-before, r.po("PO1").AckNumber)
	}
	if n, _ := r.db.PendingReviews(context.Background()); n != 0 {
		t.Errorf("a test 855's changes wait in the production review queue (%d)", n)
	}
	if out, _ := r.db.ListDocuments(context.Background(), store.Filter{Kind: core.Kind850}); out[0].State != core.StateSent {
		t.Errorf("850 state %s, want still sent", out[0].State)
	}
	a := r.settle(r.deliverMode("tx-test-856", core.Kind856, "p1", asn("ASN-T", "PO1", "1000:3"), "test"))
	if a.State != core.StateApplied {
		t.Fatalf("test 856: %s (%s)", a.State, a.LastError)
	}
	if h, _ := r.db.History(context.Background(), "PO1", 0); len(h.Shipped) != 0 {
		t.Errorf("a test 856 counted in production shipments: %+v", h.Shipped)
	}
	if trail, _ := r.db.AuditTrail(context.Background(), a.ID); !strings.Contains(actions(trail), "test") {
		t.Errorf("audit %s", actions(trail))
	}
	// A later test 855 answering the line leaves the production change waiting.
	r.settle(r.deliver("tx-855", core.Kind855, "p1", ack("PO1", "SO-P", "1000:IC:9")))
	r.settle(r.deliverMode("tx-test-855b", core.Kind855, "p1", ack("PO1", "SO-T", "1000:IA:10"), "test"))
	if p := r.pending(); len(p) != 1 || p[core.ChangeQuantity].Proposed != "9" {
		t.Errorf("production changes waiting after a test 855: %+v", p)
	}
}

func actions(trail []core.AuditEntry) string {
	var out []string
	for _, e := range trail {
		out = append(out, e.Action)
	}
	return strings.Join(out, ",")
}
