package core_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

const samples = "../../shared/x12-samples"

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samples, name))
	if err != nil {
		t.Skipf("sample not available: %v", err)
	}
	return b
}

// guideOf parses an X12 sample and converts its only transaction set with
// the project's codec, as Stedi would before delivering it.
func guideOf(t *testing.T, name string) []byte {
	t.Helper()
	ic, err := x12.Parse(readSample(t, name))
	if err != nil {
		t.Fatal(err)
	}
	set := ic.Groups[0].Sets[0]
	g, err := x12.ToGuideJSON(set)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func statuses(a *core.Acknowledgment) string {
	var s []string
	for _, l := range a.Lines {
		for _, ack := range l.Acks {
			s = append(s, l.LineID+":"+ack.Status)
		}
	}
	return strings.Join(s, " ")
}

func TestRead855_StediBootstrapGuideJSON(t *testing.T) {
	a, err := core.Read855(readSample(t, "855_5010_stedi-bootstrap_guide-json.json"))
	if err != nil {
		t.Fatal(err)
	}
	if a.PONumber != "365465413" || a.Purpose != "00" || a.Type != "AD" || a.PODate != "2022-08-30" || a.AckDate != "2022-08-31" {
		t.Errorf("header = %+v", a)
	}
	if got := statuses(a); got != "item-1:IA item-2:IA" {
		t.Errorf("line statuses = %q", got)
	}
	l := a.Lines[0]
	if l.Quantity != 8 || l.Unit != "EA" || l.UnitPrice != 400 || *l.Acks[0].Quantity != 8 || l.Acks[0].Unit != "EA" {
		t.Errorf("line 1 = %+v", l)
	}
	if len(l.Products) != 2 || l.Products[1] != (core.ProductID{Qualifier: "SK", ID: "ACM/8900-400"}) {
		t.Errorf("products = %+v", l.Products)
	}
	if len(a.References) != 1 || a.References[0].ID != "ACME-4567" {
		t.Errorf("references = %+v", a.References)
	}
}

func TestRead855_FromX12Samples(t *testing.T) {
	a, err := core.Read855(guideOf(t, "855_4010_bookdistributor_node-x12.edi"))
	if err != nil {
		t.Fatal(err)
	}
	if a.PONumber != "POTEST1112" || a.Type != "AD" || a.RequestRef != "60169126" || a.AckDate != "2020-10-15" || a.ControlNumber != "0005" {
		t.Errorf("header = %+v", a)
	}
	if got := statuses(a); got != "1:IA 2:IR 3:IR 4:IA" {
		t.Errorf("line statuses = %q", got)
	}
	if q := a.Lines[1].Acks[0].Quantity; q == nil || *q != 0 {
		t.Errorf("rejected line quantity = %v, want 0", q)
	}
	b, err := core.Read855(guideOf(t, "855_5010_stedi-bootstrap.edi"))
	if err != nil {
		t.Fatal(err)
	}
	if b.PONumber != "365465413" || statuses(b) != "item-1:IA item-2:IA" {
		t.Errorf("5010 855 = %+v", b)
	}
}

func TestRead855_ToleratesVariantsAndShapes(t *testing.T) {
	// 4010 key names, an ACK as a plain segment with a DTM loop elsewhere,
	// numbers as strings, dates as CCYYMMDD, one object instead of an array.
	doc := `{"payload":{"heading":{
	  "beginning_segment_for_purchase_order_acknowledgment_BAK":{"transaction_set_purpose_code_01":"00","acknowledgment_type_02":"AC","purchase_order_number_03":"PO7","date_04":"20260102","reference_identification_08":"SO-99"},
	  "reference_identification_REF_vendor":{"reference_identification_qualifier_01":"VN","reference_identification_02":"V1"}},
	 "detail":{"baseline_item_data_PO1_loop":{
	  "baseline_item_data_PO1":{"assigned_identification_01":"1000","quantity_02":"0010","unit_or_basis_for_measurement_code_03":"EA"},
	  "line_item_acknowledgment_ACK_loop":[{"line_item_acknowledgment_ACK":{"line_item_status_code_01":"IC","quantity_02":"8","unit_or_basis_for_measurement_code_03":"EA"},
	     "date_time_reference_DTM":[{"date_time_qualifier_01":"067","date_02":"2026-02-01"}]}]}}}}`
	a, err := core.Read855([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if a.PONumber != "PO7" || a.SellerOrder != "SO-99" || a.PODate != "2026-01-02" || len(a.References) != 1 {
		t.Errorf("header = %+v", a)
	}
	ack := a.Lines[0].Acks[0]
	if a.Lines[0].Quantity != 10 || ack.Status != "IC" || *ack.Quantity != 8 || ack.DateQualifier != "067" || ack.Date != "2026-02-01" {
		t.Errorf("line = %+v ack = %+v", a.Lines[0], ack)
	}
}

func TestRead855_RejectsWhatCannotBeMatched(t *testing.T) {
	for name, doc := range map[string]string{
		"not json":  `{"heading":`,
		"no BAK":    `{"heading":{},"detail":{}}`,
		"no PO":     `{"heading":{"beginning_segment_for_purchase_order_acknowledgment_BAK":{"transaction_set_purpose_code_01":"00"}},"detail":{}}`,
		"wrong set": `{"heading":{"beginning_segment_for_ship_notice_BSN":{"shipment_identification_02":"S"}},"detail":{}}`,
	} {
		if _, err := core.Read855([]byte(doc)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestRead856_FromX12Sample_SOI(t *testing.T) {
	s, err := core.Read856(guideOf(t, "856_4060_1edisource_gozer_newline-terminated.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "829716" || s.Purpose != "14" || s.Structure != "0002" || s.Date != "2011-12-06" || s.ShippedDate != "2011-12-06" {
		t.Errorf("header = %+v", s)
	}
	if s.Carrier == nil || s.Carrier.SCAC != "XXXX" || s.BillOfLading != "999999-001" || len(s.Tracking) != 1 || s.Tracking[0] != "5787970539" {
		t.Errorf("carrier %+v, BOL %q, tracking %v", s.Carrier, s.BillOfLading, s.Tracking)
	}
	if s.Lading == nil || s.Lading.PackagingCode != "PCS" || s.Lading.Quantity != 2 || s.Lading.Weight != 60.31 {
		t.Errorf("lading = %+v", s.Lading)
	}
	if len(s.Orders) != 1 || s.Orders[0].PONumber != "99999817" || s.Orders[0].PODate != "2011-12-05" {
		t.Fatalf("orders = %+v", s.Orders)
	}
	items := s.Orders[0].Items
	if len(items) != 2 || items[0].LineID != "1" || items[0].Quantity != 24 || items[0].Unit != "EA" ||
		items[1].LineID != "2" || items[1].Quantity != 6 || items[1].Products[0].ID != "99887D" {
		t.Errorf("items = %+v", items)
	}
}

// The 856 of stedi-api.md §7.3: nested HL loops without HL segments,
// shipment → order → pack → item, levels known only from their content.
const nested856 = `{"heading":{"beginning_segment_for_ship_notice_BSN":{"transaction_set_purpose_code_01":"00","shipment_identification_02":"SHP-0001","date_03":"2024-01-10","time_04":"14:30","hierarchical_structure_code_05":"0001"}},
 "detail":{"hierarchical_level_HL_loop":[{
   "carrier_details_quantity_and_weight_TD1":[{"packaging_code_01":"CTN25","lading_quantity_02":2,"weight_qualifier_06":"G","weight_07":40,"unit_or_basis_for_measurement_code_08":"LB"}],
   "carrier_details_routing_sequence_transit_time_TD5":[{"identification_code_qualifier_02":"2","identification_code_03":"UPSN","transportation_method_type_code_04":"M"}],
   "reference_information_REF":[{"reference_identification_qualifier_01":"BM","reference_identification_02":"BOL123"}],
   "date_time_reference_DTM":[{"date_time_qualifier_01":"011","date_02":"2024-01-10"},{"date_time_qualifier_01":"017","date_02":"2024-01-14"}],
   "hierarchical_level_HL_loop":[{
     "purchase_order_reference_PRF":{"purchase_order_number_01":"4500012345","date_04":"2024-01-02"},
     "hierarchical_level_HL_loop":[{
       "marks_and_numbers_information_MAN":[{"marks_and_numbers_qualifier_01":"GM","marks_and_numbers_02":"00012345600000000018"}],
       "hierarchical_level_HL_loop":[{
         "item_identification_LIN":{"assigned_identification_01":"1000","product_service_id_qualifier_02":"UP","product_service_id_03":"012345678905"},
         "item_detail_shipment_SN1":{"number_of_units_shipped_02":12,"unit_or_basis_for_measurement_code_03":"EA"}}]}]}]}]},
 "summary":{"transaction_totals_CTT":{"number_of_line_items_01":1}}}`

func TestRead856_NestedWithoutHLSegments_SOPI(t *testing.T) {
	s, err := core.Read856([]byte(nested856))
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "SHP-0001" || s.EstimatedDelivery != "2024-01-14" || s.ShippedDate != "2024-01-10" || s.Carrier.SCAC != "UPSN" || s.BillOfLading != "BOL123" {
		t.Errorf("header = %+v", s)
	}
	o := s.Orders[0]
	if o.PONumber != "4500012345" || len(o.Items) != 1 || o.Items[0].LineID != "1000" || o.Items[0].Quantity != 12 {
		t.Fatalf("order = %+v", o)
	}
	if len(o.Packs) != 1 || o.Packs[0].Marks[0].Number != "00012345600000000018" || len(o.Packs[0].Lines) != 1 || o.Packs[0].Lines[0] != "1000" {
		t.Errorf("packs = %+v", o.Packs)
	}
}

func TestRead856_NamedVariantsAndSingleObjects_SOI(t *testing.T) {
	doc := `{"heading":{"beginning_segment_for_ship_notice_BSN":{"shipment_identification_02":"A1"}},
	 "detail":{"HL_loop_shipment":{
	   "carrier_details_routing_sequence_transit_time_TD5":{"identification_code_03":"FDEG"},
	   "reference_information_REF_tracking":{"reference_identification_qualifier_01":"2I","reference_identification_02":"TRK9"},
	   "HL_loop_order":[
	     {"purchase_order_reference_PRF":{"purchase_order_number_01":"PA"},
	      "HL_loop_item":[{"item_identification_LIN":{"assigned_identification_01":"1000"},"item_detail_shipment_SN1":{"number_of_units_shipped_02":"3","unit_or_basis_for_measurement_code_03":"EA"}},
	                      {"item_identification_LIN":{"assigned_identification_01":"2000"},"item_detail_shipment_SN1":{"number_of_units_shipped_02":4}}]},
	     {"purchase_order_reference_PRF":{"purchase_order_number_01":"PB"},
	      "HL_loop_item":{"item_identification_LIN":{"assigned_identification_01":"1000"},"item_detail_shipment_SN1":{"number_of_units_shipped_02":1}}}]}}}`
	s, err := core.Read856([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Orders) != 2 || s.Orders[0].PONumber != "PA" || len(s.Orders[0].Items) != 2 || s.Orders[1].PONumber != "PB" || s.Orders[1].Items[0].Quantity != 1 {
		t.Fatalf("orders = %+v", s.Orders)
	}
	if s.Carrier.SCAC != "FDEG" || len(s.Tracking) != 1 || s.Tracking[0] != "TRK9" {
		t.Errorf("carrier %+v tracking %v", s.Carrier, s.Tracking)
	}
}

func TestRead856_FlatHLLinkedByParentIDs(t *testing.T) {
	doc := `{"heading":{"beginning_segment_for_ship_notice_BSN":{"shipment_identification_02":"F1"}},
	 "detail":{"hierarchical_level_HL_loop":[
	   {"hierarchical_level_HL":{"hierarchical_id_number_01":"1","hierarchical_level_code_03":"S"}},
	   {"hierarchical_level_HL":{"hierarchical_id_number_01":"2","hierarchical_parent_id_number_02":"1","hierarchical_level_code_03":"O"},"purchase_order_reference_PRF":{"purchase_order_number_01":"P1"}},
	   {"hierarchical_level_HL":{"hierarchical_id_number_01":"3","hierarchical_parent_id_number_02":"2","hierarchical_level_code_03":"P"},"marks_and_numbers_information_MAN":[{"marks_and_numbers_qualifier_01":"CP","marks_and_numbers_02":"1Z999"}]},
	   {"hierarchical_level_HL":{"hierarchical_id_number_01":"4","hierarchical_parent_id_number_02":"3","hierarchical_level_code_03":"I"},"item_identification_LIN":{"assigned_identification_01":"1000"},"item_detail_shipment_SN1":{"number_of_units_shipped_02":5}}]}}`
	s, err := core.Read856([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	o := s.Orders[0]
	if len(o.Items) != 1 || len(o.Packs) != 1 || len(o.Packs[0].Lines) != 1 || s.Tracking[0] != "1Z999" {
		t.Errorf("shipment = %+v", s)
	}
}

func TestRead856_RejectsWhatCannotBeMatched(t *testing.T) {
	for name, doc := range map[string]string{
		"no BSN":      `{"heading":{},"detail":{"hierarchical_level_HL_loop":[]}}`,
		"no HL":       `{"heading":{"beginning_segment_for_ship_notice_BSN":{"shipment_identification_02":"X"}},"detail":{}}`,
		"no PRF":      `{"heading":{"beginning_segment_for_ship_notice_BSN":{"shipment_identification_02":"X"}},"detail":{"hierarchical_level_HL_loop":[{"item_identification_LIN":{"assigned_identification_01":"1"},"item_detail_shipment_SN1":{"number_of_units_shipped_02":1}}]}}`,
		"no quantity": `{"heading":{"beginning_segment_for_ship_notice_BSN":{"shipment_identification_02":"X"}},"detail":{"hierarchical_level_HL_loop":[{"purchase_order_reference_PRF":{"purchase_order_number_01":"P"},"hierarchical_level_HL_loop":[{"item_identification_LIN":{"assigned_identification_01":"1"},"item_detail_shipment_SN1":{"unit_or_basis_for_measurement_code_03":"EA"}}]}]}}`,
	} {
		if _, err := core.Read856([]byte(doc)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
