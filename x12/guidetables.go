package x12

import "fmt"

// Element value types for ToGuideJSON, after the X12 data types: text
// passes through, dates and times take the ISO shapes Guide JSON uses,
// numbers become JSON numbers (N2 with its two implied decimals applied).
const (
	tText   = 'S' // AN, ID
	tDate   = 'D' // DT CCYYMMDD → YYYY-MM-DD
	tTime   = 'T' // TM HHMM[SS] → HH:MM[:SS]
	tNumber = 'R' // R and N0
	tN2     = '2' // N2: 14400 → 144
)

type elemDef struct {
	Name string
	Type byte
}

func txt(name string) elemDef  { return elemDef{name, tText} }
func date(name string) elemDef { return elemDef{name, tDate} }
func tim(name string) elemDef  { return elemDef{name, tTime} }
func num(name string) elemDef  { return elemDef{name, tNumber} }

// productPairs appends n product/service ID qualifier/ID pairs.
func productPairs(defs []elemDef, n int) []elemDef {
	for range n {
		defs = append(defs, txt("product_service_id_qualifier"), txt("product_service_id"))
	}
	return defs
}

// elementNames gives the 005010 element names per segment, position 1
// first. Names in the two Stedi samples (stedi-api.md §7.3) are taken from
// there; the others follow the X12 element dictionary names in the same
// snake_case style and are not verified against a Stedi guide.
var elementNames = map[string][]elemDef{
	"ST":  {txt("transaction_set_identifier_code"), txt("transaction_set_control_number"), txt("implementation_convention_reference")},
	"BAK": {txt("transaction_set_purpose_code"), txt("acknowledgment_type"), txt("purchase_order_number"), date("date"), txt("release_number"), txt("request_reference_number"), txt("contract_number"), txt("reference_identification"), date("date"), txt("transaction_type_code")},
	"BSN": {txt("transaction_set_purpose_code"), txt("shipment_identification"), date("date"), tim("time"), txt("hierarchical_structure_code"), txt("transaction_type_code"), txt("status_reason_code")},
	"CUR": {txt("entity_identifier_code"), txt("currency_code"), num("exchange_rate")},
	"REF": {txt("reference_identification_qualifier"), txt("reference_identification"), txt("description")},
	"PER": {txt("contact_function_code"), txt("name"), txt("communication_number_qualifier"), txt("communication_number"), txt("communication_number_qualifier"), txt("communication_number"), txt("communication_number_qualifier"), txt("communication_number"), txt("contact_inquiry_reference")},
	"DTM": {txt("date_time_qualifier"), date("date"), tim("time"), txt("time_code"), txt("date_time_period_format_qualifier"), txt("date_time_period")},
	"CSH": {txt("sales_requirement_code"), txt("do_not_exceed_action_code"), elemDef{"amount", tN2}, txt("account_number"), date("date"), txt("agency_qualifier_code"), txt("special_services_code"), txt("product_service_substitution_code"), num("percent"), txt("percent_qualifier")},
	"TD5": {txt("routing_sequence_code"), txt("identification_code_qualifier"), txt("identification_code"), txt("transportation_method_type_code"), txt("routing"), txt("shipment_order_status_code"), txt("location_qualifier"), txt("location_identifier"), txt("transit_direction_code"), txt("transit_time_direction_qualifier"), num("transit_time"), txt("service_level_code"), txt("service_level_code"), txt("service_level_code"), txt("country_code")},
	"TD1": {txt("packaging_code"), num("lading_quantity"), txt("commodity_code_qualifier"), txt("commodity_code"), txt("lading_description"), txt("weight_qualifier"), num("weight"), txt("unit_or_basis_for_measurement_code"), num("volume"), txt("unit_or_basis_for_measurement_code")},
	"N1":  {txt("entity_identifier_code"), txt("name"), txt("identification_code_qualifier"), txt("identification_code"), txt("entity_relationship_code"), txt("entity_identifier_code")},
	"N2":  {txt("name"), txt("name")},
	"N3":  {txt("address_information"), txt("address_information")},
	"N4":  {txt("city_name"), txt("state_or_province_code"), txt("postal_code"), txt("country_code"), txt("location_qualifier"), txt("location_identifier"), txt("country_subdivision_code")},
	"PO1": productPairs([]elemDef{txt("assigned_identification"), num("quantity"), txt("unit_or_basis_for_measurement_code"), num("unit_price"), txt("basis_of_unit_price_code")}, 10),
	"PID": {txt("item_description_type"), txt("product_process_characteristic_code"), txt("agency_qualifier_code"), txt("product_description_code"), txt("description"), txt("surface_layer_position_code"), txt("source_subqualifier"), txt("yes_no_condition_or_response_code"), txt("language_code")},
	"PO4": {num("pack"), num("size"), txt("unit_or_basis_for_measurement_code"), txt("packaging_code"), txt("weight_qualifier"), num("gross_weight_per_pack"), txt("unit_or_basis_for_measurement_code"), num("gross_volume_per_pack"), txt("unit_or_basis_for_measurement_code"), num("length"), num("width"), num("height"), txt("unit_or_basis_for_measurement_code"), num("inner_pack"), txt("surface_layer_position_code"), txt("assigned_identification"), txt("assigned_identification"), num("number")},
	"ACK": append(productPairs([]elemDef{txt("line_item_status_code"), num("quantity"), txt("unit_or_basis_for_measurement_code"), txt("date_time_qualifier"), date("date"), txt("request_reference_number")}, 10),
		txt("agency_qualifier_code"), txt("source_subqualifier"), txt("industry_code")),
	"SCH": {num("quantity"), txt("unit_or_basis_for_measurement_code"), txt("entity_identifier_code"), txt("name"), txt("date_time_qualifier"), date("date"), tim("time"), txt("date_time_qualifier"), date("date"), tim("time"), txt("request_reference_number"), txt("assigned_identification"), txt("action_code"), txt("purchase_order_type_code")},
	"CTT": {num("number_of_line_items"), num("hash_total"), num("weight"), txt("unit_or_basis_for_measurement_code"), num("volume"), txt("unit_or_basis_for_measurement_code"), txt("description")},
	"AMT": {txt("amount_qualifier_code"), num("monetary_amount"), txt("credit_debit_flag_code")},
	"HL":  {txt("hierarchical_id_number"), txt("hierarchical_parent_id_number"), txt("hierarchical_level_code"), txt("hierarchical_child_code")},
	"PRF": {txt("purchase_order_number"), txt("release_number"), txt("change_order_sequence_number"), date("date"), txt("assigned_identification"), txt("contract_number"), txt("purchase_order_type_code")},
	"LIN": productPairs([]elemDef{txt("assigned_identification")}, 15),
	"SN1": {txt("assigned_identification"), num("number_of_units_shipped"), txt("unit_or_basis_for_measurement_code"), num("quantity_shipped_to_date"), num("quantity_ordered"), txt("unit_or_basis_for_measurement_code"), txt("returnable_container_load_make_up_code"), txt("line_item_status_code")},
	"MAN": {txt("marks_and_numbers_qualifier"), txt("marks_and_numbers"), txt("marks_and_numbers"), txt("marks_and_numbers_qualifier"), txt("marks_and_numbers"), txt("marks_and_numbers")},
}

// elementKey is the Guide JSON key of element pos (1-based) of segment id;
// positions the table lacks get a generic name rather than being dropped.
func elementKey(id string, pos int) (string, byte) {
	if defs := elementNames[id]; pos <= len(defs) {
		return fmt.Sprintf("%s_%02d", defs[pos-1].Name, pos), defs[pos-1].Type
	}
	return fmt.Sprintf("element_%02d", pos), tText
}

// guideNode is one entry of a set's Guide JSON table: a segment (Key is
// its JSON key) or a loop (Key is the loop key, Lead the key of its first
// segment, Loop what follows the lead). Many marks a segment the guide
// holds as an array. Variant, when set, returns a suffix for the loop key
// chosen from the lead segment (N1 loops named by N101). Nest makes an HL
// loop nest under its parent by HL02 instead of by position.
type guideNode struct {
	ID      string
	Section string // heading, detail or summary; top-level nodes only
	Key     string
	Lead    string
	Many    bool
	Loop    []guideNode
	Variant func(Segment) string
	Nest    bool
}

func gseg(id, key string, many bool) guideNode { return guideNode{ID: id, Key: key, Many: many} }

func gloop(id, key, lead string, body ...guideNode) guideNode {
	return guideNode{ID: id, Key: key, Lead: lead, Loop: append([]guideNode{}, body...)}
}

func inSection(section string, n guideNode) guideNode { n.Section = section; return n }

var (
	gREF = gseg("REF", "reference_information_REF", true)
	gDTM = gseg("DTM", "date_time_reference_DTM", true)
	gPER = gseg("PER", "administrative_communications_contact_PER", true)
	gTD5 = gseg("TD5", "carrier_details_routing_sequence_transit_time_TD5", true)
	gPID = gloop("PID", "product_item_description_PID_loop", "product_item_description_PID")
)

func partyGuideLoop(variants map[string]string) guideNode {
	n := gloop("N1", "party_identification_N1_loop", "party_identification_N1",
		gseg("N2", "additional_name_information_N2", true),
		gseg("N3", "party_location_N3", true),
		gseg("N4", "geographic_location_N4", false),
		gREF, gPER)
	if variants != nil {
		n.Variant = func(s Segment) string { return variants[s.Element(1)] }
	}
	return n
}

// guideTables covers the inbound sets, shaped after stedi-api.md §7.3 (855
// from Stedi's bootstrap sample, 856 after the documented HL nesting).
var guideTables = map[string][]guideNode{
	"855": {
		inSection("heading", gseg("ST", "transaction_set_header_ST", false)),
		inSection("heading", gseg("BAK", "beginning_segment_for_purchase_order_acknowledgment_BAK", false)),
		inSection("heading", gseg("CUR", "currency_CUR", false)),
		inSection("heading", gREF),
		inSection("heading", gPER),
		inSection("heading", gseg("CSH", "sales_requirements_CSH", false)),
		inSection("heading", gDTM),
		inSection("heading", gTD5),
		// Variant names of the bootstrap guide; other N101 codes use the
		// plain loop key.
		inSection("heading", partyGuideLoop(map[string]string{"SE": "_selling_party", "ST": "_ship_to"})),
		inSection("detail", gloop("PO1", "baseline_item_data_PO1_loop", "baseline_item_data_PO1",
			gseg("CUR", "currency_CUR", false),
			gPID,
			gseg("PO4", "item_physical_details_PO4", true),
			gREF, gPER, gDTM,
			gloop("ACK", "line_item_acknowledgment_ACK_loop", "line_item_acknowledgment_ACK", gDTM),
			gloop("SCH", "line_item_schedule_SCH_loop", "line_item_schedule_SCH"),
		)),
		inSection("summary", gloop("CTT", "transaction_totals_CTT_loop", "transaction_totals_CTT",
			gseg("AMT", "monetary_amount_information_AMT", false))),
	},
	"856": {
		inSection("heading", gseg("ST", "transaction_set_header_ST", false)),
		inSection("heading", gseg("BSN", "beginning_segment_for_ship_notice_BSN", false)),
		inSection("heading", gDTM),
		inSection("detail", guideNode{ID: "HL", Key: "hierarchical_level_HL_loop", Lead: "hierarchical_level_HL", Nest: true, Loop: []guideNode{
			gseg("LIN", "item_identification_LIN", false),
			gseg("SN1", "item_detail_shipment_SN1", false),
			gseg("PRF", "purchase_order_reference_PRF", false),
			gseg("PO4", "item_physical_details_PO4", false),
			gseg("PID", "product_item_description_PID", true),
			gseg("TD1", "carrier_details_quantity_and_weight_TD1", true),
			gTD5, gREF, gPER,
			gseg("MAN", "marks_and_numbers_information_MAN", true),
			gDTM,
			partyGuideLoop(nil),
		}}),
		inSection("summary", gseg("CTT", "transaction_totals_CTT", false)),
	},
}
