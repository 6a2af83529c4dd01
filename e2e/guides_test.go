package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/guideschema"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/x12"
)

func compiledGuide(t *testing.T, set, release string) core.Guide {
	t.Helper()
	raw, err := stedisim.GuideSchema(set, release)
	if err != nil {
		t.Fatal(err)
	}
	g, err := guideschema.Compile(set+"-"+release+".json", raw)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func (w *world) addPO(number, supplier, part string) {
	w.x3.AddPurchaseOrder(x3sim.PO{Number: number, Supplier: supplier, OrderDate: "2026-03-02", ReceivingSite: "DC01", Currency: "USD",
		Buyer: "MRA", Lines: []x3sim.POLine{
			{Item: "MCU-32F411", Description: "32-bit MCU", SupplierItem: part, Unit: "EA", Quantity: 20, NetPrice: 6.85, ExpectedReceipt: "2026-03-20"},
			{Item: "IC-LDO-33", SupplierItem: "AS-LDO33-S235", Unit: "EA", Quantity: 100, NetPrice: 0.38},
		}})
}

// One partner on 004010 with its guide (variants, vendor part required),
// one on 005010 with the base guide, one in test mode: each PO renders to
// X12 the project's validator accepts for the partner's release and the
// simulator (which validates against the same guides) accepts; a PO the
// 004010 guide refuses fails in the preflight, naming the X3 field, and
// never reaches Stedi.
func TestOutbound_ReleasesGuidesAndTestMode(t *testing.T) {
	w := newWorld(t, 0)
	w.stedi.AddPartnership("mlc_aurora", stedisim.DemoPartnership4010("NORTHWIND", "AURORA"))
	w.partners["AURORA"] = core.Partner{Supplier: "AURORA", PartnershipID: "mlc_aurora", Release: core.Release4010,
		TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850v4010},
		Guides:              map[core.Kind]core.Guide{core.Kind850: compiledGuide(t, "850", "004010")}}
	w.partners["BLUERIDGE"] = core.Partner{Supplier: "BLUERIDGE", PartnershipID: "mlc_blueridge",
		TransactionSettings: map[core.Kind]string{core.Kind850: stedisim.DemoSetting850},
		Guides:              map[core.Kind]core.Guide{core.Kind850: compiledGuide(t, "850", "005010")}}
	cascade := w.partners["CASCADE"]
	cascade.Test = true
	w.partners["CASCADE"] = cascade
	w.addPO("PO-4010", "AURORA", "AS-32F411-LQ64")
	w.addPO("PO-5010", "BLUERIDGE", "BR-1")
	w.addPO("PO-TEST", "CASCADE", "CC-1")
	w.addPO("PO-4010-BAD", "AURORA", "") // the 004010 guide requires PO109

	w.startEngine(stediKey)
	w.waitFor("three sent, one failed", func() bool {
		c := w.counts()
		test, _ := w.db.TestCounts(context.Background())
		return c[core.StateSent] == 2 && c[core.StateFailed] == 1 && len(test) == 1 && test[0].State == core.StateSent
	})

	releases := map[string]string{"PO-4010": "004010", "PO-5010": "005010", "PO-TEST": "005010"}
	accepted := w.stedi.Accepted()
	if len(accepted) != 3 {
		t.Fatalf("%d accepted by Stedi, want 3", len(accepted))
	}
	for _, a := range accepted {
		release, ok := releases[a.DocumentNumber]
		if !ok {
			t.Errorf("PO %s reached Stedi", a.DocumentNumber)
			continue
		}
		ic, err := x12.Parse([]byte(a.EDI))
		if err != nil {
			t.Fatal(err)
		}
		if ic.ISA.Element(12) != release[:5] || ic.Groups[0].GS.Element(8) != release {
			t.Errorf("%s: ISA12 %s GS08 %s, want %s", a.DocumentNumber, ic.ISA.Element(12), ic.Groups[0].GS.Element(8), release)
		}
		for _, f := range x12.Validate(ic, x12.Strict) {
			if f.Severity == x12.Error {
				t.Errorf("%s: %s", a.DocumentNumber, f)
			}
		}
		if want := map[bool]string{true: "T", false: "P"}[a.DocumentNumber == "PO-TEST"]; ic.ISA.Element(15) != want {
			t.Errorf("%s: ISA15 %s, want %s", a.DocumentNumber, ic.ISA.Element(15), want)
		}
	}
	if !strings.Contains(string(accepted[0].Transaction)+string(accepted[1].Transaction)+string(accepted[2].Transaction), "name_N1_loop_ship_to") {
		t.Error("the 004010 850 did not take the guide's ship-to variant key")
	}

	failed, err := w.db.ListDocuments(context.Background(), storeFilterFailed())
	if err != nil || len(failed) != 1 {
		t.Fatalf("failed %v %v", failed, err)
	}
	f := failed[0]
	want := "PO PO-4010-BAD line 1000: supplier part ITMREFBPS (PO109 product_service_id_09) does not fit the partner's guide 850-004010.json: required by the guide, but missing [schema #/properties/detail"
	if f.PONumber != "PO-4010-BAD" || !strings.Contains(f.LastError, want) || f.IdempotencyKey != "" || f.Attempts != 0 {
		t.Errorf("failed document %+v\nwant its error to contain %s", f, want)
	}
	test := true
	docs, _ := w.db.ListDocuments(context.Background(), storeFilter(&test))
	if len(docs) != 1 || docs[0].PONumber != "PO-TEST" || !strings.HasPrefix(docs[0].ContentHash, "test:") {
		t.Errorf("test documents %+v", docs)
	}
}
