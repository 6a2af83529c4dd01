package e2e

import (
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// A quarter of X3's answers are failures: half of them 503s, half 200s
// whose body is an error $diagnoses instead of the record or the page.
// None is taken for "no record" or "end of the list": every PO reaches
// Stedi, once.
func TestOutbound_AnswersCarryingErrorsAndOutagesLoseNoPO(t *testing.T) {
	w := newWorld(t, 250)
	w.allSuppliersOnEDI()
	w.x3Faults.SetRules(
		faultinject.Rule{Match: x3sim.IsAPI1, Rate: 0.125, Fault: x3sim.DiagnosisFault("the server could not complete the request")},
		faultinject.Rule{Match: x3sim.IsAPI1, Rate: 0.143, // of the 87.5 % left: 12.5 % of all answers
			Fault: faultinject.Fault{Status: 503, Body: `{"$diagnoses":[{"$severity":"error","$message":"Service unavailable"}]}`}})

	w.startEngine(stediKey)
	w.waitFor("all 250 POs sent", func() bool {
		if docs, _ := w.db.ListDocuments(t.Context(), storeFilterFailed()); len(docs) > 0 {
			t.Fatalf("PO %s failed: %s", docs[0].PONumber, docs[0].LastError)
		}
		return w.counts()[core.StateSent] == 250
	})

	if got := w.stedi.AcceptedCount(); got != 250 {
		t.Errorf("Stedi accepted %d interchanges, want 250", got)
	}
	for po, n := range w.stedi.CountByDocument() {
		if n != 1 {
			t.Errorf("PO %s reached Stedi %d times", po, n)
		}
	}
	if n := w.x3Faults.Injected(); n < 50 {
		t.Errorf("only %d faults injected: the test proves little", n)
	}
}
