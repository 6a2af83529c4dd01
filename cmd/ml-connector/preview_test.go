package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

const sentEDI = "ISA*00*          *00*          *ZZ*NORTHWIND      *ZZ*AURORA         *261126*1015*^*00501*000000042*0*P*>~" +
	"GS*IN*NORTHWIND*AURORA*20261126*1015*000000042*X*005010~ST*810*0001~BIG*20261126*PIDC0100001~" +
	"IT1*1000*2*EA*6.85~TDS*1370~CTT*1~SE*6*0001~GE*1*000000042~IEA*1*000000042~"

// seedPreviewDB stores three 810s: one sent (Stedi's answer holds its X12),
// one pending with its Guide JSON, one that could not be mapped.
func seedPreviewDB(t *testing.T) (path string, sent, pending, unmapped int64) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "preview.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	inv := &core.SupplierInvoice{Number: "PIDC0100002", Type: core.InvoiceTypeCreditMemo, Supplier: "AURORA",
		SupplierDocDate: "2026-11-26", AmountExTax: 13.7, AmountIncTax: 13.7,
		Lines: []core.InvoiceLine{{Line: 1, Item: "MCU-32F411", Unit: "EA", Quantity: 2, NetPrice: 6.85, Amount: 13.7}}}
	guide, err := core.Map810(inv, core.Partner{}, core.MapConfig{Buyer: core.Party{Name: "Northwind"}}, core.PurposeOriginal)
	if err != nil {
		t.Fatal(err)
	}
	doc := func(key, hash string, state core.State, payload []byte) core.NewDocument {
		d := core.Document{Kind: core.Kind810, Direction: core.Outbound, SourceKey: key, Revision: 1,
			Purpose: core.PurposeOriginal, ContentHash: hash, State: state, Payload: payload}
		if state == core.StatePending {
			d.IdempotencyKey = "k-" + key
		} else {
			d.LastError = `invoice PIDC0100003 line 1: unit "GROSS" (UOM) has no X12 unit code`
		}
		return core.NewDocument{X3Record: []byte(`{"NUM":"` + key + `"}`), Doc: d}
	}
	err = db.Intake(ctx, core.Intake{Actor: "test", New: []core.NewDocument{
		doc("PIDC0100001", "h1", core.StatePending, guide),
		doc("PIDC0100002", "h2", core.StatePending, guide),
		doc("PIDC0100003", "unmappable:h3", core.StateFailed, nil),
	}})
	if err != nil {
		t.Fatal(err)
	}
	claimed, _ := db.ClaimDue(ctx, time.Now(), 1, time.Minute)
	answer, _ := json.Marshal(map[string]any{"edi": sentEDI, "fileExecutionId": "f-1"})
	if err := db.Complete(ctx, []core.Outcome{{DocID: claimed[0].ID, State: core.StateSent, Audit: []core.AuditEntry{
		{Actor: "sender", Action: "sent", Payload: &core.Payload{Kind: core.PayloadStediResponse, ContentType: "application/json", Body: answer}}}}}); err != nil {
		t.Fatal(err)
	}
	return path, claimed[0].ID, claimed[0].ID + 1, claimed[0].ID + 2
}

func TestPreview_SentShowsStedisX12(t *testing.T) {
	path, sent, _, _ := seedPreviewDB(t)
	out, err := runCmd(t, "preview", strconv.FormatInt(sent, 10), "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "the X12 Stedi generated and sent") ||
		!strings.Contains(out, "ST*810*0001~\nBIG*20261126*PIDC0100001~\n") || !strings.Contains(out, "*000000042*0*P*>~\n") {
		t.Errorf("preview of a sent document:\n%s", out)
	}
	raw, err := runCmd(t, "preview", "--raw", strconv.FormatInt(sent, 10), "--db", path)
	if err != nil || !strings.Contains(raw, sentEDI+"\n") {
		t.Errorf("--raw: %v\n%s", err, raw)
	}
}

func TestPreview_UnsentIsRenderedLocally(t *testing.T) {
	path, _, pending, unmapped := seedPreviewDB(t)
	out, err := runCmd(t, "preview", "--json", strconv.FormatInt(pending, 10), "--db", path)
	if err != nil {
		t.Fatal(err)
	}
	var rep previewReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, want := range []string{"*ZZ*PLACEHOLDER    *", "GS*IN*", "BIG*20261126*PIDC0100002*****CR*00~", "IT1*1*2*EA*6.85*PE*BP*MCU-32F411~", "TDS*1370~"} {
		if !strings.Contains(rep.X12, want) {
			t.Errorf("local rendering lacks %q:\n%s", want, rep.X12)
		}
	}
	if rep.Source != previewLocal || !strings.Contains(rep.Note, "placeholder envelope") {
		t.Errorf("source %q, note %q", rep.Source, rep.Note)
	}

	_, err = runCmd(t, "preview", strconv.FormatInt(unmapped, 10), "--db", path)
	if err == nil || !strings.Contains(err.Error(), "no Guide JSON") || !strings.Contains(err.Error(), "(UOM)") {
		t.Errorf("unmappable document: %v", err)
	}
}
