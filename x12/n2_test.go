package x12

import (
	"strings"
	"testing"
)

func TestN2Text(t *testing.T) {
	for in, want := range map[string]string{
		"37.5": "3750", "2554.38": "255438", "160": "16000", "0": "0", "0.05": "5",
		"-1.2": "-120", "1e2": "10000", "0012.30": "1230",
	} {
		if got, err := n2Text(in); err != nil || got != want {
			t.Errorf("n2Text(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"12.345", "abc", "1.2.3"} {
		if got, err := n2Text(bad); err == nil {
			t.Errorf("n2Text(%q) = %q, want an error", bad, got)
		}
	}
}

// Guide JSON carries TDS as a real amount; the X12 has implied decimals
// (the staedi sample: 207 × 12.34 = 2,554.38 → TDS*255438).
func TestFromGuideJSONScalesN2(t *testing.T) {
	raw := `{"heading": {"transaction_set_header_ST": {"transaction_set_identifier_code_01": "810"}},
	  "summary": {"total_monetary_value_summary_TDS": {"amount_01": 2554.38, "amount_02": "10"},
	    "service_promotion_allowance_or_charge_information_SAC_loop": [
	      {"service_promotion_allowance_or_charge_information_SAC": {"allowance_or_charge_indicator_01": "C", "amount_05": 12.5}}]}}`
	_, body, err := FromGuideJSON([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got := segmentsText(body); got != "TDS*255438*1000\nSAC*C****1250\n" {
		t.Errorf("got %q", got)
	}
	_, _, err = FromGuideJSON([]byte(`{"heading": {"transaction_set_header_ST": {"transaction_set_identifier_code_01": "810"}},
	  "summary": {"total_monetary_value_summary_TDS": {"amount_01": 1.005}}}`))
	if err == nil || !strings.Contains(err.Error(), "TDS01") {
		t.Errorf("three decimals in TDS01: err = %v", err)
	}
}
