package x12

// The 997 functional acknowledgment in Guide JSON, for the sets partners
// send back: the simulator's partners render one per file they receive and
// translate it like any inbound set. Key names follow Stedi's bootstrap 997
// sample (Stedi-Demos/bootstrap, src/resources/X12/5010/997/outbound.json:
// AK1, AK2 loop, AK5, AK9) and, for AK3 and AK4, Stedi's segment names
// (stedi.com/edi/x12-005010/segment/AK3, AK4) in the same style (the
// unconfirmed part, marked in core/fa.go).
func init() {
	for id, defs := range map[string][]elemDef{
		"AK1": {txt("functional_identifier_code"), num("group_control_number"), txt("version_release_or_industry_identifier_code")},
		"AK2": {txt("transaction_set_identifier_code"), txt("transaction_set_control_number"), txt("implementation_convention_reference")},
		"AK3": {txt("segment_id_code"), num("segment_position_in_transaction_set"), txt("loop_identifier_code"), txt("segment_syntax_error_code")},
		"AK4": {txt("position_in_segment"), num("data_element_reference_number"), txt("data_element_syntax_error_code"), txt("copy_of_bad_data_element")},
		"AK5": {txt("transaction_set_acknowledgment_code"), txt("transaction_set_syntax_error_code"), txt("transaction_set_syntax_error_code"),
			txt("transaction_set_syntax_error_code"), txt("transaction_set_syntax_error_code"), txt("transaction_set_syntax_error_code")},
		"AK9": {txt("functional_group_acknowledge_code"), num("number_of_transaction_sets_included"), num("number_of_received_transaction_sets"),
			num("number_of_accepted_transaction_sets"), txt("functional_group_syntax_error_code"), txt("functional_group_syntax_error_code"),
			txt("functional_group_syntax_error_code"), txt("functional_group_syntax_error_code"), txt("functional_group_syntax_error_code")},
	} {
		elementNames[id] = defs
	}
	guideTables["997"] = []guideNode{
		inSection("heading", gseg("ST", "transaction_set_header_ST", false)),
		inSection("heading", gseg("AK1", "functional_group_response_header_AK1", false)),
		inSection("heading", gloop("AK2", "transaction_set_response_header_AK2_loop", "transaction_set_response_header_AK2",
			gloop("AK3", "data_segment_note_AK3_loop", "data_segment_note_AK3", gseg("AK4", "data_element_note_AK4", true)),
			gseg("AK5", "transaction_set_response_trailer_AK5", false))),
		inSection("heading", gseg("AK9", "functional_group_response_trailer_AK9", false)),
	}
}
