package x3gql_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
)

// siteFixture is a simulator of the given site, reached with Basic auth.
func siteFixture(t *testing.T, cfg x3sim.Config) *gqlFixture {
	t.Helper()
	cfg.Folder, cfg.User, cfg.Password, cfg.Seed = "SEED", testUser, testPassword, 42
	f := &gqlFixture{clock: x3sim.NewClock(t0)}
	cfg.Now, cfg.GraphQLAPI = f.clock.Now, x3gql.New
	f.sim = x3sim.New(cfg)
	f.srv = httptest.NewServer(f.sim)
	t.Cleanup(f.srv.Close)
	return f
}

// fieldNames introspects one type: its fields, or its input fields.
func fieldNames(t *testing.T, f *gqlFixture, typeName string) []string {
	t.Helper()
	a := f.basic(t, `query($n: String!) { __type(name: $n) { name fields { name } inputFields { name } } }`,
		map[string]any{"n": typeName})
	if a.status != http.StatusOK || len(a.Errors) > 0 {
		t.Fatalf("introspection of %s: %d %s", typeName, a.status, a.body)
	}
	typ, _ := a.Data["__type"].(map[string]any)
	if typ == nil {
		return nil
	}
	var names []string
	for _, key := range []string{"fields", "inputFields"} {
		list, _ := typ[key].([]any)
		for _, fl := range list {
			names = append(names, fl.(map[string]any)["name"].(string))
		}
	}
	return names
}

func TestStockSiteServesOnlyTheDocumentedSchema(t *testing.T) {
	f := siteFixture(t, x3sim.Config{Site: x3sim.SiteStock})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", Buyer: "JDOE",
		Lines: []x3sim.POLine{{Item: "MCU", Unit: "EA", Quantity: 5, NetPrice: 2}}})

	po := fieldNames(t, f, "PurchaseOrder")
	for _, documented := range []string{"id", "_updateStamp", "purchaseSite", "receiptSite", "orderFromSupplier",
		"isClosed", "receiptStatus", "signatureStatus", "purchaseOrderLines"} {
		if !slices.Contains(po, documented) {
			t.Errorf("stock PurchaseOrder lacks documented %s: %v", documented, po)
		}
	}
	for _, undocumented := range []string{"company", "buyer", "paymentTerm", "acknowledgementNumber", "yasnnum"} {
		if slices.Contains(po, undocumented) {
			t.Errorf("stock PurchaseOrder serves undocumented %s", undocumented)
		}
	}
	if muts := fieldNames(t, f, "X3PurchasingMutation"); !slices.Equal(muts, []string{"purchaseReceipt"}) {
		t.Errorf("stock mutations %v, want purchaseReceipt only", muts)
	}
	if fieldNames(t, f, "PurchaseOrder_Input") != nil {
		t.Error("a stock site has a PurchaseOrder_Input type")
	}

	// The library refuses an unknown field as a GraphQL server does.
	a := f.basic(t, `{ x3Purchasing { purchaseOrder { read(_id: "PO1") { _id buyer { code } } } } }`, nil)
	want := `Cannot query field \"buyer\" on type \"PurchaseOrder\".`
	if a.status != http.StatusBadRequest || !strings.Contains(string(a.body), want) || a.Data != nil {
		t.Errorf("unknown field: %d %s", a.status, a.body)
	}
	m := f.basic(t, `mutation { x3Purchasing { purchaseOrder { update(data: {id: "PO1"}) { _id } } } }`, nil)
	if m.status != http.StatusBadRequest || !strings.Contains(string(m.body), `Cannot query field \"purchaseOrder\" on type \"X3PurchasingMutation\".`) {
		t.Errorf("update on a stock site: %d %s", m.status, m.body)
	}
}

func TestConfiguredSiteAddsTheSetUpOperations(t *testing.T) {
	f := siteFixture(t, x3sim.Config{})
	if muts := fieldNames(t, f, "X3PurchasingMutation"); !slices.Equal(muts, []string{"purchaseReceipt", "purchaseOrder", "purchaseShipment"}) {
		t.Errorf("configured mutations %v", muts)
	}
	in := fieldNames(t, f, "PurchaseOrderLine_Input")
	for _, p := range []string{"lineNumber", "acknowledgementFlag", "acknowledgementDate", "acknowledgementNumber"} {
		if !slices.Contains(in, p) {
			t.Errorf("PurchaseOrderLine_Input lacks %s: %v", p, in)
		}
	}
}

func TestReleaseNamesAreServedAsConfigured(t *testing.T) {
	f := siteFixture(t, x3sim.Config{GraphQL: x3sim.GraphQLNames{Root: "xtremX3Purchasing", OrderLines: "purchaseOrderQuantityLines"}})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", Lines: []x3sim.POLine{{Item: "MCU", Unit: "EA", Quantity: 5}}})
	a := f.basic(t, `{ xtremX3Purchasing { purchaseOrder { read(_id: "PO1") { _id
	  purchaseOrderQuantityLines { query { edges { node { lineNumber } } } } } } } }`, nil)
	if a.status != http.StatusOK || len(a.Errors) > 0 {
		t.Fatalf("the older names: %d %s", a.status, a.body)
	}
	b := f.basic(t, `{ x3Purchasing { purchaseOrder { read(_id: "PO1") { _id } } } }`, nil)
	if b.status != http.StatusBadRequest || !strings.Contains(string(b.body), `Did you mean \"xtremX3Purchasing\"?`) {
		t.Errorf("the current root on an older site: %d %s", b.status, b.body)
	}
}

const receiptCreate = `mutation($data: PurchaseReceipt_Input!) { x3Purchasing { purchaseReceipt { create(data: $data) { id
  supplierPackingSlip lines { query { edges { node { purchaseOrder purchaseOrderLineNumber quantityInReceiptUnitReceived } } } } } } } }`

func TestPurchaseReceiptCreateChecksThePOAndIsFoundAgain(t *testing.T) {
	f := siteFixture(t, x3sim.Config{})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", ReceivingSite: "DC01",
		Lines: []x3sim.POLine{{Item: "MCU", Unit: "EA", Quantity: 5}}})
	data := map[string]any{"receiptSite": "DC01", "receiptDate": "2026-11-27", "supplier": "AURORA", "supplierPackingSlip": "ASN1",
		"lines": []any{map[string]any{"purchaseOrder": "PO1", "purchaseOrderLineNumber": 1000, "product": "MCU",
			"receiptUnit": "EA", "quantityInReceiptUnitReceived": 3}}}
	a := f.basic(t, receiptCreate, map[string]any{"data": data})
	if a.status != http.StatusOK || len(a.Errors) > 0 || path(a.Data, "x3Purchasing", "purchaseReceipt", "create", "supplierPackingSlip") != "ASN1" {
		t.Fatalf("create: %d %s", a.status, a.body)
	}
	found := f.basic(t, `{ x3Purchasing { purchaseReceipt { query(filter: "{supplierPackingSlip:'ASN1'}") { edges { node { id } } } } } }`, nil)
	if edges := path(found.Data, "x3Purchasing", "purchaseReceipt", "query", "edges").([]any); len(edges) != 1 {
		t.Errorf("found by packing slip: %s", found.body)
	}
	line := f.basic(t, `{ x3Purchasing { purchaseOrder { read(_id: "PO1") { purchaseOrderLines { query { edges { node { quantityInStockUnitReceived } } } } } } } }`, nil)
	if !strings.Contains(string(line.body), `"quantityInStockUnitReceived":3`) {
		t.Errorf("the PO line does not show the receipt: %s", line.body)
	}

	data["lines"] = []any{map[string]any{"purchaseOrder": "PO1", "purchaseOrderLineNumber": 9000, "receiptUnit": "EA", "quantityInReceiptUnitReceived": 1}}
	bad := f.basic(t, receiptCreate, map[string]any{"data": data})
	if bad.status != http.StatusOK || len(bad.Errors) != 1 || !strings.Contains(bad.Errors[0].Message, "has no line 9000") {
		t.Errorf("a line the PO lacks: %d %s", bad.status, bad.body)
	}
	if n := len(f.sim.Receipts()); n != 1 {
		t.Errorf("%d receipts stored, want 1", n)
	}
}

const shipmentCreate = `mutation($data: PurchaseShipment_Input!) { x3Purchasing { purchaseShipment { create(data: $data) { id carrier } } } }`

func TestShipmentOperationRefusesASecondShipmentWithTheSameID(t *testing.T) {
	f := siteFixture(t, x3sim.Config{})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", Lines: []x3sim.POLine{{Item: "MCU", Unit: "EA", Quantity: 5}}})
	data := map[string]any{"id": "ASN1-P1", "supplier": "AURORA", "carrier": "UPSN",
		"lines": []any{map[string]any{"purchaseOrder": "PO1", "purchaseOrderLineNumber": 1000, "quantity": 5, "unit": "EA"}}}
	first := f.basic(t, shipmentCreate, map[string]any{"data": data})
	second := f.basic(t, shipmentCreate, map[string]any{"data": data})
	if len(first.Errors) > 0 || path(first.Data, "x3Purchasing", "purchaseShipment", "create", "carrier") != "UPSN" {
		t.Fatalf("create: %s", first.body)
	}
	if len(second.Errors) != 1 || !strings.Contains(second.Errors[0].Message, "already exists") {
		t.Errorf("second create: %s", second.body)
	}
	read := f.basic(t, `{ x3Purchasing { purchaseShipment { read(_id: "ASN1-P1") { id lines { query { edges { node { quantity } } } } } } } }`, nil)
	if !strings.Contains(string(read.body), `"quantity":5`) || len(f.sim.Shipments()) != 1 {
		t.Errorf("read: %s", read.body)
	}
}
