package core_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

var update = flag.Bool("update", false, "rewrite golden files")

func samplePO() *core.PurchaseOrder {
	return &core.PurchaseOrder{
		Number: "PO2611-0042", Supplier: "SUP-ACME", SupplierName: "Acme Components Inc.",
		Company: "ELC", OrderSite: "DC01", ReceivingSite: "DC01", Buyer: "JSM",
		OrderDate: "2026-11-20", ExpectedReceipt: "2026-12-04", Currency: "USD", InternalRef: "REQ-7781",
		Lines: []core.POLine{
			{Line: 1000, Seq: 1, Item: "RES-10K-0603", Description: "Resistor 10k 0603 1% (reel of 5000)", SupplierItem: "AC-R10K-0603",
				Unit: "EA", Quantity: 12, NetPrice: 18.4, ExpectedReceipt: "2026-12-04"},
			{Line: 2000, Seq: 1, Item: "CAP-100N-0402", Description: "Capacitor 100nF 0402", Unit: "BX", Quantity: 3, NetPrice: 42.15},
		},
	}
}

func sampleMapConfig() core.MapConfig {
	return core.MapConfig{
		Buyer: core.Party{Name: "Northwind Electronics", IDQualifier: "92", ID: "ELC"},
		Sites: map[string]core.Party{"DC01": {Name: "Northwind DC Columbus", IDQualifier: "92", ID: "DC01",
			Address1: "4100 Logistics Pkwy", City: "Columbus", State: "OH", PostalCode: "43217", Country: "US"}},
		BuyerContacts: map[string]string{"JSM": "Jane Smith"},
	}
}

func TestMap850_Golden(t *testing.T) {
	partner := core.Partner{Supplier: "SUP-ACME", PartnershipID: "northwind_acme"}
	for _, tc := range []struct{ name, purpose string }{{"original", core.PurposeOriginal}, {"replace", core.PurposeReplace}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := core.Map850(samplePO(), partner, sampleMapConfig(), tc.purpose)
			if err != nil {
				t.Fatal(err)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, got, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			golden := filepath.Join("testdata", "map850_"+tc.name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./core -run Golden -update to create it)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("mapping differs from %s:\n%s", golden, pretty.String())
			}
		})
	}
}

// The hash is taken on the original mapping: a replacement with the same
// content must not look new, and any business change must.
func TestMap850_HashTracksContentOnly(t *testing.T) {
	partner := core.Partner{Supplier: "SUP-ACME", PartnershipID: "northwind_acme"}
	mc := sampleMapConfig()
	base, _ := core.Map850(samplePO(), partner, mc, core.PurposeOriginal)

	touched := samplePO()
	touched.Updated = touched.Updated.Add(3600e9) // only the X3 stamp moves
	same, _ := core.Map850(touched, partner, mc, core.PurposeOriginal)
	if core.ContentHash(base) != core.ContentHash(same) {
		t.Error("a timestamp-only change altered the content hash")
	}

	changed := samplePO()
	changed.Lines[1].Quantity = 4
	other, _ := core.Map850(changed, partner, mc, core.PurposeOriginal)
	if core.ContentHash(base) == core.ContentHash(other) {
		t.Error("a quantity change did not alter the content hash")
	}
}

func TestMap850_ProblemsNameTheX3Field(t *testing.T) {
	po := samplePO()
	po.ReceivingSite = "DC09"
	po.Lines[0].Unit = "GROSS"
	po.Lines[1].Quantity = 0
	_, err := core.Map850(po, core.Partner{}, sampleMapConfig(), core.PurposeOriginal)
	var me *core.MappingError
	if err == nil || !asMappingError(err, &me) {
		t.Fatalf("want a MappingError, got %v", err)
	}
	for _, want := range []string{
		`PO PO2611-0042: receiving site "DC09" (RCPFCY)`,
		`PO PO2611-0042 line 1000: unit "GROSS" (UOM)`,
		`PO PO2611-0042 line 2000: ordered quantity must be above zero (QTYUOM)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func asMappingError(err error, target **core.MappingError) bool {
	me, ok := err.(*core.MappingError)
	*target = me
	return ok
}

func TestIdempotencyKey_StableAndBounded(t *testing.T) {
	hash := core.ContentHash([]byte("x"))
	a := core.IdempotencyKey(core.Kind850, "SEED", "PO 1/2", 3, hash)
	b := core.IdempotencyKey(core.Kind850, "SEED", "PO 1/2", 3, hash)
	if a != b {
		t.Fatalf("key not stable: %s vs %s", a, b)
	}
	if a != "mlc-850-SEED-PO_1_2-r3-"+hash[:24] {
		t.Errorf("unexpected key %s", a)
	}
	long := core.IdempotencyKey(core.Kind850, strings.Repeat("F", 300), strings.Repeat("K", 300), 1, hash)
	if len(long) > 255 {
		t.Errorf("key of %d characters exceeds Stedi's 255", len(long))
	}
	if core.IdempotencyKey(core.Kind850, "SEED", "PO1", 4, hash) == core.IdempotencyKey(core.Kind850, "SEED", "PO1", 2, hash) {
		t.Error("revisions with equal content share a key")
	}
}
