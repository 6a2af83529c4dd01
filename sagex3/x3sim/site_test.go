package x3sim_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

func prototypeURL(class, rep, facet string) string {
	return "/api1/x3/erp/SEED/" + class + "/$prototypes('" + rep + "." + facet + "')"
}

const (
	shipQuery  = "/api1/x3/erp/SEED/SHIPMENT?representation=YSHIPASN.$query"
	shipCreate = "/api1/x3/erp/SEED/SHIPMENT?representation=YSHIPASN.$create"
)

// A stock site serves what Sage documents, read-only: no edit facet on
// the PO, no specific columns, no way to create a shipment.
func TestStockSiteIsReadOnlyWithoutCustomColumns(t *testing.T) {
	f := newFixture(t, x3sim.Config{Site: x3sim.SiteStock})
	key := f.sim.SeedPurchaseOrders(1)[0]
	d := f.get(t, poURL(key, "$details")).json(t)
	lines, _ := d["POHPOP"].([]any)
	if len(lines) == 0 || d["YASNNUM"] != nil || d["OCNNUM"] == nil {
		t.Fatalf("stock $details: %v", d)
	}
	if l := lines[0].(map[string]any); l["$uuid"] == "" || l["YSHIQTY"] != nil || l["LINOCNFLG"] == nil {
		t.Errorf("stock line: %v", l)
	}
	for name, r := range map[string]response{
		"PUT on the read-only PORDER":       f.put(t, poURL(key, "$edit"), `{"OCNNUM":"A"}`),
		"PUT on the acknowledgment rep":     f.put(t, ackURL(key), `{"OCNNUM":"A"}`),
		"prototype of PORDER.$edit":         f.get(t, prototypeURL("PORDER", "PORDER", "$edit")),
		"prototype of YPOACK.$edit":         f.get(t, prototypeURL("PORDER", "YPOACK", "$edit")),
		"prototype of the shipment $create": f.get(t, prototypeURL("SHIPMENT", "YSHIPASN", "$create")),
		"create a shipment":                 f.do(t, http.MethodPost, shipCreate, []byte(`{}`), testUser, testPassword),
	} {
		if r.status != http.StatusNotFound && r.status != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want a refusal", name, r.status, r.body)
		}
	}
	if po, _ := f.sim.PurchaseOrder(key); po.AckNumber != "" {
		t.Error("a refused write changed the PO")
	}
}

// The prototype of a facet lists its properties with their types and
// lengths, and the line collection with the lines' own properties.
func TestPrototypeListsPropertiesAndTheLineCollection(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	p := f.get(t, prototypeURL("PORDER", "YPOACK", "$edit")).json(t)
	props, _ := p["$properties"].(map[string]any)
	ocn, _ := props["OCNNUM"].(map[string]any)
	coll, _ := props["POHPOP"].(map[string]any)
	item, _ := coll["$item"].(map[string]any)
	lineProps, _ := item["$properties"].(map[string]any)
	if ocn["$type"] != "application/x-string" || ocn["$maxLength"] != 20.0 || coll["$type"] != "application/x-array" ||
		lineProps["LINOCNFLG"] == nil || lineProps["YSHIQTY"] == nil {
		t.Errorf("prototype: %v", p)
	}
	q := f.get(t, prototypeURL("PORDER", "PORDER", "$query")).json(t)
	if qp, _ := q["$properties"].(map[string]any); qp["UPDDATTIM"] == nil || qp["UPDDAT"] == nil || qp["POHPOP"] != nil {
		t.Errorf("$query prototype: %v", q)
	}
}

// A shipment is created against PO lines that exist, numbered by X3,
// found again by its reference, and moves the lines' quantity in transit.
func TestShipmentCreatedAgainstPOLinesAndFoundByReference(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", Lines: []x3sim.POLine{{Item: "A", Unit: "EA", Quantity: 10}}})
	body := `{"BPSNDE":"ASN-1","BPSNUM":"AURORA","SHIDAT":"2026-11-27","SHIPMENTD":[{"POHNUM":"PO1","POPLIN":1000,"QTYUOM":4,"UOM":"EA"}]}`
	r := f.do(t, http.MethodPost, shipCreate, []byte(body), testUser, testPassword)
	if r.status != http.StatusCreated || !strings.Contains(r.header.Get("Location"), "SHIPMENT('SHP000001')") {
		t.Fatalf("create: %d %v %s", r.status, r.header, r.body)
	}
	if rec := r.json(t); rec["SHIPNUM"] != "SHP000001" || rec["BPSNDE"] != "ASN-1" {
		t.Errorf("created: %v", rec)
	}
	if po, _ := f.sim.PurchaseOrder("PO1"); po.Lines[0].InTransit != 4 {
		t.Errorf("in transit %v, want 4", po.Lines[0].InTransit)
	}
	keys, _ := f.collect(t, shipQuery+"&where=BPSNDE%20eq%20'ASN-1'%20and%20BPSNUM%20eq%20'AURORA'")
	if len(keys) != 1 || keys[0] != "SHP000001" {
		t.Errorf("found %v", keys)
	}
	for name, bad := range map[string]string{
		"unknown PO":         `{"BPSNDE":"X","SHIPMENTD":[{"POHNUM":"NOPE","POPLIN":1000,"QTYUOM":1}]}`,
		"unknown line":       `{"BPSNDE":"X","SHIPMENTD":[{"POHNUM":"PO1","POPLIN":9000,"QTYUOM":1}]}`,
		"other unit":         `{"BPSNDE":"X","SHIPMENTD":[{"POHNUM":"PO1","POPLIN":1000,"QTYUOM":1,"UOM":"BX"}]}`,
		"no lines":           `{"BPSNDE":"X"}`,
		"unknown property":   `{"NOSUCH":"X","SHIPMENTD":[{"POHNUM":"PO1","POPLIN":1000,"QTYUOM":1}]}`,
		"reference too long": `{"BPSNDE":"123456789012345678901","SHIPMENTD":[{"POHNUM":"PO1","POPLIN":1000,"QTYUOM":1}]}`,
	} {
		if r := f.do(t, http.MethodPost, shipCreate, []byte(bad), testUser, testPassword); r.status != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 400", name, r.status, r.body)
		}
	}
	if n := len(f.sim.Shipments()); n != 1 {
		t.Errorf("%d shipments, want 1", n)
	}
}

// A site may name its representations and collections otherwise.
func TestSiteWithOtherNames(t *testing.T) {
	f := newFixture(t, x3sim.Config{Names: x3sim.Names{POLines: "ZPOLINES", POEditRepresentation: "ZACK"}})
	key := f.sim.SeedPurchaseOrders(1)[0]
	if d := f.get(t, poURL(key, "$details")).json(t); d["ZPOLINES"] == nil || d["POHPOP"] != nil {
		t.Errorf("lines not under ZPOLINES: %v", d)
	}
	if r := f.get(t, prototypeURL("PORDER", "ZACK", "$edit")); r.status != http.StatusOK {
		t.Errorf("ZACK.$edit: %d", r.status)
	}
	if r := f.get(t, prototypeURL("PORDER", "YPOACK", "$edit")); r.status != http.StatusNotFound {
		t.Errorf("YPOACK.$edit on a site that named it ZACK: %d", r.status)
	}
}

func TestRefusingDateTimeLiteralsTakesDates(t *testing.T) {
	f := newFixture(t, x3sim.Config{RefuseDateTimeLiterals: true})
	f.sim.SeedPurchaseOrders(3)
	if r := f.get(t, poQuery+"&where=UPDDATTIM%20ge%20@2026-11-26T00:00:00Z@"); r.status != http.StatusBadRequest ||
		diagnosis(t, r)["$sdataCode"] != "BadWhereSyntax" {
		t.Errorf("date-time literal: %d %s, want 400 BadWhereSyntax", r.status, r.body)
	}
	if keys, _ := f.collect(t, poQuery+"&where=UPDDAT%20ge%20@2026-11-25@"); len(keys) != 3 {
		t.Errorf("date literal on UPDDAT: %v", keys)
	}
}

func TestDiagnosisFaultIs200WithAnError(t *testing.T) {
	faults := faultinject.New(1)
	f := newFixture(t, x3sim.Config{Faults: faults})
	f.sim.SeedPurchaseOrders(2)
	faults.Next(1, x3sim.IsListPage, x3sim.DiagnosisFault("lost the page"))
	r := f.get(t, poQuery)
	if d := diagnosis(t, r); r.status != http.StatusOK || d["$severity"] != "error" || r.json(t)["$resources"] != nil {
		t.Errorf("got %d %s", r.status, r.body)
	}
	if r := f.get(t, poQuery); r.json(t)["$resources"] == nil {
		t.Error("the next page is served")
	}
}
