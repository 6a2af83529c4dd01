package core

import "fmt"

// Guide JSON names a segment <segment name>_<ID> and an element <element
// name>_<position>, after the X12 dictionary of the guide's release
// (stedi-api.md §7.2): the names differ between releases, so they live
// here, one table per set, and the mappings only say "N1, element 2".
// A partner's guide schema, when configured, overrides all of them
// (guidewrite.go).
//
// Sources: 005010 names as in Stedi's bootstrap 850 and 855 samples
// (stedi-api.md §7.3) and Stedi's X12 reference
// (stedi.com/edi/x12-005010/segment/…); 004010 names from Stedi's X12
// reference (stedi.com/edi/x12-004010/segment/REF "Reference
// Identification", N1 "Name", N3 "Address Information", AMT "Monetary
// Amount", element 330 "Quantity Ordered" in PO102) and as third-party
// code sends them to Stedi for 004010 850s and 810s (name_N1_loop,
// address_information_N3, quantity_ordered_02, monetary_amount_AMT,
// reference_identification_REF). UNCONFIRMED: that the 004010 810 base
// guide names ITD, TDS and TXI as 005010 does (no 004010 810 Guide JSON
// from Stedi was found); a partner's guide schema settles it.

// rel is a name that may differ between releases.
type rel struct{ r4010, r5010 string }

func same(name string) rel              { return rel{name, name} }
func byRelease(r4010, r5010 string) rel { return rel{r4010, r5010} }

func (r rel) in(release Release) string {
	if release == Release4010 {
		return r.r4010
	}
	return r.r5010
}

// segNames are one segment's names: its own, and its elements' from
// position 1 (a zero rel for positions the mappings never write).
type segNames struct {
	seg   rel
	elems []rel
}

// setNames is one set's table: the names of every segment its mapping
// writes, and which segments the base guides hold as arrays (those the
// standard lets repeat; Stedi's samples write a segment used at most once
// as an object): "SEG" at section level, "LOOP/SEG" inside a loop. Loops
// are always arrays.
type setNames struct {
	segs map[string]segNames
	many map[string]bool
	// comps names the components of composite elements: segment ID →
	// the element's position → component names from position 1.
	comps map[string]map[int][]rel
}

// segmentKey is the key of segment (or loop, with "_loop") id in release.
func (t setNames) segmentKey(id string, loop bool, release Release) string {
	name := fmt.Sprintf("segment_%s", id)
	if s, ok := t.segs[id]; ok {
		name = s.seg.in(release) + "_" + id
	}
	if loop {
		name += "_loop"
	}
	return name
}

// elementKey is the key of element pos of segment id in release.
func (t setNames) elementKey(id string, pos int, release Release) string {
	name := "element"
	if s, ok := t.segs[id]; ok && pos <= len(s.elems) && s.elems[pos-1].in(release) != "" {
		name = s.elems[pos-1].in(release)
	}
	return fmt.Sprintf("%s_%02d", name, pos)
}

// componentKey is the key of component cpos of the composite element pos
// of segment id in release.
func (t setNames) componentKey(id string, pos, cpos int, release Release) string {
	name := "component"
	if c := t.comps[id][pos]; cpos <= len(c) && c[cpos-1].in(release) != "" {
		name = c[cpos-1].in(release)
	}
	return fmt.Sprintf("%s_%02d", name, cpos)
}

// repeats reports whether the base guide holds segment id, inside the
// loop led by parent ("" at section level), as an array.
func (t setNames) repeats(parent, id string) bool {
	if parent == "" {
		return t.many[id]
	}
	return t.many[parent+"/"+id]
}

func names(list ...string) []rel {
	out := make([]rel, len(list))
	for i, n := range list {
		out[i] = same(n)
	}
	return out
}

// The rows both sets share.
var (
	namesST  = segNames{same("transaction_set_header"), names("transaction_set_identifier_code", "transaction_set_control_number")}
	namesCUR = segNames{same("currency"), names("entity_identifier_code", "currency_code")}
	namesREF = segNames{byRelease("reference_identification", "reference_information"),
		names("reference_identification_qualifier", "reference_identification")}
	namesPER = segNames{same("administrative_communications_contact"), names("contact_function_code", "name")}
	namesDTM = segNames{same("date_time_reference"), names("date_time_qualifier", "date")}
	namesN1  = segNames{byRelease("name", "party_identification"),
		names("entity_identifier_code", "name", "identification_code_qualifier", "identification_code")}
	namesN3  = segNames{byRelease("address_information", "party_location"), names("address_information", "address_information")}
	namesN4  = segNames{same("geographic_location"), names("city_name", "state_or_province_code", "postal_code", "country_code")}
	namesPID = segNames{same("product_item_description"), names("item_description_type", "", "", "", "description")}
	namesCTT = segNames{same("transaction_totals"), names("number_of_line_items")}
)

// lineItem is PO1 or IT1: quantity, unit, price and product id pairs.
func lineItem(name string, quantity rel) segNames {
	return segNames{same(name), []rel{same("assigned_identification"), quantity, same("unit_or_basis_for_measurement_code"),
		same("unit_price"), same("basis_of_unit_price_code"), same("product_service_id_qualifier"), same("product_service_id"),
		same("product_service_id_qualifier"), same("product_service_id")}}
}

// guide850Names is the 850 table.
var guide850Names = setNames{
	segs: map[string]segNames{
		"ST": namesST, "CUR": namesCUR, "REF": namesREF, "PER": namesPER, "DTM": namesDTM,
		"N1": namesN1, "N3": namesN3, "N4": namesN4, "PID": namesPID, "CTT": namesCTT,
		"BEG": {same("beginning_segment_for_purchase_order"), names("transaction_set_purpose_code",
			"purchase_order_type_code", "purchase_order_number", "release_number", "date")},
		"PO1": lineItem("baseline_item_data", byRelease("quantity_ordered", "quantity")),
		"AMT": {byRelease("monetary_amount", "monetary_amount_information"), names("amount_qualifier_code", "monetary_amount")},
	},
	many: map[string]bool{"REF": true, "PER": true, "DTM": true, "N1/N3": true, "N1/N4": true, "PO1/DTM": true},
}

// guide810Names is the 810 table. N4 is an object here: the 810's N1
// loop allows one N4 (x12.md §2.2), the 850's several.
var guide810Names = setNames{
	segs: map[string]segNames{
		"ST": namesST, "CUR": namesCUR, "REF": namesREF, "N1": namesN1, "N3": namesN3, "N4": namesN4,
		"PID": namesPID, "CTT": namesCTT,
		"BIG": {same("beginning_segment_for_invoice"), names("date", "invoice_number", "date", "purchase_order_number",
			"", "", "transaction_type_code", "transaction_set_purpose_code")},
		"ITD": {same("terms_of_sale_deferred_terms_of_sale"), names("terms_type_code", "terms_basis_date_code",
			"", "", "", "", "terms_net_days", "", "", "", "", "description")},
		"IT1": lineItem("baseline_item_data_invoice", same("quantity_invoiced")),
		// TDS01 carries the real amount (1058.5), not the N2 form of the
		// X12 (105850). UNCONFIRMED: Stedi documents the N2 scaling for
		// JEDI; that Guide JSON expects the real value too is stedi-api.md
		// §7.3's inference (x12.FromGuideJSON mirrors the scaling locally).
		"TDS": {same("total_monetary_value_summary"), names("amount")},
		"TXI": {same("tax_information"), names("tax_type_code", "monetary_amount")},
	},
	many: map[string]bool{"REF": true, "N1/N3": true, "ITD": true, "TXI": true},
}

// guide860Names is the 860 table (Purchase Order Change Request - Buyer
// Initiated). Sources: Stedi's X12 reference (stedi.com/edi/x12/segment/BCH,
// /segment/POC, /element/670), 004010 860 Guide JSON as Stedi emits it,
// read by third-party code (beginning_segment_for_purchase_order_change_BCH
// with date_06 and date_11, line_item_change_POC_loop, POC
// quantity_ordered_03, quantity_left_to_receive_04, unit_price_06,
// composite_unit_of_measure_05 holding unit_or_basis_for_measurement_code_01),
// and Hershey's published 004010 860 guide (functional group PC, the POC
// loop with PID and DTM). UNCONFIRMED: the 005010 name of POC03, taken to
// be quantity_03 as PO102's is (element 380 replacing 330 in 005010); a
// partner's guide schema settles it (guidewrite.go).
var guide860Names = setNames{
	segs: map[string]segNames{
		"ST": namesST, "CUR": namesCUR, "REF": namesREF, "PER": namesPER, "DTM": namesDTM,
		"N1": namesN1, "N3": namesN3, "N4": namesN4, "PID": namesPID, "CTT": namesCTT,
		"BCH": {same("beginning_segment_for_purchase_order_change"), names("transaction_set_purpose_code",
			"purchase_order_type_code", "purchase_order_number", "release_number", "change_order_sequence_number",
			"date", "request_reference_number", "contract_number", "reference_identification", "date", "date")},
		"POC": {same("line_item_change"), []rel{same("assigned_identification"), same("change_or_response_type_code"),
			byRelease("quantity_ordered", "quantity"), same("quantity_left_to_receive"), same("composite_unit_of_measure"),
			same("unit_price"), same("basis_of_unit_price_code"), same("product_service_id_qualifier"), same("product_service_id"),
			same("product_service_id_qualifier"), same("product_service_id")}},
	},
	many:  map[string]bool{"REF": true, "PER": true, "DTM": true, "N1/N3": true, "N1/N4": true, "POC/DTM": true},
	comps: map[string]map[int][]rel{"POC": {5: names("unit_or_basis_for_measurement_code")}},
}
