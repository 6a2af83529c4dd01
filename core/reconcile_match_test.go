package core_test

import (
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

func TestSameTransaction_IgnoresControlNumbersOnly(t *testing.T) {
	sent := `{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"850","transaction_set_control_number_02":1},
	  "beginning_segment_for_purchase_order_BEG":{"transaction_set_purpose_code_01":"00","purchase_order_number_03":"P1"}},
	  "detail":{"baseline_item_data_PO1_loop":[{"baseline_item_data_PO1":{"quantity_02":10,"unit_price_04":2.5}}]}}`
	cases := []struct {
		name, held string
		same       bool
	}{
		{"Stedi's own control number and trailer", `{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"850","transaction_set_control_number_02":"0042"},
		  "beginning_segment_for_purchase_order_BEG":{"purchase_order_number_03":"P1","transaction_set_purpose_code_01":"00"}},
		  "detail":{"baseline_item_data_PO1_loop":[{"baseline_item_data_PO1":{"quantity_02":10.0,"unit_price_04":2.50}}]},
		  "summary":{"transaction_set_trailer_SE":{"number_of_included_segments_01":5}}}`, true},
		{"another quantity (another revision)", `{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"850"},
		  "beginning_segment_for_purchase_order_BEG":{"transaction_set_purpose_code_01":"00","purchase_order_number_03":"P1"}},
		  "detail":{"baseline_item_data_PO1_loop":[{"baseline_item_data_PO1":{"quantity_02":11,"unit_price_04":2.5}}]}}`, false},
		{"another purpose", `{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"850"},
		  "beginning_segment_for_purchase_order_BEG":{"transaction_set_purpose_code_01":"05","purchase_order_number_03":"P1"}},
		  "detail":{"baseline_item_data_PO1_loop":[{"baseline_item_data_PO1":{"quantity_02":10,"unit_price_04":2.5}}]}}`, false},
	}
	for _, c := range cases {
		same, err := core.SameTransaction([]byte(sent), []byte(c.held))
		if err != nil || same != c.same {
			t.Errorf("%s: same %v, err %v; want %v", c.name, same, err, c.same)
		}
	}
	if _, err := core.SameTransaction([]byte(sent), []byte(`<html>`)); err == nil {
		t.Error("a body that is not JSON compared without error")
	}
}
