package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

func isPost(r *http.Request) bool { return r.Method == http.MethodPost }
func isGet(r *http.Request) bool  { return r.Method == http.MethodGet }

// tenPercentStediFaults mixes every transient failure the client must
// survive: errors, throttling, connections lost before and after Stedi
// committed the request.
func tenPercentStediFaults() []faultinject.Rule {
	unavailable := faultinject.Fault{Status: 503, Body: `{"message":"Service Unavailable","code":"ServiceUnavailable"}`}
	throttled := faultinject.Fault{Status: 429, Body: `{"message":"Too Many Requests","code":"ThrottlingException"}`}
	return []faultinject.Rule{
		{Match: isPost, Rate: 0.04, Fault: unavailable},
		{Match: isPost, Rate: 0.02, Fault: throttled},
		{Match: isPost, Rate: 0.02, Fault: faultinject.Fault{DropBeforeCommit: true}},
		{Match: isPost, Rate: 0.02, Fault: faultinject.Fault{DropAfterCommit: true}},
	}
}

// allSuppliersOnEDI puts every supplier of the data set on EDI, so every
// seeded PO must go out.
func (w *world) allSuppliersOnEDI() {
	for _, s := range w.x3.Suppliers() {
		w.partners[s.Code] = core.Partner{Supplier: s.Code, PartnershipID: s.PartnershipID,
			TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850}}
		w.stedi.AddPartnership(s.PartnershipID, stedisim.DemoPartnership("NORTHWIND", s.Code))
	}
}

func TestOutbound_200POsExactlyOnce_WithFaultsAndRestarts(t *testing.T) {
	w := newWorld(t, 200)
	w.allSuppliersOnEDI()
	w.stediFaults.SetRules(tenPercentStediFaults()...)
	w.x3Faults.SetRules(faultinject.Rule{Match: isGet, Rate: 0.05,
		Fault: faultinject.Fault{Status: 503, Body: `{"$diagnoses":[{"$severity":"error","$message":"Service unavailable"}]}`}})

	w.startEngine(stediKey)
	w.waitFor("100 POs sent", func() bool { return w.counts()[core.StateSent] >= 100 })

	// A clean restart: stop drains in-flight sends.
	w.engine.Stop()

	// The stop interrupted a poll; finish it so documents wait in the queue.
	for try := 0; ; try++ {
		if _, err := w.engine.Poller.PollOnce(context.Background()); err == nil {
			break
		} else if try == 20 {
			t.Fatalf("poll never completed: %v", err)
		}
	}

	// Then a crash: a process claimed documents, sent some of them, and
	// died before recording anything.
	claimed, err := w.db.ClaimDue(context.Background(), time.Now(), 4, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(claimed) == 0 {
		t.Fatalf("nothing left to claim after the restart (states %v): the crash path was not exercised", w.counts())
	}
	crashed, _ := stedi.New(stedi.Config{BaseURL: w.stediURL, APIKey: stediKey})
	// Its sends may themselves have failed (faults stay on): either way
	// the restarted engine must resend under the same keys.
	for _, d := range claimed[:min(2, len(claimed))] {
		_, _ = crashed.GenerateEDI(context.Background(), core.OutboundRequest(d))
	}

	w.startEngine(stediKey)
	w.waitFor("all 200 POs sent", func() bool {
		if docs, _ := w.db.ListDocuments(context.Background(), storeFilterFailed()); len(docs) > 0 {
			t.Fatalf("PO %s failed: %s", docs[0].PONumber, docs[0].LastError)
		}
		return w.counts()[core.StateSent] == 200
	})

	if got := w.stedi.AcceptedCount(); got != 200 {
		t.Errorf("Stedi accepted %d interchanges, want 200", got)
	}
	for po, n := range w.stedi.CountByDocument() {
		if n != 1 {
			t.Errorf("PO %s reached Stedi %d times", po, n)
		}
	}
	if len(w.stedi.CountByDocument()) != 200 {
		t.Errorf("%d distinct POs reached Stedi, want 200", len(w.stedi.CountByDocument()))
	}
	if c := w.counts(); c[core.StateFailed] != 0 || c[core.StateSent] != 200 {
		t.Errorf("final states %v", c)
	}
	if w.stediFaults.Injected() == 0 || w.x3Faults.Injected() == 0 {
		t.Error("no fault was injected: the test proves nothing")
	}
	w.assertNoSecrets()
}

func TestOutbound_TouchSendsNothing_ChangeSendsReplacement(t *testing.T) {
	w := newWorld(t, 12)
	w.allSuppliersOnEDI()
	w.startEngine(stediKey)
	w.waitFor("12 POs sent", func() bool { return w.counts()[core.StateSent] == 12 })

	nums := w.x3.PurchaseOrderNumbers()
	touched, changed := nums[:3], nums[3]
	for _, n := range touched {
		w.x3.Touch(n)
	}
	w.x3.UpdatePurchaseOrder(changed, func(po *x3sim.PO) { po.Lines[0].Quantity += 5 })

	w.waitFor("the replacement sent", func() bool { return w.counts()[core.StateSent] == 13 })
	w.waitFor("the touched POs seen", func() bool { return w.stampsSeen(touched) })

	ctx := context.Background()
	for _, n := range touched {
		if rev, _, _ := w.db.LatestRevision(ctx, core.Kind850, n); rev.Number != 1 {
			t.Errorf("touched PO %s has revision %d: a timestamp-only change made a new document", n, rev.Number)
		}
	}
	var purposes []string
	keys := map[string]bool{}
	for _, a := range w.stedi.Accepted() {
		if a.DocumentNumber == changed {
			purposes = append(purposes, a.Purpose)
			keys[a.IdempotencyKey] = true
		}
	}
	if strings.Join(purposes, ",") != "00,05" || len(keys) != 2 {
		t.Errorf("changed PO reached Stedi with purposes %v under %d keys, want 00 then 05 under 2", purposes, len(keys))
	}
	if got := w.stedi.AcceptedCount(); got != 13 {
		t.Errorf("Stedi accepted %d, want 13", got)
	}
}

func (w *world) stampsSeen(nums []string) bool {
	for _, n := range nums {
		po, _ := w.x3.PurchaseOrder(n)
		seen, ok, _ := w.db.SourceStamp(context.Background(), core.Kind850, n)
		if !ok || !seen.Updated.Equal(po.Updated) {
			return false
		}
	}
	return true
}

func TestOutbound_UnmappablePOFailsNamingTheField_ThenGoesOutOnceFixed(t *testing.T) {
	w := newWorld(t, 0)
	w.allSuppliersOnEDI()
	num := w.x3.SeedPurchaseOrders(1)[0]
	w.x3.UpdatePurchaseOrder(num, func(po *x3sim.PO) { po.Lines[0].Unit = "GROSS" })
	w.startEngine(stediKey)
	w.waitFor("the PO in the failed queue", func() bool { return w.counts()[core.StateFailed] == 1 })

	docs, _ := w.db.ListDocuments(context.Background(), storeFilterFailed())
	if len(docs) != 1 || !strings.Contains(docs[0].LastError, "unit \"GROSS\" (UOM)") || !strings.Contains(docs[0].LastError, num) {
		t.Fatalf("failed document %+v does not name the PO and the X3 field", docs)
	}

	w.x3.UpdatePurchaseOrder(num, func(po *x3sim.PO) { po.Lines[0].Unit = "EA" })
	w.waitFor("the fixed PO sent", func() bool { return w.counts()[core.StateSent] == 1 })
	if c := w.counts(); c[core.StateSuperseded] != 1 || c[core.StateFailed] != 0 {
		t.Errorf("states after the fix: %v, want the failed revision superseded", c)
	}
	if a := w.stedi.Accepted(); len(a) != 1 || a[0].Purpose != core.PurposeOriginal {
		t.Errorf("Stedi accepted %+v, want one original", a)
	}
}

func TestOutbound_PermanentErrorWaitsForReplay(t *testing.T) {
	w := newWorld(t, 0)
	missing := w.x3.Suppliers()[0]
	w.partners[missing.Code] = core.Partner{Supplier: missing.Code, PartnershipID: "not-set-up-yet",
		TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850}}
	num := w.x3.SeedPurchaseOrders(1)[0]
	w.x3.UpdatePurchaseOrder(num, func(po *x3sim.PO) { po.Supplier = missing.Code })
	w.startEngine(stediKey)
	w.waitFor("the PO in the failed queue", func() bool { return w.counts()[core.StateFailed] == 1 })

	ids, _ := w.db.FailedIDs(context.Background())
	doc, _ := w.db.Document(context.Background(), ids[0])
	if doc.Attempts != 1 || doc.ErrorClass != core.Permanent || !strings.Contains(doc.LastError, "404") {
		t.Fatalf("failed after %d attempt(s) with %s %q; want 1 permanent 404", doc.Attempts, doc.ErrorClass, doc.LastError)
	}
	w.stedi.AddPartnership("not-set-up-yet", stedisim.DemoPartnership("NORTHWIND", missing.Code))
	if n, err := w.db.Replay(context.Background(), ids, "operator:test"); err != nil || n != 1 {
		t.Fatalf("replay: %d, %v", n, err)
	}
	w.waitFor("the replayed PO sent", func() bool { return w.counts()[core.StateSent] == 1 })
}

func TestOutbound_BadAPIKeyPausesWithoutSpendingAttempts(t *testing.T) {
	w := newWorld(t, 5)
	w.allSuppliersOnEDI()
	w.startEngine("wrong-key-0000")
	w.waitFor("sending paused", func() bool {
		reason, _, _ := w.db.Control(context.Background(), core.ControlStediPaused)
		return reason != ""
	})
	reason, _, _ := w.db.Control(context.Background(), core.ControlStediPaused)
	if !strings.Contains(reason, "ML_STEDI_API_KEY") || strings.Contains(reason, "wrong-key-0000") {
		t.Errorf("pause reason %q: must say what to fix and must not show the key", reason)
	}
	w.engine.Stop()
	if c := w.counts(); c[core.StateFailed] != 0 || c[core.StateSent] != 0 {
		t.Fatalf("states while paused: %v; nothing may fail or be sent", c)
	}
	docs, _ := w.db.ListDocuments(context.Background(), storeFilterAll())
	for _, d := range docs {
		if d.Attempts > 0 {
			t.Errorf("document %d spent %d attempt(s) while the key was wrong", d.ID, d.Attempts)
		}
	}

	w.startEngine(stediKey) // the operator fixed the key and restarted
	w.waitFor("all sent", func() bool { return w.counts()[core.StateSent] == 5 })
	if reason, _, _ := w.db.Control(context.Background(), core.ControlStediPaused); reason != "" {
		t.Errorf("pause not lifted: %q", reason)
	}
	w.assertNoSecrets()
}

// assertNoSecrets scans everything the program stored for the credentials.
func (w *world) assertNoSecrets() {
	w.t.Helper()
	ctx := context.Background()
	for _, secret := range []string{x3Password, stediKey} {
		if strings.Contains(w.logs.String(), secret) {
			w.t.Fatal("the engine logged a secret")
		}
	}
	docs, _ := w.db.ListDocuments(ctx, storeFilterAll())
	for _, d := range docs {
		trail, _ := w.db.AuditTrail(ctx, d.ID)
		blob, _ := json.Marshal(trail)
		text := string(blob) + d.LastError
		for _, e := range trail {
			if e.PayloadID != 0 {
				p, _ := w.db.Payload(ctx, e.PayloadID)
				text += string(p.Body)
			}
		}
		for _, secret := range []string{x3Password, stediKey} {
			if strings.Contains(text, secret) {
				w.t.Fatalf("document %d's record contains a secret", d.ID)
			}
		}
	}
}

// A record that could not be mapped has no payload to resend; replaying it
// reads it again, here after the operator added the unit to the configuration.
func TestOutbound_ReplayOfUnmappablePOReadsItAgain(t *testing.T) {
	w := newWorld(t, 0)
	w.allSuppliersOnEDI()
	num := w.x3.SeedPurchaseOrders(1)[0]
	w.x3.UpdatePurchaseOrder(num, func(po *x3sim.PO) { po.Lines[0].Unit = "GROSS" })
	w.startEngine(stediKey)
	w.waitFor("the PO in the failed queue", func() bool { return w.counts()[core.StateFailed] == 1 })
	w.engine.Stop()

	// The operator replays it (the engine is stopped, so nothing races the
	// replay): the record is marked to be read again at the next poll,
	// whether or not X3 lists it as changed.
	ids, _ := w.db.FailedIDs(context.Background())
	if n, err := w.db.Replay(context.Background(), ids, "operator:test"); err != nil || n != 1 {
		t.Fatalf("replay: %d, %v", n, err)
	}
	if keys, _ := w.db.Rereads(context.Background(), core.Kind850); !slices.Contains(keys, num) {
		t.Fatalf("after the replay the records to read again are %v, want %s", keys, num)
	}

	w.units = map[string]string{"GROSS": "GR"} // the operator extends [units] and restarts
	w.startEngine(stediKey)
	w.waitFor("the PO sent", func() bool { return w.counts()[core.StateSent] == 1 })
	if a := w.stedi.Accepted(); len(a) != 1 || !strings.Contains(a[0].EDI, "*GR*") {
		t.Errorf("Stedi accepted %d document(s); want one with unit GR", len(a))
	}
}
