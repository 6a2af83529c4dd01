package x12

import (
	"strings"
	"testing"
)

// invoice810 is a small 810 in Guide JSON; tds and ctt are spliced in.
func invoice810(tds, ctt string) string {
	return `{"heading": {
	    "transaction_set_header_ST": {"transaction_set_identifier_code_01": "810", "transaction_set_control_number_02": 1},
	    "beginning_segment_for_invoice_BIG": {"date_01": "2026-11-20", "invoice_number_02": "PI1"}},
	  "detail": {"baseline_item_data_invoice_IT1_loop": [
	    {"baseline_item_data_invoice_IT1": {"assigned_identification_01": "1000", "quantity_invoiced_02": 2500, "unit_or_basis_for_measurement_code_03": "EA", "unit_price_04": 0.3686}},
	    {"baseline_item_data_invoice_IT1": {"assigned_identification_01": "2000", "quantity_invoiced_02": 3, "unit_or_basis_for_measurement_code_03": "BX", "unit_price_04": 42.15}}]},
	  "summary": {` + tds + `
	    "tax_information_TXI": [{"tax_type_code_01": "TX", "monetary_amount_02": 10.05}],
	    "transaction_totals_CTT": {"number_of_line_items_01": ` + ctt + `}}}`
}

func TestCheckGuideJSON(t *testing.T) {
	// 2500 × 0.3686 = 921.50; 3 × 42.15 = 126.45; + 10.05 tax = 1058.00
	good := `"total_monetary_value_summary_TDS": {"amount_01": 1058},`
	if got := CheckGuideJSON([]byte(invoice810(good, "2")), ""); got != nil {
		t.Errorf("clean 810: %v", got)
	}
	cases := map[string]struct{ raw, want string }{
		"total":      {invoice810(`"total_monetary_value_summary_TDS": {"amount_01": 1048},`, "2"), `TDS01 "104800", but the lines, taxes and charges add up to 1058.00`},
		"no TDS":     {invoice810("", "2"), "REQUIRED"},
		"line count": {invoice810(good, "3"), "CTT01"},
		"not json":   {`{"heading": `, "guide json"},
	}
	for name, c := range cases {
		got := strings.Join(CheckGuideJSON([]byte(c.raw), ""), "; ")
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: %q does not mention %q", name, got, c.want)
		}
	}
}

func TestCheckTotals850(t *testing.T) {
	body := segs("BEG*00*SA*1**20240101", "PO1*1*3*EA*1.25", "PO1*2*2*EA*10", "CTT*2", "AMT*TT*23.75")
	if got := CheckTotals(Transaction{SetID: "850", Body: body}); got != nil {
		t.Errorf("clean 850: %v", got)
	}
	body[4] = Segment{ID: "AMT", Elements: []string{"TT", "24"}}
	if got := CheckTotals(Transaction{SetID: "850", Body: body}); len(got) != 1 || !strings.Contains(got[0], "23.75") {
		t.Errorf("wrong AMT*TT: %v", got)
	}
}

func TestRenderGuideJSONPlaceholder(t *testing.T) {
	out, err := RenderGuideJSON([]byte(invoice810(`"total_monetary_value_summary_TDS": {"amount_01": 1058},`, "2")), PlaceholderEnvelope(checkDate))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"*ZZ*PLACEHOLDER    *", "GS*IN*", "ST*810*0001~BIG*20261120*PI1~", "IT1*1000*2500*EA*0.3686~", "TDS*105800~TXI*TX*10.05~CTT*2~SE*8*0001~"} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered 810 lacks %q:\n%s", want, out)
		}
	}
}
