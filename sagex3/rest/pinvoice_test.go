package rest_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

func TestSupplierInvoiceReadsHeaderAndLines(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Sim.AddSupplierInvoice(x3sim.Invoice{
		Number: "PIDC0100007", Type: x3sim.InvoiceTypeCreditRet, Supplier: "AURORA", SupplierDoc: "RMA-55120",
		SupplierDocDate: "2026-11-24", AccountingDate: "2026-11-25", Currency: "USD", TaxRate: 0.05,
		PaymentTerms: "NET30", Site: "DC01", Company: "ELC",
		Lines: []x3sim.InvoiceLine{{Item: "IC-LDO-33", Description: "LDO 3.3V", Unit: "EA", Quantity: 100,
			NetPrice: 0.3724, PO: "PODC0100042", POLine: 2000, POSeq: 1}},
	})
	inv, err := f.REST(t).SupplierInvoice(context.Background(), "PIDC0100007")
	if err != nil {
		t.Fatal(err)
	}
	want := core.InvoiceLine{Line: 1, Item: "IC-LDO-33", Description: "LDO 3.3V", Unit: "EA", Quantity: 100,
		NetPrice: 0.3724, Amount: 37.24, PONumber: "PODC0100042", POLine: 2000, POSeq: 1}
	if inv.Number != "PIDC0100007" || inv.Type != core.InvoiceTypeCreditRet || !inv.IsCreditMemo() ||
		inv.Supplier != "AURORA" || inv.SupplierDoc != "RMA-55120" || inv.SupplierDocDate != "2026-11-24" ||
		inv.AccountingDate != "2026-11-25" || inv.AmountExTax != 37.24 || inv.AmountIncTax != 39.1 ||
		inv.PaymentTerms != "NET30" || inv.Site != "DC01" || inv.Status != core.InvoiceStatusValidated || !inv.Updated.Equal(x3test.T0) {
		t.Errorf("header %+v", *inv)
	}
	if len(inv.Lines) != 1 || inv.Lines[0] != want {
		t.Errorf("lines %+v, want %+v", inv.Lines, want)
	}
	if inv.PurchaseOrderNumber() != "PODC0100042" || !strings.Contains(string(inv.Raw), `"PIHPID":[`) {
		t.Errorf("PO %q, raw %d bytes", inv.PurchaseOrderNumber(), len(inv.Raw))
	}

	_, err = f.REST(t).SupplierInvoice(context.Background(), "PI-NONE")
	if ce := x3test.Classified(t, err, core.Permanent); ce.Status != 404 || !errors.Is(err, core.ErrNotFound) {
		t.Errorf("unknown invoice: %v", err)
	}
}

func TestChangedSupplierInvoicesPagesAndFilters(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(12)
	nums := f.Sim.SeedSupplierInvoices(12) // page size 5: three pages
	c := f.REST(t)
	var all []string
	if err := c.ChangedSupplierInvoices(context.Background(), time.Time{}, func(rs core.RecordStamp) error {
		all = append(all, rs.Key)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(nums)
	if !slices.Equal(all, nums) {
		t.Errorf("listed %v, want %v", all, nums)
	}

	t1 := f.Clock.Advance(time.Hour)
	f.Sim.TouchInvoice(nums[4])
	var changed []core.RecordStamp
	if err := c.ChangedSupplierInvoices(context.Background(), t1, func(rs core.RecordStamp) error {
		changed = append(changed, rs)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(changed) != 1 || changed[0].Key != nums[4] || !changed[0].Updated.Equal(t1) {
		t.Errorf("changed since %s: %+v", t1, changed)
	}
}
