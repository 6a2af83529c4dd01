package stedisim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// po850v4010 is an 850 in the key names of the shipped 004010 partner
// guide: name_N1_loop, the ship-to in its own variant loop, the REF*IA in
// its variant key (an object), quantity_ordered_02, monetary_amount_AMT.
const po850v4010 = `{"heading":{
 "transaction_set_header_ST":{"transaction_set_identifier_code_01":"850","transaction_set_control_number_02":1},
 "beginning_segment_for_purchase_order_BEG":{"transaction_set_purpose_code_01":"00","purchase_order_type_code_02":"SA","purchase_order_number_03":"PO-4010","date_05":"2026-03-01"},
 "reference_identification_REF_internal_vendor_number":{"reference_identification_qualifier_01":"IA","reference_identification_02":"ELC"},
 "name_N1_loop":[{"name_N1":{"entity_identifier_code_01":"BY","name_02":"Northwind"}}],
 "name_N1_loop_ship_to":[{"name_N1":{"entity_identifier_code_01":"ST","name_02":"DC 1","identification_code_qualifier_03":"92","identification_code_04":"DC01"},
   "address_information_N3":[{"address_information_01":"1 Dock Rd"}]}]},
 "detail":{"baseline_item_data_PO1_loop":[{"baseline_item_data_PO1":{"assigned_identification_01":"1000","quantity_ordered_02":4,
   "unit_or_basis_for_measurement_code_03":"EA","unit_price_04":2.5,"basis_of_unit_price_code_05":"PE",
   "product_service_id_qualifier_06":"BP","product_service_id_07":"ITM-1","product_service_id_qualifier_08":"VP","product_service_id_09":"SUP-1"}}]},
 "summary":{"transaction_totals_CTT_loop":[{"transaction_totals_CTT":{"number_of_line_items_01":1},
   "monetary_amount_AMT":{"amount_qualifier_code_01":"TT","monetary_amount_02":10}}]}}`

func with4010(c *Config) {
	c.Partnerships = map[string]Partnership{testPID: DemoPartnership4010("MLCONNECTOR", "ACMESUPPLY")}
}

func TestGenerateValidatesAgainstTheSettingsGuide(t *testing.T) {
	f := setup(t, with4010)
	// A 005010-keyed body does not fit the 004010 guide: 400, Stedi's shape.
	r := f.do(req{body: groupBody(DemoSetting850v4010, SamplePO850("PO-5010", 1))})
	msg, code := errorBody(t, r)
	if r.status != http.StatusBadRequest || code != codeBadRequest ||
		!strings.Contains(msg, "does not fit the guide") || !strings.Contains(msg, "party_identification_N1_loop") {
		t.Fatalf("5010 body to a 4010 guide: %d %s %q", r.status, code, msg)
	}
	// The 004010 body fits, and goes out in 004010 envelopes.
	g := decodeOK(t, f.do(req{body: groupBody(DemoSetting850v4010, json.RawMessage(po850v4010))}))
	if !strings.Contains(g.EDI, "*00401*") || !strings.Contains(g.EDI, "*X*004010~") || !strings.Contains(g.EDI, "PO1*1000*4*EA*2.5*PE*BP*ITM-1*VP*SUP-1~") {
		t.Errorf("EDI = %s", g.EDI)
	}
	// The guide's rules hold: the vendor part number is required.
	noVendorPart := strings.Replace(po850v4010, `,"product_service_id_qualifier_08":"VP","product_service_id_09":"SUP-1"`, "", 1)
	msg, _ = errorBody(t, f.do(req{body: groupBody(DemoSetting850v4010, json.RawMessage(noVendorPart))}))
	if !strings.Contains(msg, "product_service_id_09") {
		t.Errorf("missing PO109: %q", msg)
	}
	if n := len(f.sim.Accepted()); n != 1 {
		t.Errorf("%d accepted, want only the one that fits", n)
	}
}

func TestPartnersAnswerTestDocumentsInTestMode(t *testing.T) {
	f := setup(t, with4010)
	b := `{"overrides":{"interchangeUsageIndicator":"T"},"transactionGroups":[{"transactionSettingId":"` + DemoSetting850v4010 +
		`","transactions":[` + po850v4010 + `]}]}`
	g := decodeOK(t, f.do(req{body: b}))
	if usageOf(g.EDI) != 'T' {
		t.Fatalf("ISA15 of the 850: %c", usageOf(g.EDI))
	}
	ids := f.due()
	if len(ids) != 2 {
		t.Fatalf("%d answers, want the 855 and the 856", len(ids))
	}
	for _, id := range ids {
		tx, guide := f.stored(id)
		if tx.rec.Mode != "test" || usageOf(tx.input.data) != 'T' {
			t.Errorf("%s: mode %q, ISA15 %c; want a test document", tx.rec.X12.Metadata.Transaction.TransactionSetIdentifier, tx.rec.Mode, usageOf(tx.input.data))
		}
		// A 004010 inbound setting: Stedi's Guide JSON has 004010 names.
		raw, _ := json.Marshal(guide)
		if strings.Contains(string(raw), "party_identification_N1") || !strings.Contains(string(raw), "name_N1") {
			t.Errorf("%s Guide JSON keys are not 004010's: %s", tx.rec.X12.Metadata.Transaction.TransactionSetIdentifier, raw)
		}
	}
}
