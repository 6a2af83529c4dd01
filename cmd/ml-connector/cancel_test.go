package main

import (
	"context"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// list and show say what a PO's later revisions are: a cancellation
// (850/01), a change order (860/04), a closure with nothing sent.
func TestListAndShow_CancellationAndChangeOrder(t *testing.T) {
	path, _ := seedDB(t)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	rev := func(po string, rev int, purpose string, set core.Kind, state core.State) core.NewDocument {
		d := core.NewDocument{X3Record: []byte(`{}`), Doc: core.Document{Kind: core.Kind850, Direction: core.Outbound,
			SourceKey: po, PONumber: po, Revision: rev, Purpose: purpose, Set: set, ContentHash: po + purpose, State: state}}
		if state != core.StateClosed {
			d.Doc.IdempotencyKey, d.Doc.Payload = "k-"+po+purpose, []byte(`{"heading":{}}`)
		} else {
			d.Note = "PO " + po + " cancelled in Sage X3 before any 850 reached the partner; nothing sent"
		}
		return d
	}
	err = db.Intake(context.Background(), core.Intake{Actor: "test", New: []core.NewDocument{
		rev("PO-A", 2, core.PurposeCancel, "", core.StatePending),
		rev("PO-B", 2, core.PurposeChange, core.Kind860, core.StatePending),
		rev("PO-C", 1, core.PurposeCancel, "", core.StateClosed)}})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, "list", "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"850/01  PO-A", "860/04  PO-B", "850/01  PO-C  1    closed"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	for id, want := range map[string]string{"3": "850 cancellation", "4": "860 change order", "5": "cancelled before it went out: nothing sent"} {
		if out, _ := runCmd(t, "show", id, "--db", path); !strings.Contains(out, want) {
			t.Errorf("show %s lacks %q:\n%s", id, want, out)
		}
	}
}
