package x3sim_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const invoiceQuery = "/api1/x3/erp/SEED/PINVOICE?representation=PINVOICE.$query"

func TestSeedSupplierInvoices_FromPOsWithCreditMemos(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	pos := f.sim.SeedPurchaseOrders(6)
	nums := f.sim.SeedSupplierInvoices(8)
	if len(nums) != 8 {
		t.Fatalf("seeded %d documents, want 8", len(nums))
	}
	invoiced := map[string]bool{}
	for i, num := range nums {
		inv, ok := f.sim.SupplierInvoice(num)
		if !ok {
			t.Fatalf("invoice %s not stored", num)
		}
		po, _ := f.sim.PurchaseOrder(inv.Lines[0].PO)
		switch {
		case i%4 == 3:
			if inv.Type != x3sim.InvoiceTypeCreditRet || len(inv.Lines) != 1 || inv.Lines[0].Quantity > po.Lines[0].Quantity {
				t.Errorf("document %d (%s) is not a credit memo for part of a PO line: %+v", i, num, inv)
			}
		default:
			invoiced[po.Number] = true
			if inv.Type != x3sim.InvoiceTypeInvoice || len(inv.Lines) != len(po.Lines) || inv.Supplier != po.Supplier {
				t.Errorf("document %d (%s) does not invoice PO %s as ordered: %+v", i, num, po.Number, inv)
			}
		}
		if inv.AmountExTax <= 0 || inv.AmountIncTax != inv.AmountExTax || inv.Status != x3sim.InvoiceValidated {
			t.Errorf("invoice %s amounts or status: %v %v %d", num, inv.AmountExTax, inv.AmountIncTax, inv.Status)
		}
	}
	if len(invoiced) != 6 || !slices.Equal(f.sim.SupplierInvoiceNumbers(), sorted(nums)) {
		t.Errorf("invoiced POs %v of %v; numbers %v", invoiced, pos, f.sim.SupplierInvoiceNumbers())
	}
	if more := f.sim.SeedSupplierInvoices(3); len(more) != 0 {
		t.Errorf("every PO is invoiced, yet %v were seeded", more)
	}
}

func sorted(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func TestInvoiceQueryPagesAndFiltersOnStamp(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.SeedPurchaseOrders(5)
	nums := f.sim.SeedSupplierInvoices(5)
	keys, pages := f.collect(t, invoiceQuery+"&count=2")
	if !slices.Equal(keys, sorted(nums)) || pages != 3 {
		t.Errorf("paged %v in %d pages, want %v in 3", keys, pages, sorted(nums))
	}

	t1 := f.clock.Advance(time.Minute)
	f.sim.TouchInvoice(nums[1])
	f.sim.UpdateSupplierInvoice(nums[2], func(inv *x3sim.Invoice) { inv.Lines[0].Quantity++ })
	keys, _ = f.collect(t, invoiceQuery+"&where=UPDDATTIM%20ge%20@"+t1.Format(time.RFC3339)+"@")
	if !slices.Equal(keys, sorted(nums[1:3])) {
		t.Errorf("changed since %s: %v, want %v", t1, keys, nums[1:3])
	}
}

func TestInvoiceDetailsEmbedLines(t *testing.T) {
	f := newFixture(t, x3sim.Config{})
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", ReceivingSite: "DC01"})
	f.sim.AddSupplierInvoice(x3sim.Invoice{Number: "PIX1", Type: x3sim.InvoiceTypeCreditMemo, Supplier: "AURORA",
		TaxRate: 0.1, Lines: []x3sim.InvoiceLine{
			{Item: "MCU-32F411", Unit: "EA", Quantity: 3, NetPrice: 6.85, PO: "PO1", POLine: 1000, POSeq: 1},
			{Item: "IC-LDO-33", Unit: "EA", Quantity: 100, NetPrice: 0.3686, PO: "PO1", POLine: 2000, POSeq: 1},
		}})
	r := f.get(t, "/api1/x3/erp/SEED/PINVOICE('PIX1')?representation=PINVOICE.$details")
	if r.status != http.StatusOK {
		t.Fatalf("details: %d %s", r.status, r.body)
	}
	d := r.json(t)
	lines, _ := d["PIHPID"].([]any)
	if d["NUM"] != "PIX1" || d["PIHTYP"] != 3.0 || d["STA"] != 3.0 || len(lines) != 2 {
		t.Fatalf("details %s", r.body)
	}
	// 3 × 6.85 = 20.55; 100 × 0.3686 = 36.86; plus 10 % tax.
	if d["AMTNOT"] != 57.41 || d["AMTATI"] != 63.15 {
		t.Errorf("AMTNOT %v AMTATI %v, want 57.41 and 63.15", d["AMTNOT"], d["AMTATI"])
	}
	l2 := lines[1].(map[string]any)
	if l2["PIDLIN"] != 2.0 || l2["AMTNOTLIN"] != 36.86 || l2["POHNUM"] != "PO1" || l2["POPLIN"] != 2000.0 || l2["$uuid"] == "" {
		t.Errorf("line 2: %v", l2)
	}
	if r := f.get(t, "/api1/x3/erp/SEED/PINVOICE('NOPE')?representation=PINVOICE.$details"); r.status != http.StatusNotFound {
		t.Errorf("unknown invoice: %d", r.status)
	}
	if r := f.put(t, "/api1/x3/erp/SEED/PINVOICE('PIX1')?representation=PINVOICE.$edit", `{"STA":1}`); r.status != http.StatusMethodNotAllowed {
		t.Errorf("PINVOICE is read-only in the simulator, PUT answered %d", r.status)
	}
}
