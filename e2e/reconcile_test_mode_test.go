package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/x12"
)

// A partner test sent the PO's 850 as a test interchange; the production
// revision's own request never reached Stedi. Past the idempotency window
// the sender asks Stedi, which lists the test transaction with the same
// content: it is not the production document, so the PO is sent.
func TestReconcile_ATestInterchangeIsNotTheProductionDocument(t *testing.T) {
	r := newReconcileRig(t)
	r.poll()
	d := r.crashMidSend(faultinject.Fault{DropBeforeCommit: true})
	x3, err := rest.New(rest.Config{BaseURL: r.x3URL, Folder: "SEED", User: "EDIUSER", Password: x3Password})
	if err != nil {
		t.Fatal(err)
	}
	po, err := x3.PurchaseOrder(context.Background(), d.SourceKey)
	if err != nil {
		t.Fatal(err)
	}
	pt, err := core.NewPartnerTest(po, r.partners[po.Supplier], r.mapConfig(), "SEED", x12.CheckGuideJSON, time.Now())
	if err != nil || len(pt.Problems) > 0 {
		t.Fatalf("partner test: %v %v", pt.Problems, err)
	}
	if same, _ := core.SameTransaction(pt.Payload, d.Payload); !same {
		t.Fatal("the partner test's 850 differs from the production revision: the test proves nothing")
	}
	// A fault the crash left queued may take the first try; the key makes
	// the retry safe.
	for try := 0; ; try++ {
		if _, err = r.st.GenerateEDI(context.Background(), pt.Request); err == nil {
			break
		} else if try == 2 {
			t.Fatal(err)
		}
	}
	got := r.restartAfter(25*time.Hour, d.ID)
	if got.State != core.StateSent {
		t.Fatalf("state %s (%s)", got.State, got.LastError)
	}
	if n := r.stedi.CountByDocument()[d.SourceKey]; n != 2 {
		t.Errorf("PO %s accepted %d times, want 2: the test interchange, then the production document", d.SourceKey, n)
	}
	var usages []string
	for _, a := range r.stedi.Accepted() {
		ic, err := x12.Parse([]byte(a.EDI))
		if err != nil {
			t.Fatal(err)
		}
		usages = append(usages, ic.ISA.Element(15))
	}
	if len(usages) != 2 || usages[0] != "T" || usages[1] != "P" {
		t.Errorf("ISA15 of what Stedi accepted: %v, want [T P]", usages)
	}
}
