package sagex3_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

func addSamplePO(f *fixture) {
	f.sim.AddPurchaseOrder(x3sim.PO{
		Number: "PODC0100042", Supplier: "AURORA", SupplierName: [2]string{"Aurora Semiconductor Supply"},
		Company: "ELC", OrderSite: "DC01", ReceivingSite: "DC01", Buyer: "MRA",
		OrderDate: "2026-11-20", ExpectedReceipt: "2026-12-11", Currency: "USD",
		PaymentTerms: "NET30", InternalRef: "REQ-12345",
		Lines: []x3sim.POLine{
			{Item: "MCU-32F411", Description: "32-bit MCU", SupplierItem: "AS-32F411-LQ64", Unit: "EA",
				Quantity: 250, GrossPrice: 6.85, NetPrice: 6.71, ExpectedReceipt: "2026-12-11"},
			{Item: "IC-LDO-33", Description: "LDO 3.3V", SupplierItem: "AS-LDO33-S235", Unit: "EA",
				Quantity: 1000, GrossPrice: 0.38, NetPrice: 0.3724, ExpectedReceipt: "2026-12-14"},
		},
	})
}

func TestPurchaseOrderReadsHeaderAndLines(t *testing.T) {
	f := newFixture(t)
	addSamplePO(f)
	c := f.client(t)

	po, err := c.PurchaseOrder(context.Background(), "PODC0100042")
	if err != nil {
		t.Fatal(err)
	}

	want := core.PurchaseOrder{
		Number: "PODC0100042", Supplier: "AURORA", SupplierName: "Aurora Semiconductor Supply",
		Company: "ELC", OrderSite: "DC01", ReceivingSite: "DC01", Buyer: "MRA",
		OrderDate: "2026-11-20", ExpectedReceipt: "2026-12-11", Currency: "USD",
		PaymentTerms: "NET30", InternalRef: "REQ-12345", TotalExTax: 2049.9, Updated: t0,
	}
	if !equalHeader(*po, want) {
		t.Errorf("header\n got %+v\nwant %+v", *po, want)
	}
	wantLines := []core.POLine{
		{Line: 1000, Seq: 1, Item: "MCU-32F411", Description: "32-bit MCU", SupplierItem: "AS-32F411-LQ64",
			Unit: "EA", Quantity: 250, NetPrice: 6.71, ExpectedReceipt: "2026-12-11", Status: 1},
		{Line: 2000, Seq: 1, Item: "IC-LDO-33", Description: "LDO 3.3V", SupplierItem: "AS-LDO33-S235",
			Unit: "EA", Quantity: 1000, NetPrice: 0.3724, ExpectedReceipt: "2026-12-14", Status: 1},
	}
	if len(po.Lines) != len(wantLines) || po.Lines[0] != wantLines[0] || po.Lines[1] != wantLines[1] {
		t.Errorf("lines\n got %+v\nwant %+v", po.Lines, wantLines)
	}
	if string(po.Raw) != string(fetchRaw(t, f, "PODC0100042")) {
		t.Errorf("Raw is not the $details body verbatim:\n%s", po.Raw)
	}
}

// equalHeader compares everything but Lines and Raw.
func equalHeader(a, b core.PurchaseOrder) bool {
	return a.Number == b.Number && a.Supplier == b.Supplier && a.SupplierName == b.SupplierName &&
		a.Company == b.Company && a.OrderSite == b.OrderSite && a.ReceivingSite == b.ReceivingSite &&
		a.Buyer == b.Buyer && a.OrderDate == b.OrderDate && a.ExpectedReceipt == b.ExpectedReceipt &&
		a.Currency == b.Currency && a.PaymentTerms == b.PaymentTerms && a.InternalRef == b.InternalRef &&
		a.TotalExTax == b.TotalExTax && a.Updated.Equal(b.Updated)
}

// fetchRaw reads a $details body directly, bypassing the client.
func fetchRaw(t *testing.T, f *fixture, number string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet,
		f.srv.URL+"/api1/x3/erp/SEED/PORDER('"+number+"')?representation=PORDER.$details", nil)
	req.SetBasicAuth(testUser, testPassword)
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return body
}

func TestUpdatePurchaseOrderWritesAckAndBumpsStamp(t *testing.T) {
	f := newFixture(t)
	addSamplePO(f)
	c := f.client(t)
	t1 := f.clock.Advance(5 * time.Minute)
	patch := map[string]any{
		"OCNNUM": "ACK-9001", "OCNDAT": "2026-11-27", "OCNREM": "Accepted with changes",
		sagex3.LinesField: []map[string]any{
			{"POPLIN": 2000, "QTYUOM": 800, "LINOCNFLG": 2, "LINOCNDAT": "2026-11-27", "EXTRCPDAT": "2026-12-18"},
		},
	}

	po, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", patch)
	if err != nil {
		t.Fatal(err)
	}

	if !po.Updated.Equal(t1) {
		t.Errorf("UPDDATTIM %v, want bumped to %v", po.Updated, t1)
	}
	if l := po.Lines[1]; l.Quantity != 800 || l.ExpectedReceipt != "2026-12-18" || po.TotalExTax != 1975.42 {
		t.Errorf("line 2000 %+v, total %v; want qty 800, receipt 2026-12-18, total 1975.42", l, po.TotalExTax)
	}
	var raw map[string]any
	if err := json.Unmarshal(po.Raw, &raw); err != nil || raw["OCNNUM"] != "ACK-9001" || raw["UPDUSR"] != testUser {
		t.Errorf("Raw of the new state: %s", po.Raw)
	}
	writes := f.sim.Writes()
	if len(writes) != 1 || writes[0].User != testUser || writes[0].Status != http.StatusOK {
		t.Fatalf("sim writes: %+v", writes)
	}
	var sent map[string]any
	_ = json.Unmarshal(writes[0].Patch, &sent)
	if sent["OCNNUM"] != "ACK-9001" || len(sent) != 4 {
		t.Errorf("patch sent %s, want exactly the 4 patched properties", writes[0].Patch)
	}
	if req := f.requestLog()[0]; req.Method != http.MethodPut || req.URL.Query().Get("representation") != "PORDER.$edit" {
		t.Errorf("sent %s %s, want PUT …$edit", req.Method, req.URL)
	}
}

func TestUpdatePurchaseOrderRejectsMalformedPatchesLocally(t *testing.T) {
	f := newFixture(t)
	c := f.client(t)
	for name, patch := range map[string]map[string]any{
		"empty":             {},
		"line without key":  {sagex3.LinesField: []map[string]any{{"QTYUOM": 1}}},
		"lines not a list":  {sagex3.LinesField: "x"},
		"cannot be encoded": {"OCNREM": func() {}},
	} {
		_, err := c.UpdatePurchaseOrder(context.Background(), "PO1", patch)
		classified(t, err, core.Permanent)
		if len(f.requestLog()) != 0 {
			t.Errorf("%s: a malformed patch was sent", name)
		}
	}
}

func TestUnknownPOIsPermanentNotFound(t *testing.T) {
	f := newFixture(t)
	c := f.client(t)
	_, readErr := c.PurchaseOrder(context.Background(), "NOSUCH")
	_, editErr := c.UpdatePurchaseOrder(context.Background(), "NOSUCH", map[string]any{"OCNNUM": "A"})
	for _, err := range []error{readErr, editErr} {
		ce := classified(t, err, core.Permanent)
		if !errors.Is(err, core.ErrNotFound) || ce.Status != http.StatusNotFound || ce.Message == "" {
			t.Errorf("%v: want a 404 with a message, wrapping core.ErrNotFound", err)
		}
	}
}

func TestRejectedEditKeepsDiagnosisVerbatim(t *testing.T) {
	f := newFixture(t)
	addSamplePO(f)
	c := f.client(t)
	_, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNDAT": "27/11/2026"})
	ce := classified(t, err, core.Permanent)
	if ce.Status != 400 || ce.Code != "ApplicationDiagnosis" || ce.Message != `OCNDAT: invalid date "27/11/2026", expected YYYY-MM-DD` {
		t.Errorf("got status %d code %q message %q", ce.Status, ce.Code, ce.Message)
	}
}

func TestEditOnLockedPOIsTransient(t *testing.T) {
	f := newFixture(t)
	addSamplePO(f)
	c := f.client(t)
	unlock := f.sim.LockPurchaseOrder("PODC0100042", "JDOE")
	defer unlock()
	_, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": "A"})
	if ce := classified(t, err, core.Transient); ce.Status != http.StatusConflict {
		t.Errorf("status %d, want 409", ce.Status)
	}
}
