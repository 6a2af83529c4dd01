package bench

import (
	"fmt"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/guideschema"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// BenchmarkMapAndCheckAgainstGuide maps 50-line POs for a 004010 partner
// with its guide schema (variant keys taken from the schema) and checks
// each one against the guide, as the preflight does: POs/s of mapping
// plus guide validation, and allocations per PO.
func BenchmarkMapAndCheckAgainstGuide(b *testing.B) {
	raw, err := stedisim.GuideSchema("850", "004010")
	if err != nil {
		b.Fatal(err)
	}
	guide, err := guideschema.Compile("850-004010.json", raw)
	if err != nil {
		b.Fatal(err)
	}
	partner := core.Partner{Supplier: "SUP", Release: core.Release4010, Guides: map[core.Kind]core.Guide{core.Kind850: guide}}
	po := &core.PurchaseOrder{Number: "PO1", Supplier: "SUP", OrderDate: "2026-11-20", ReceivingSite: "DC01", Currency: "USD", InternalRef: "REQ-1"}
	for i := range 50 {
		po.Lines = append(po.Lines, core.POLine{Line: 1000 * (i + 1), Item: fmt.Sprintf("ITEM-%d", i), SupplierItem: fmt.Sprintf("SUP-%d", i),
			Description: "part", Unit: "EA", Quantity: float64(i + 1), NetPrice: 1.25, ExpectedReceipt: "2026-12-01"})
	}
	const n = 200
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		for range n {
			doc, err := core.Map850(po, partner, mapConfig(), core.PurposeOriginal)
			if err != nil {
				b.Fatal(err)
			}
			if problems := core.CheckGuide(guide, core.Kind850, "PO PO1", doc); problems != nil {
				b.Fatal(problems)
			}
		}
		b.ReportMetric(n/time.Since(start).Seconds(), "POs/s")
	}
}
