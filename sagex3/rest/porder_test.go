package rest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
)

func TestPurchaseOrderReadsHeaderAndLines(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.REST(t)

	po, err := c.PurchaseOrder(context.Background(), "PODC0100042")
	if err != nil {
		t.Fatal(err)
	}

	want := core.PurchaseOrder{
		Number: "PODC0100042", Supplier: "AURORA", SupplierName: "Aurora Semiconductor Supply",
		Company: "ELC", OrderSite: "DC01", ReceivingSite: "DC01", Buyer: "MRA",
		OrderDate: "2026-11-20", ExpectedReceipt: "2026-12-11", Currency: "USD",
		PaymentTerms: "NET30", InternalRef: "REQ-12345", TotalExTax: 2049.9, Updated: x3test.T0,
	}
	if !x3test.EqualHeader(*po, want) {
		t.Errorf("header\n got %+v\nwant %+v", *po, want)
	}
	wantLines := []core.POLine{
		{Line: 1000, Seq: 1, Item: "MCU-32F411", Description: "32-bit MCU", SupplierItem: "AS-32F411-LQ64",
			Unit: "EA", Quantity: 250, NetPrice: 6.71, ExpectedReceipt: "2026-12-11", Status: 1,
			Closed: core.FlagNo, ClosedByReceipt: core.FlagNo},
		{Line: 2000, Seq: 1, Item: "IC-LDO-33", Description: "LDO 3.3V", SupplierItem: "AS-LDO33-S235",
			Unit: "EA", Quantity: 1000, NetPrice: 0.3724, ExpectedReceipt: "2026-12-14", Status: 1,
			Closed: core.FlagNo, ClosedByReceipt: core.FlagNo},
	}
	if po.Closed != core.FlagNo || po.ReceiptStatus != 1 {
		t.Errorf("closure CLEFLG %d RCPFLG %d, want 1 and 1 (open, nothing received)", po.Closed, po.ReceiptStatus)
	}
	if got := x3test.Mapped(po.Lines); !reflect.DeepEqual(got, wantLines) {
		t.Errorf("lines\n got %+v\nwant %+v", got, wantLines)
	}
	if po.Lines[0].Key == "" || po.Lines[0].Key == po.Lines[1].Key || po.Lines[0].Fields[core.FieldLineAckFlag] == nil {
		t.Errorf("each line carries its $uuid and the write-back's current values: %+v", po.Lines)
	}
	if string(po.Raw) != string(fetchRaw(t, f, "PODC0100042")) {
		t.Errorf("Raw is not the $details body verbatim:\n%s", po.Raw)
	}
}

// fetchRaw reads a $details body directly, bypassing the client.
func fetchRaw(t *testing.T, f *x3test.Site, number string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet,
		f.Srv.URL+"/api1/x3/erp/SEED/PORDER('"+number+"')?representation=PORDER.$details", nil)
	req.SetBasicAuth(x3test.User, x3test.Password)
	resp, err := f.Srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return body
}

func TestWritePurchaseOrderSendsLinesWithTheirUUID(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.REST(t)
	read, err := c.PurchaseOrder(context.Background(), "PODC0100042")
	if err != nil {
		t.Fatal(err)
	}
	t1 := f.Clock.Advance(5 * time.Minute)
	w := core.POWrite{PONumber: "PODC0100042",
		Header: map[string]any{core.FieldAckNumber: "ACK-9001", core.FieldAckDate: "2026-11-27", core.FieldAckNotes: "Accepted with changes"},
		Lines: []core.LineWrite{{Line: 2000, Seq: 1, Key: read.Lines[1].Key, Set: map[string]any{
			core.FieldQuantity: 800, core.FieldLineAckFlag: 2, core.FieldLineAckDate: "2026-11-27", core.FieldExpectedReceipt: "2026-12-18"}}}}

	po, err := c.WritePurchaseOrder(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}

	if !po.Updated.Equal(t1) {
		t.Errorf("UPDDATTIM %v, want bumped to %v", po.Updated, t1)
	}
	if l := po.Lines[1]; l.Quantity != 800 || l.ExpectedReceipt != "2026-12-18" || po.TotalExTax != 1975.42 {
		t.Errorf("line 2000 %+v, total %v; want qty 800, receipt 2026-12-18, total 1975.42", l, po.TotalExTax)
	}
	if po.Fields[core.FieldAckNumber] != "ACK-9001" {
		t.Errorf("the answer's current values: %v", po.Fields)
	}
	writes := f.Sim.Writes()
	if len(writes) != 1 || writes[0].User != x3test.User || writes[0].Status != http.StatusOK {
		t.Fatalf("sim writes: %+v", writes)
	}
	var sent struct {
		OCNNUM string
		Lines  []map[string]any `json:"POHPOP"`
	}
	_ = json.Unmarshal(writes[0].Patch, &sent)
	if sent.OCNNUM != "ACK-9001" || len(sent.Lines) != 1 || sent.Lines[0]["$uuid"] != read.Lines[1].Key ||
		sent.Lines[0]["QTYUOM"] != 800.0 || sent.Lines[0]["POPLIN"] != nil {
		t.Errorf("sent %s: want line 2000 named by the $uuid it was read with, not by its number", writes[0].Patch)
	}
	if req := f.Requests()[1]; req.Method != http.MethodPut || req.URL.Query().Get("representation") != "YPOACK.$edit" {
		t.Errorf("sent %s %s, want PUT on the acknowledgment representation's $edit facet", req.Method, req.URL)
	}
}

func TestWritePurchaseOrderRefusesALineWithoutItsUUID(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.REST(t)
	for name, w := range map[string]core.POWrite{
		"empty":             {PONumber: "PO1"},
		"line without uuid": {PONumber: "PO1", Lines: []core.LineWrite{{Line: 1000, Set: map[string]any{core.FieldQuantity: 1}}}},
		"unknown field":     {PONumber: "PO1", Header: map[string]any{"colour": "red"}},
		"cannot be encoded": {PONumber: "PO1", Header: map[string]any{core.FieldAckNotes: func() {}}},
	} {
		_, err := c.WritePurchaseOrder(context.Background(), w)
		x3test.Classified(t, err, core.Permanent)
		if len(f.Requests()) != 0 {
			t.Errorf("%s: a malformed write was sent", name)
		}
	}
}

func TestUnknownPOIsPermanentNotFound(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.REST(t)
	_, readErr := c.PurchaseOrder(context.Background(), "NOSUCH")
	_, editErr := c.WritePurchaseOrder(context.Background(), core.POWrite{PONumber: "NOSUCH", Header: map[string]any{core.FieldAckNumber: "A"}})
	for _, err := range []error{readErr, editErr} {
		ce := x3test.Classified(t, err, core.Permanent)
		if !errors.Is(err, core.ErrNotFound) || ce.Status != http.StatusNotFound || ce.Message == "" {
			t.Errorf("%v: want a 404 with a message, wrapping core.ErrNotFound", err)
		}
	}
}

func TestRejectedEditKeepsDiagnosisVerbatim(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.REST(t)
	_, err := c.WritePurchaseOrder(context.Background(), core.POWrite{PONumber: "PODC0100042", Header: map[string]any{core.FieldAckDate: "27/11/2026"}})
	ce := x3test.Classified(t, err, core.Permanent)
	if ce.Status != 400 || ce.Code != "ApplicationDiagnosis" || ce.Message != `OCNDAT: invalid date "27/11/2026", expected YYYY-MM-DD` {
		t.Errorf("got status %d code %q message %q", ce.Status, ce.Code, ce.Message)
	}
}

func TestEditOnLockedPOIsTransient(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	c := f.REST(t)
	unlock := f.Sim.LockPurchaseOrder("PODC0100042", "JDOE")
	defer unlock()
	_, err := c.WritePurchaseOrder(context.Background(), core.POWrite{PONumber: "PODC0100042", Header: map[string]any{core.FieldAckNumber: "A"}})
	if ce := x3test.Classified(t, err, core.Transient); ce.Status != http.StatusConflict {
		t.Errorf("status %d, want 409", ce.Status)
	}
}
