package stedisim

import (
	"encoding/json"
	"fmt"
	"strings"
)

// SamplePO850 returns a small 850 in Guide JSON (005010 key names) that
// passes the simulator's partner checks: purchase order po with lines PO1
// loops, a ship-to N1 loop and a matching CTT01. It is for tests,
// benchmarks and the demo. Written as text because segment order is key
// order, which a Go map would lose.
func SamplePO850(po string, lines int) json.RawMessage {
	q, _ := json.Marshal(po) // a string always encodes
	var items []string
	for i := 1; i <= lines; i++ {
		items = append(items, fmt.Sprintf(`{"baseline_item_data_PO1":{"assigned_identification_01":"%d",`+
			`"quantity_02":%d,"unit_or_basis_for_measurement_code_03":"EA","unit_price_04":12.5,`+
			`"product_service_id_qualifier_06":"VP","product_service_id_07":"ITEM-%d"}}`, i, i, i))
	}
	return json.RawMessage(`{"heading":{` +
		`"transaction_set_header_ST":{"transaction_set_identifier_code_01":"850","transaction_set_control_number_02":1},` +
		`"beginning_segment_for_purchase_order_BEG":{"transaction_set_purpose_code_01":"00",` +
		`"purchase_order_type_code_02":"SA","purchase_order_number_03":` + string(q) + `,"date_05":"2026-03-01"},` +
		`"party_identification_N1_loop":[{"party_identification_N1":{"entity_identifier_code_01":"ST",` +
		`"name_02":"Main Warehouse","identification_code_qualifier_03":"92","identification_code_04":"WH1"}}]},` +
		`"detail":{"baseline_item_data_PO1_loop":[` + strings.Join(items, ",") + `]},` +
		`"summary":{"transaction_totals_CTT_loop":[{"transaction_totals_CTT":{"number_of_line_items_01":` +
		fmt.Sprint(lines) + `}}]}}`)
}
