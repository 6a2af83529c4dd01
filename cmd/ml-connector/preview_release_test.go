package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// A document not sent yet is rendered in the envelope of its release.
func TestPreview_RendersInTheDocumentsRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	po := &core.PurchaseOrder{Number: "PO-4", Supplier: "AURORA", OrderDate: "2026-03-01", ReceivingSite: "DC01",
		Lines: []core.POLine{{Line: 1000, Item: "MCU", Unit: "EA", Quantity: 1, NetPrice: 2}}}
	p := core.Partner{Supplier: "AURORA", Release: core.Release4010}
	payload, err := core.Map850(po, p, core.MapConfig{Buyer: core.Party{Name: "N"}, Sites: map[string]core.Party{"DC01": {Name: "DC"}}}, "00")
	if err != nil {
		t.Fatal(err)
	}
	err = db.Intake(context.Background(), core.Intake{Actor: "test", New: []core.NewDocument{{X3Record: []byte(`{}`), Doc: core.Document{
		Kind: core.Kind850, Direction: core.Outbound, SourceKey: "PO-4", Revision: 1, Purpose: "00", ContentHash: "h",
		IdempotencyKey: "k", State: core.StatePending, Payload: payload, Release: core.Release4010}}}})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, "preview", "1", "--raw", "--db", path)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "*U*00401*") || !strings.Contains(out, "*X*004010~") || !strings.Contains(out, "PO1*1000*1*EA*2*PE*BP*MCU~") {
		t.Errorf("preview of a 004010 document:\n%s", out)
	}
}
