package chaos

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

// guide is a small 850 Guide JSON; st02 is the control number Stedi may
// assign, which the comparison leaves out.
func guide(po, qty, st02 string) json.RawMessage {
	return json.RawMessage(`{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"850","transaction_set_control_number_02":"` +
		st02 + `"},"beginning_segment_for_purchase_order_BEG":{"purchase_order_number_03":"` + po + `"}},"detail":{"qty":` + qty + `}}`)
}

func judged(t *testing.T, o poOutcome) Tally {
	t.Helper()
	var tl Tally
	if err := o.judge(&tl); err != nil {
		t.Fatal(err)
	}
	return tl
}

func TestJudge_OneRevisionAcceptedOnceAndShippedIsClean(t *testing.T) {
	o := poOutcome{po: "PO1", facts: poFacts{acknowledged: true}, shipped: true,
		accepted:  []json.RawMessage{guide("PO1", "5", "0042")},
		revisions: []revision{{id: 1, po: "PO1", rev: 1, state: core.StateShipped, body: guide("PO1", "5", "")}}}
	tl := judged(t, o)
	if tl.Sent != 1 || tl.Duplicates != 0 || len(tl.Mismatches) != 0 {
		t.Fatalf("tally %+v; want one revision sent, nothing else", tl)
	}
}

func TestJudge_ARevisionAcceptedTwiceIsADuplicate(t *testing.T) {
	o := poOutcome{po: "PO1", accepted: []json.RawMessage{guide("PO1", "5", "0001"), guide("PO1", "5", "0002")},
		revisions: []revision{{id: 1, po: "PO1", rev: 1, state: core.StateSent, body: guide("PO1", "5", "")}}}
	tl := judged(t, o)
	if tl.Sent != 1 || tl.Duplicates != 1 {
		t.Fatalf("tally %+v; want 1 sent, 1 duplicate", tl)
	}
}

func TestJudge_TwoRevisionsAreNoDuplicate(t *testing.T) {
	o := poOutcome{po: "PO1", accepted: []json.RawMessage{guide("PO1", "5", "1"), guide("PO1", "7", "2")},
		revisions: []revision{
			{id: 1, po: "PO1", rev: 1, state: core.StateSent, body: guide("PO1", "5", "")},
			{id: 2, po: "PO1", rev: 2, state: core.StateSent, body: guide("PO1", "7", "")}}}
	tl := judged(t, o)
	if tl.Sent != 2 || tl.Duplicates != 0 || len(tl.Mismatches) != 0 {
		t.Fatalf("tally %+v; want 2 revisions sent, no duplicate", tl)
	}
}

func TestJudge_StateMismatches(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    poOutcome
		want string
	}{
		{"sent but never accepted", poOutcome{po: "PO1",
			revisions: []revision{{id: 1, rev: 1, state: core.StateSent, body: guide("PO1", "5", "")}}},
			"Stedi never accepted it"},
		{"accepted but still retrying", poOutcome{po: "PO1", accepted: []json.RawMessage{guide("PO1", "5", "9")},
			revisions: []revision{{id: 1, rev: 1, state: core.StateRetrying, body: guide("PO1", "5", "")}}},
			"Stedi accepted it, but it is retrying"},
		{"acknowledged in X3 but sent", poOutcome{po: "PO1", facts: poFacts{acknowledged: true},
			accepted:  []json.RawMessage{guide("PO1", "5", "9")},
			revisions: []revision{{id: 1, rev: 1, state: core.StateSent, body: guide("PO1", "5", "")}}},
			"its answers make it acknowledged"},
		{"856 applied but acknowledged", poOutcome{po: "PO1", facts: poFacts{acknowledged: true}, shipped: true,
			accepted:  []json.RawMessage{guide("PO1", "5", "9")},
			revisions: []revision{{id: 1, rev: 1, state: core.StateAcknowledged, body: guide("PO1", "5", "")}}},
			"its answers make it shipped"},
		{"accepted with no revision", poOutcome{po: "PO1", accepted: []json.RawMessage{guide("PO1", "5", "9")}},
			"has no revision of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl := judged(t, tc.o)
			if len(tl.Mismatches) != 1 || !strings.Contains(tl.Mismatches[0], tc.want) {
				t.Fatalf("mismatches %q; want one saying %q", tl.Mismatches, tc.want)
			}
		})
	}
}

func TestProgress_SettledOnlyWhenEveryAnswerIsIn(t *testing.T) {
	done := progress{db: dbCounts{pos: 3, sent850: 3, inbound: 9, answers: 6}, stediIn: 9, stediAns: 6, wantPOs: 3}
	if !done.settled() {
		t.Fatalf("%v: not settled", done)
	}
	for name, p := range map[string]progress{
		"X3 still lacks POs":       {db: done.db, stediIn: 9, stediAns: 6, wantPOs: -1},
		"a PO not taken in":        {db: dbCounts{pos: 2, sent850: 2, inbound: 6, answers: 4}, stediIn: 6, stediAns: 4, wantPOs: 3},
		"a document under way":     {db: dbCounts{pos: 3, sent850: 3, inbound: 9, answers: 6, stuck: 1}, stediIn: 9, stediAns: 6, wantPOs: 3},
		"an answer not yet made":   {db: dbCounts{pos: 3, sent850: 3, inbound: 8, answers: 5}, stediIn: 8, stediAns: 5, wantPOs: 3},
		"an answer not taken in":   {db: dbCounts{pos: 3, sent850: 3, inbound: 8, answers: 5}, stediIn: 9, stediAns: 6, wantPOs: 3},
		"a 997 not taken in":       {db: dbCounts{pos: 3, sent850: 3, inbound: 8, answers: 6}, stediIn: 9, stediAns: 6, wantPOs: 3},
		"Stedi could not be asked": {db: done.db, stediIn: 9, stediAns: 6, wantPOs: 3, readError: errNotSettled},
	} {
		if p.settled() {
			t.Errorf("%s: settled", name)
		}
	}
}

func TestResult_OKNeedsTheCleanRunsFigures(t *testing.T) {
	clean := Tally{Sent: 10, Acks: 10, Shipped: 10}
	ok := Result{Settled: true, Kills: 2, Clean: clean, Chaos: clean}
	if !ok.OK() {
		t.Fatalf("%s: not OK", ok.Line())
	}
	for name, chaos := range map[string]Tally{
		"one PO fewer sent": {Sent: 9, Acks: 10, Shipped: 10},
		"one 855 fewer":     {Sent: 10, Acks: 9, Shipped: 10},
		"one 856 fewer":     {Sent: 10, Acks: 10, Shipped: 9},
		"a duplicate":       {Sent: 10, Acks: 10, Shipped: 10, Duplicates: 1},
		"a stuck document":  {Sent: 10, Acks: 10, Shipped: 10, Stuck: 1},
		"a state mismatch":  {Sent: 10, Acks: 10, Shipped: 10, Mismatches: []string{"x"}},
		"a failed document": {Sent: 10, Acks: 10, Shipped: 10, Failed: 1},
	} {
		if r := (Result{Settled: true, Clean: clean, Chaos: chaos}); r.OK() {
			t.Errorf("%s: OK (%s)", name, r.Line())
		}
	}
	if r := (Result{Clean: clean, Chaos: clean}); r.OK() {
		t.Errorf("a run that did not settle: OK")
	}
}
