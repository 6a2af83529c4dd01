package bench

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// The codec benchmarks work on one interchange of codecInvoices 810s of
// codecLines lines each (about 1.2 MB of X12), mapped from X3 invoices the
// way the engine maps them. Each run repeats the work codecPasses times so
// one run (make bench uses -benchtime 1x) is long enough to time.
const (
	codecInvoices = 1000
	codecLines    = 10
	codecPasses   = 5
)

// codecData maps the invoices to Guide JSON and renders them as one
// interchange.
func codecData(b *testing.B) (guides [][]byte, sets []x12.Transaction, edi []byte) {
	b.Helper()
	mc := mapConfig()
	for i := range codecInvoices {
		inv := &core.SupplierInvoice{Number: fmt.Sprintf("PIDC01%05d", i), Type: core.InvoiceTypeInvoice, Supplier: "AURORA",
			SupplierDoc: fmt.Sprintf("PS-%05d", i), SupplierDocDate: "2026-11-26", Currency: "USD", PaymentTerms: "NET30",
			Site: "DC01", PODate: "2026-11-20", POReceivingSite: "DC01"}
		for l := 1; l <= codecLines; l++ {
			line := core.InvoiceLine{Line: l, Item: fmt.Sprintf("ITEM-%04d", l), Description: "Resistor 10k 1% 0603, reel of 5000",
				Unit: "EA", Quantity: float64(10 * l), NetPrice: 0.3686, PONumber: fmt.Sprintf("PODC01%05d", i), POLine: 1000 * l,
				SupplierItem: fmt.Sprintf("BRP-R0603-%03d", l)}
			line.Amount = float64(int64(line.Quantity*line.NetPrice*100+0.5)) / 100
			inv.Lines = append(inv.Lines, line)
			inv.AmountExTax += line.Amount
		}
		inv.AmountIncTax = inv.AmountExTax
		g, err := core.Map810(inv, core.Partner{}, mc, core.PurposeOriginal)
		if err != nil {
			b.Fatal(err)
		}
		setID, body, err := x12.FromGuideJSON(g)
		if err != nil {
			b.Fatal(err)
		}
		guides, sets = append(guides, g), append(sets, x12.Transaction{SetID: setID, Body: body})
	}
	out, err := x12.Render(codecEnvelope(), sets...)
	if err != nil {
		b.Fatal(err)
	}
	return guides, sets, []byte(out)
}

func codecEnvelope() x12.Envelope {
	return x12.PlaceholderEnvelope(time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC))
}

// timed runs fn passes times and reports MB/s of bytes per pass.
func timed(b *testing.B, bytes, passes int, fn func()) {
	b.Helper()
	for b.Loop() {
		start := time.Now()
		for range passes {
			fn()
		}
		b.ReportMetric(float64(bytes*passes)/1e6/time.Since(start).Seconds(), "MB/s")
	}
}

// BenchmarkCodecParse tokenizes the interchange into segments, groups and
// sets (x12.Parse, tolerant path).
func BenchmarkCodecParse(b *testing.B) {
	_, _, edi := codecData(b)
	b.Logf("%d bytes of X12, %d sets", len(edi), codecInvoices)
	timed(b, len(edi), codecPasses, func() {
		if _, err := x12.Parse(edi); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkRawSplit is Parse's baseline: splitting the same bytes on the
// segment and element separators, with no envelope, layout or composite
// handling.
func BenchmarkRawSplit(b *testing.B) {
	_, _, edi := codecData(b)
	text := string(edi)
	timed(b, len(edi), codecPasses, func() {
		n := 0
		for _, seg := range strings.Split(text, "~") {
			n += len(strings.Split(seg, "*"))
		}
		if n == 0 {
			b.Fatal("nothing split")
		}
	})
}

// BenchmarkCodecRender writes the sets as one interchange (x12.Render:
// fixed-width ISA, counts, delimiter checks); MB/s of X12 written.
func BenchmarkCodecRender(b *testing.B) {
	_, sets, edi := codecData(b)
	timed(b, len(edi), codecPasses, func() {
		if _, err := x12.Render(codecEnvelope(), sets...); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkCodecGuideJSON renders each Guide JSON document to X12 on its
// own (x12.RenderGuideJSON), as preview and the preflight do; MB/s of
// Guide JSON read. One pass: the JSON is about five times the size of its X12.
func BenchmarkCodecGuideJSON(b *testing.B) {
	guides, _, _ := codecData(b)
	size := 0
	for _, g := range guides {
		size += len(g)
	}
	b.Logf("%d bytes of Guide JSON", size)
	timed(b, size, 1, func() {
		for _, g := range guides {
			if _, err := x12.RenderGuideJSON(g, codecEnvelope()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
