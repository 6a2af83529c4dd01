package core_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

func TestPreflight850_NamesTheX3Field(t *testing.T) {
	po := samplePO() // line 2000 has no ITMREFBPS
	if got := core.Preflight850(po, core.Partner{}); got != nil {
		t.Errorf("a partner that does not need supplier parts: %v", got)
	}
	po.Lines[0].NetPrice = 0
	got := strings.Join(core.Preflight850(po, core.Partner{RequireSupplierPart: true}), "; ")
	for _, want := range []string{
		"PO PO2611-0042 line 2000: item has no supplier part number (ITMREFBPS)",
		"PO PO2611-0042 line 1000: no net price (NETPRI)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%q does not mention %q", got, want)
		}
	}
	if strings.Contains(got, "line 1000: item has no supplier part") {
		t.Errorf("line 1000 has a supplier part number: %q", got)
	}
}

func TestPreflight810(t *testing.T) {
	if got := core.Preflight810(sampleInvoice(), core.Partner{}); got != nil {
		t.Fatalf("clean invoice: %v", got)
	}
	inv := sampleInvoice()
	inv.Lines[0].Quantity = 0
	inv.Lines[1].Amount = 125.5
	inv.AmountIncTax = 300
	got := strings.Join(core.Preflight810(inv, core.Partner{RequireSupplierPart: true}), "; ")
	for _, want := range []string{
		"invoice PIDC0100017 line 1: invoiced quantity must be above zero (QTYUOM)",
		"invoice PIDC0100017 line 2: item has no supplier part number (ITMREFBPS of PO PO2611-0042 line 2000)",
		"invoice PIDC0100017 line 2: line amount 125.50 (AMTNOTLIN) is not quantity × net price = 125.45",
		"invoice PIDC0100017: the lines add up to 125.45 but the amount excluding tax is 346.25 (AMTNOT)",
		"invoice PIDC0100017: the amount including tax 300.00 (AMTATI) is below",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%q\ndoes not mention %q", got, want)
		}
	}
}
