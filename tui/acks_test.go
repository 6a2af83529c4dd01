package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// fillAcks adds two tracked 850s to fill's history:
//
//	#8  850 PO-2001 SLOW  sent 50m ago; 997 A after 30 minutes; 855 was due 20m ago
//	#10 850 PO-2002 ACME  sent 50m ago; 997 E after 10 minutes; 855 with one line changed after 20 minutes
func fillAcks(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	sent := fixedNow.Add(-50 * time.Minute) // after fill's documents were created
	must(t, db.Intake(ctx, core.Intake{Actor: "poller", New: []core.NewDocument{outDoc(core.Kind850, "PO-2001", "SLOW")}}))
	track(t, db, 8, sent, core.Expectation{FA: sent.Add(24 * time.Hour), POA: sent.Add(30 * time.Minute)}, 21)
	answerIn(t, db, "997", "tx-997-1", "", sent.Add(30*time.Minute), core.InboundOutcome{Acks: []core.AckRecord{{DocID: 8,
		Kind: core.Kind850, PONumber: "PO-2001", GroupID: "PO", GroupControl: 21, SetID: "850", SetControl: "0001", Status: "A", Detail: "accepted (A)"}}})
	must(t, db.Intake(ctx, core.Intake{Actor: "poller", New: []core.NewDocument{outDoc(core.Kind850, "PO-2002", "ACME")}}))
	track(t, db, 10, sent, core.Expectation{FA: sent.Add(24 * time.Hour), POA: sent.Add(48 * time.Hour)}, 22)
	answerIn(t, db, "997", "tx-997-2", "", sent.Add(10*time.Minute), core.InboundOutcome{Acks: []core.AckRecord{{DocID: 10,
		Kind: core.Kind850, PONumber: "PO-2002", GroupID: "PO", GroupControl: 22, SetID: "850", SetControl: "0001", Status: "E", Detail: "accepted, but errors were noted (E)"}}})
	answerIn(t, db, "855", "tx-855-2", "PO-2002", sent.Add(20*time.Minute), core.InboundOutcome{Changes: 1})
}

func track(t *testing.T, db *store.DB, id int64, sent time.Time, due core.Expectation, group int64) {
	t.Helper()
	ctx := context.Background()
	claimed, err := db.ClaimDue(ctx, fixedNow, 1, time.Minute)
	if err != nil || len(claimed) != 1 || claimed[0].ID != id {
		t.Fatalf("claimed %+v, err %v; want document %d", claimed, err, id)
	}
	must(t, db.Complete(ctx, []core.Outcome{{DocID: id, State: core.StateSent, Track: &core.Tracking{SentAt: sent, Due: due,
		Envelope: core.Envelope{GroupID: "PO", GroupControl: group, SetID: "850", SetControl: "0001"}}}}))
}

// answerIn stores an inbound document Stedi processed at `at` and records
// the inbox's outcome for it.
func answerIn(t *testing.T, db *store.DB, kind, tx, po string, at time.Time, o core.InboundOutcome) {
	t.Helper()
	ctx := context.Background()
	_, err := db.IntakeEvents(ctx, []core.InboxEntry{core.NewInboxEntry(core.InboxEvent{ID: "ev-" + tx,
		Type: core.EventTransactionProcessed, Source: core.SourceWebhook, Raw: []byte(`{}`),
		Transaction: &core.InboundTransaction{TransactionID: tx, Direction: "INBOUND", SetID: kind, PartnershipID: "p-slow", ProcessedAt: at}})}, nil)
	must(t, err)
	claimed, err := db.ClaimInbound(ctx, fixedNow, 1, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim %s: %v %v", tx, claimed, err)
	}
	o.DocID, o.Kind, o.State, o.PONumber = claimed[0].ID, core.Kind(kind), core.StateApplied, po
	must(t, db.FinishInbound(ctx, o))
}

func newAcksModel(t *testing.T, w, h int) (*Model, *store.DB) {
	t.Helper()
	db := openDB(t)
	fill(t, db)
	fillAcks(t, db)
	m := New(testOptions(db))
	drive(t, m, m.Init())
	send(t, m, windowSize(w, h))
	return m, db
}

// rowOf returns the line of view v that holds s.
func rowOf(v, s string) string {
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestOutbound_ThreeAxesWithTheTimeEachStepTook_At80Columns(t *testing.T) {
	m, _ := newAcksModel(t, 80, 30)
	keys(t, m, "2")
	v := m.View()
	for po, want := range map[string]string{
		"PO-2001": `PO-2001\s+sent\s+ok \d+m\s+997 A 30m\s+855 late 50m`,
		"PO-2002": `PO-2002\s+sent\s+ok \d+m\s+997 E 10m\s+855 ±1 20m`,
		"PO-1003": `PO-1003\s+failed\s+refused\s+-\s+-`,
	} {
		if row := rowOf(v, po); !regexp.MustCompile(want).MatchString(row) {
			t.Errorf("row of %s = %q, want %s", po, row, want)
		}
	}
	if head := rowOf(v, "VALID"); !strings.Contains(head, "DELIVERY") || !strings.Contains(head, "BUSINESS") {
		t.Errorf("column heads %q", head)
	}
}

func TestOverdueView_LatestFirst_EnterOpensTheTimelineWithItsAxes(t *testing.T) {
	m, _ := newAcksModel(t, 120, 40)
	keys(t, m, "6")
	if len(m.overdue.rows) != 1 || m.overdue.rows[0].DocID != 8 || m.overdue.rows[0].Awaiting != core.Kind855 {
		t.Fatalf("overdue rows %+v, want the 855 of PO-2001", m.overdue.rows)
	}
	if row := rowOf(m.View(), "PO-2001"); !regexp.MustCompile(`8\s+850\s+PO-2001\s+SLOW\s+855\s+11-26 14:10:00\s+20m`).MatchString(row) {
		t.Errorf("overdue row %q", row)
	}
	keys(t, m, "enter")
	if m.detail == nil || m.detail.docID != 8 {
		t.Fatal("enter did not open the overdue document")
	}
	if v := m.View(); !regexp.MustCompile(`validation ok \d+m · delivery 997 A 30m · business 855 late 50m`).MatchString(v) {
		t.Errorf("timeline without the axes:\n%s", v)
	}
}

func TestPartnersView_ScorecardAndEnterListsThePartnersDocuments(t *testing.T) {
	m, _ := newAcksModel(t, 120, 40)
	keys(t, m, "7")
	var slow store.PartnerScore
	for _, p := range m.partners.rows {
		if p.Supplier == "SLOW" {
			slow = p
		}
	}
	if slow.Sent != 1 || slow.Overdue != 1 || slow.To997.Median != 30*time.Minute {
		t.Fatalf("SLOW's score %+v", slow)
	}
	if row := rowOf(m.View(), "ACME"); !regexp.MustCompile(`ACME\s+1\s+10m / 10m\s+20m / 20m\s+-\s+0\s+0\s+1`).MatchString(row) {
		t.Errorf("ACME's row %q", row)
	}
	keys(t, m, "j", "k")
	for i, p := range m.partners.rows {
		if p.Supplier == "SLOW" {
			m.partners.cursor = i
		}
	}
	keys(t, m, "enter")
	if m.active != viewOutbound || m.docs[viewOutbound].filter != "partner:p-slow" {
		t.Fatalf("enter led to view %d with filter %q", m.active, m.docs[viewOutbound].filter)
	}
}
