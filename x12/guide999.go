package x12

// The 999 implementation acknowledgment (005010X231), which some partners
// send instead of a 997: in Guide JSON for core.Read997 as the 997 is
// (guide997.go), with IK3/IK4/IK5 in place of AK3/AK4/AK5 and their CTX
// context segments; and its segment table for the placement check. The
// layout is Stedi's X12 reference (stedi.com/edi/x12-005010/segment/IK3,
// IK4, IK5, CTX); the key names follow its segment names in the style of
// the 997's, the unconfirmed part marked in core/fa.go.
func init() {
	for id, defs := range map[string][]elemDef{
		"IK3": {txt("segment_id_code"), num("segment_position_in_transaction_set"), txt("loop_identifier_code"),
			txt("implementation_segment_syntax_error_code")},
		"IK4": {txt("position_in_segment"), num("data_element_reference_number"), txt("implementation_data_element_syntax_error_code"),
			txt("copy_of_bad_data_element")},
		"IK5": {txt("transaction_set_acknowledgment_code"), txt("implementation_transaction_set_syntax_error_code"),
			txt("implementation_transaction_set_syntax_error_code"), txt("implementation_transaction_set_syntax_error_code"),
			txt("implementation_transaction_set_syntax_error_code"), txt("implementation_transaction_set_syntax_error_code")},
		"CTX": {txt("context_identification"), txt("segment_id_code"), num("segment_position_in_transaction_set"),
			txt("loop_identifier_code"), txt("position_in_segment"), txt("reference_in_segment")},
	} {
		elementNames[id] = defs
	}
	guideTables["999"] = []guideNode{
		inSection("heading", gseg("ST", "transaction_set_header_ST", false)),
		inSection("heading", gseg("AK1", "functional_group_response_header_AK1", false)),
		inSection("heading", gloop("AK2", "transaction_set_response_header_AK2_loop", "transaction_set_response_header_AK2",
			gloop("IK3", "implementation_data_segment_note_IK3_loop", "implementation_data_segment_note_IK3",
				gseg("CTX", "segment_context_CTX", true),
				gloop("IK4", "implementation_data_element_note_IK4_loop", "implementation_data_element_note_IK4",
					gseg("CTX", "element_context_CTX", true))),
			gseg("IK5", "implementation_transaction_set_response_trailer_IK5", false))),
		inSection("heading", gseg("AK9", "functional_group_response_trailer_AK9", false)),
	}
	setTables["999"] = []rule{
		one("AK1"),
		loop("AK2", 0, loop("IK3", 0, upTo("CTX", 10), loop("IK4", 0, upTo("CTX", 10))), one("IK5")),
		one("AK9"),
	}
}
