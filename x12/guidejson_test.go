package x12

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestFromGuideJSONGolden850(t *testing.T) {
	raw := guidePayload(t, readSample(t, "850_5010_stedi-bootstrap_guide-json.json"))
	want := naiveBody(t, readSample(t, "850_5010_stedi-bootstrap.edi"))

	setID, body, err := FromGuideJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	if setID != "850" {
		t.Errorf("setID = %q, want 850", setID)
	}
	if got, w := segmentsText(body), segmentsText(want); got != w {
		t.Errorf("body differs from the X12 twin\ngot:\n%s\nwant:\n%s", got, w)
	}
}

func TestFromGuideJSONValues(t *testing.T) {
	raw := `{
	  "heading": {
	    "transaction_set_header_ST": {"transaction_set_identifier_code_01": "810", "transaction_set_control_number_02": 7},
	    "beginning_segment_for_invoice_BIG": {"date_01": "2024-01-15", "invoice_number_02": "INV-1", "date_03": null, "purchase_order_number_04": "PO9"},
	    "zebra_segment_BSN": {"time_04": "14:30", "time_05": "14:30:59", "date_03": "2024-1-5"},
	    "reference_information_REF_customer_order": [
	      {"reference_identification_qualifier_01": "CO", "reference_identification_02": "A"},
	      {"reference_identification_qualifier_01": "ZZ", "reference_identification_02": "B", "description_03": ""}
	    ],
	    "party_identification_N1_loop_ship_to": {
	      "party_identification_N1": {"entity_identifier_code_01": "ST"},
	      "geographic_location_N4": {"city_name_01": "X"}
	    }
	  },
	  "detail": {
	    "baseline_item_data_invoice_IT1_loop": [
	      {
	        "baseline_item_data_invoice_IT1": {"quantity_invoiced_02": 3, "unit_price_04": 12.50, "a_05": 1e2, "b_06": 0.0010, "c_07": -3.10, "d_08": "0008"},
	        "health_care_claim_HI": {"code_01": {"qual_01": "ABK", "code_02": "J020"}, "code_02": [{"qual_01": "ABF", "code_02": "Z11"}, {"qual_01": "ABF"}]},
	        "repeat_REP": {"values_01": ["A", "B", 4]}
	      }
	    ]
	  },
	  "summary": {
	    "total_monetary_value_summary_TDS": {"amount_01": 37.5},
	    "transaction_set_trailer_SE": {"number_of_included_segments_01": 99, "transaction_set_control_number_02": "0001"}
	  }
	}`
	setID, body, err := FromGuideJSON([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if setID != "810" {
		t.Errorf("setID = %q", setID)
	}
	want := "BIG*20240115*INV-1**PO9\n" +
		"BSN***2024-1-5*1430*143059\n" +
		"REF*CO*A\n" +
		"REF*ZZ*B\n" +
		"N1*ST\n" +
		"N4*X\n" +
		"IT1**3**12.5*100*0.001*-3.1*0008\n" +
		"HI*ABK>J020*ABF>Z11^ABF\n" +
		"REP*A^B^4\n" +
		"TDS*3750\n"
	if got := segmentsText(body); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if c := body[7].Component(1, 2); c != "J020" {
		t.Errorf("HI01-2 = %q", c)
	}
	if r := body[8].Repetitions(1); len(r) != 3 || r[2] != "4" {
		t.Errorf("REP01 repetitions = %q", r)
	}
}

func TestFromGuideJSONErrors(t *testing.T) {
	st := `"transaction_set_header_ST": {"transaction_set_identifier_code_01": "850"}`
	cases := map[string]string{
		"malformed":        `{"heading": {` + st + `,}}`,
		"truncated":        `{"heading": {` + st,
		"not an object":    `[1]`,
		"unknown section":  `{"header": {}}`,
		"no segment ID":    `{"heading": {` + st + `, "beginning_segment": {"a_01": "x"}}}`,
		"bad element key":  `{"heading": {` + st + `, "x_BEG": {"purpose": "00"}}}`,
		"boolean":          `{"heading": {` + st + `, "x_BEG": {"a_01": true}}}`,
		"duplicate pos":    `{"heading": {` + st + `, "x_BEG": {"a_01": "1", "b_01": "2"}}}`,
		"scalar segment":   `{"heading": {` + st + `, "x_BEG": "00"}}`,
		"scalar loop item": `{"detail": {"x_PO1_loop": [1]}, "heading": {` + st + `}}`,
		"nested array":     `{"heading": {` + st + `, "x_BEG": {"a_01": [["x"]]}}}`,
		"missing ST":       `{"heading": {"x_BEG": {"a_01": "00"}}}`,
		"trailing data":    `{"heading": {` + st + `}} {}`,
		"huge exponent":    `{"heading": {` + st + `, "x_BEG": {"a_01": 1e999}}}`,
		"control char":     `{"heading": {` + st + `, "x_BEG": {"a_01": "a\u001fb"}}}`,
		"empty segment":    `{"heading": {` + st + `, "x_BEG": {"a_01": null}}}`,
	}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := FromGuideJSON([]byte(raw))
			if !errors.Is(err, ErrGuideJSON) {
				t.Fatalf("err = %v, want ErrGuideJSON", err)
			}
			if !strings.HasPrefix(err.Error(), "x12: guide json: ") {
				t.Errorf("unclear message %q", err)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	for in, want := range map[string]string{
		"400": "400", "12.50": "12.5", "12.00": "12", "0": "0", "-0.0": "0",
		"0.5": "0.5", "1e2": "100", "1.5E-2": "0.015", "120e-1": "12",
		"007": "7", "-3.10": "-3.1", "123456789012345678": "123456789012345678",
		"2554.38": "2554.38", "1E+3": "1000",
	} {
		got, err := formatNumber(in)
		if err != nil || got != want {
			t.Errorf("formatNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"1e41", "x", "", "1.2.3"} {
		if _, err := formatNumber(bad); err == nil {
			t.Errorf("formatNumber(%q) accepted", bad)
		}
	}
}

// The short cut for numbers already in minimal form takes exactly those:
// every combination of sign, leading and trailing zeros, point and
// fraction gives what the full conversion gives.
func TestMinimalNumberIsNormalNumber(t *testing.T) {
	taken := 0
	for _, sign := range []string{"", "-", "+"} {
		for _, ip := range []string{"", "0", "00", "7", "07", "70", "120", "0x"} {
			for _, fp := range []string{"", ".", ".0", ".5", ".50", ".05", ".500", ".5e1"} {
				in := sign + ip + fp
				want, wantErr := normalNumber(in)
				got, err := formatNumber(in)
				if got != want || (err == nil) != (wantErr == nil) {
					t.Errorf("formatNumber(%q) = %q, %v; normalNumber %q, %v", in, got, err, want, wantErr)
				}
				if minimalNumber(in) {
					taken++
				}
			}
		}
	}
	if taken < 10 {
		t.Errorf("the short cut took only %d numbers", taken)
	}
	for _, in := range []string{"0", "5", "-5", "50", "255438", "-14400", "007", "100", "x", "", "1.5"} {
		for _, places := range []int{0, 2, 4} {
			want, err := formatNumber(in + "e-" + strconv.Itoa(places))
			got, ok := ImpliedDecimal(in, places)
			if ok != (err == nil && allDigits(strings.TrimPrefix(in, "-"))) || ok && string(got) != want {
				t.Errorf("ImpliedDecimal(%q, %d) = %q, %v; formatNumber %q, %v", in, places, got, ok, want, err)
			}
		}
	}
}
