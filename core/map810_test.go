package core_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// sampleInvoice is a self-billing invoice for two lines of one PO, with
// the facts the poller takes from that PO already filled in.
func sampleInvoice() *core.SupplierInvoice {
	return &core.SupplierInvoice{
		Number: "PIDC0100017", Type: core.InvoiceTypeInvoice, Supplier: "SUP-ACME", SupplierDoc: "PS-48812",
		SupplierDocDate: "2026-11-24", AccountingDate: "2026-11-25", Currency: "USD",
		AmountExTax: 346.25, AmountIncTax: 374.81, PaymentTerms: "NET30", Site: "DC01", Company: "ELC",
		Status: core.InvoiceStatusValidated, PODate: "2026-11-20", POReceivingSite: "DC01",
		Lines: []core.InvoiceLine{
			{Line: 1, Item: "RES-10K-0603", Description: "Resistor 10k 0603 1% (reel of 5000)", Unit: "EA",
				Quantity: 12, NetPrice: 18.4, Amount: 220.8, PONumber: "PO2611-0042", POLine: 1000, POSeq: 1, SupplierItem: "AC-R10K-0603"},
			{Line: 2, Item: "CAP-100N-0402", Description: "Capacitor 100nF 0402", Unit: "BX",
				Quantity: 3, NetPrice: 41.8167, Amount: 125.45, PONumber: "PO2611-0042", POLine: 2000, POSeq: 1},
		},
	}
}

// sampleCreditMemo credits two units of the first line back (a return).
func sampleCreditMemo() *core.SupplierInvoice {
	inv := sampleInvoice()
	inv.Number, inv.Type, inv.SupplierDoc, inv.PaymentTerms = "PIDC0100018", core.InvoiceTypeCreditRet, "RMA-2231", "2% 10 NET 30"
	inv.Lines = inv.Lines[:1]
	inv.Lines[0].Quantity, inv.Lines[0].Amount = 2, 36.8
	inv.AmountExTax, inv.AmountIncTax = 36.8, 36.8
	return inv
}

func TestMap810_Golden(t *testing.T) {
	partner := core.Partner{Supplier: "SUP-ACME", PartnershipID: "northwind_acme", SupplierIDQualifier: "91", SupplierIDOverride: "ACME-01"}
	for _, tc := range []struct {
		name    string
		inv     *core.SupplierInvoice
		purpose string
	}{
		{"invoice", sampleInvoice(), core.PurposeOriginal},
		{"creditmemo", sampleCreditMemo(), core.PurposeReplace},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := core.Map810(tc.inv, partner, sampleMapConfig(), tc.purpose)
			if err != nil {
				t.Fatal(err)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, got, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			compareGolden(t, "map810_"+tc.name+".golden.json", pretty.Bytes())

			// The same document as X12, rendered by the project's codec with
			// a placeholder envelope, must pass the strict validator.
			if problems := x12.CheckGuideJSON(got, ""); problems != nil {
				t.Errorf("X12 check: %v", problems)
			}
			edi, err := x12.RenderGuideJSON(got, x12.PlaceholderEnvelope(time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)))
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, "map810_"+tc.name+".golden.edi", []byte(strings.ReplaceAll(edi, "~", "~\n")))
		})
	}
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./core -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s:\n%s", golden, got)
	}
}

// The memo type and the purpose are where the partner looks for them.
func TestMap810_MemoTypeAndPurpose(t *testing.T) {
	for _, tc := range []struct {
		pihtyp  int
		purpose string
		want    string
	}{
		{core.InvoiceTypeInvoice, "00", "BIG*20261124*PIDC0100017*20261120*PO2611-0042****00~"},
		{core.InvoiceTypeAdditional, "00", "BIG*20261124*PIDC0100017*20261120*PO2611-0042***DR*00~"},
		{core.InvoiceTypeCreditMemo, "05", "BIG*20261124*PIDC0100017*20261120*PO2611-0042***CR*05~"},
		{core.InvoiceTypeCreditRet, "00", "BIG*20261124*PIDC0100017*20261120*PO2611-0042***CR*00~"},
	} {
		inv := sampleInvoice()
		inv.Type = tc.pihtyp
		got, err := core.Map810(inv, core.Partner{}, sampleMapConfig(), tc.purpose)
		if err != nil {
			t.Fatal(err)
		}
		edi, _ := x12.RenderGuideJSON(got, x12.PlaceholderEnvelope(time.Now()))
		if !strings.Contains(edi, tc.want) {
			t.Errorf("PIHTYP %d purpose %s: no %q in\n%s", tc.pihtyp, tc.purpose, tc.want, edi)
		}
	}
}

func TestMap810_HashTracksContentOnly(t *testing.T) {
	mc := sampleMapConfig()
	base, _ := core.Map810(sampleInvoice(), core.Partner{}, mc, core.PurposeOriginal)
	touched := sampleInvoice()
	touched.Updated, touched.Status = time.Now(), 2 // stamp and status do not reach the 810
	same, _ := core.Map810(touched, core.Partner{}, mc, core.PurposeOriginal)
	if core.ContentHash(base) != core.ContentHash(same) {
		t.Error("a stamp or status change altered the content hash")
	}
	changed := sampleInvoice()
	changed.Lines[0].NetPrice = 18.35
	other, _ := core.Map810(changed, core.Partner{}, mc, core.PurposeOriginal)
	if core.ContentHash(base) == core.ContentHash(other) {
		t.Error("a price change did not alter the content hash")
	}
}

func TestMap810_ProblemsNameTheX3Field(t *testing.T) {
	inv := sampleInvoice()
	inv.SupplierDocDate, inv.AccountingDate, inv.Type = "", "", 7
	inv.Lines[1].Unit, inv.Lines[1].Item = "GROSS", ""
	_, err := core.Map810(inv, core.Partner{}, sampleMapConfig(), core.PurposeOriginal)
	var me *core.MappingError
	if err == nil || !asMappingError(err, &me) {
		t.Fatalf("want a MappingError, got %v", err)
	}
	for _, want := range []string{
		"invoice PIDC0100017: no document date (BPRDAT) and no accounting date (ACCDAT)",
		"invoice PIDC0100017: invoice type 7 (PIHTYP)",
		`invoice PIDC0100017 line 2: unit "GROSS" (UOM)`,
		"invoice PIDC0100017 line 2: no item (ITMREF)",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}
