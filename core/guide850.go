package core

// Guide JSON for an outbound 850, release 005010. Key names follow Stedi's
// convention (segment name + ID, element name + position, loops as
// <first segment>_loop arrays); struct field order is X12 segment order, so
// encoding/json writes the keys in the order the renderer expects.

type guide850 struct {
	Heading heading850 `json:"heading"`
	Detail  detail850  `json:"detail"`
	Summary summary850 `json:"summary"`
}

type heading850 struct {
	ST  segST         `json:"transaction_set_header_ST"`
	BEG segBEG        `json:"beginning_segment_for_purchase_order_BEG"`
	CUR *segCUR       `json:"currency_CUR,omitempty"`
	REF []segREF      `json:"reference_information_REF,omitempty"`
	PER []segPER      `json:"administrative_communications_contact_PER,omitempty"`
	DTM []segDTM      `json:"date_time_reference_DTM,omitempty"`
	N1  []partyN1Loop `json:"party_identification_N1_loop,omitempty"`
}

type segST struct {
	SetID         string `json:"transaction_set_identifier_code_01"`
	ControlNumber int    `json:"transaction_set_control_number_02"`
}

type segBEG struct {
	Purpose  string `json:"transaction_set_purpose_code_01"`
	Type     string `json:"purchase_order_type_code_02"`
	PONumber string `json:"purchase_order_number_03"`
	Date     string `json:"date_05"`
}

type segCUR struct {
	Entity   string `json:"entity_identifier_code_01"`
	Currency string `json:"currency_code_02"`
}

type segREF struct {
	Qualifier string `json:"reference_identification_qualifier_01"`
	ID        string `json:"reference_identification_02"`
}

type segPER struct {
	Function string `json:"contact_function_code_01"`
	Name     string `json:"name_02,omitempty"`
}

type segDTM struct {
	Qualifier string `json:"date_time_qualifier_01"`
	Date      string `json:"date_02"`
}

type partyN1Loop struct {
	N1 segN1   `json:"party_identification_N1"`
	N3 []segN3 `json:"party_location_N3,omitempty"`
	N4 []segN4 `json:"geographic_location_N4,omitempty"`
}

type segN1 struct {
	Entity    string `json:"entity_identifier_code_01"`
	Name      string `json:"name_02,omitempty"`
	Qualifier string `json:"identification_code_qualifier_03,omitempty"`
	ID        string `json:"identification_code_04,omitempty"`
}

type segN3 struct {
	Line1 string `json:"address_information_01"`
	Line2 string `json:"address_information_02,omitempty"`
}

type segN4 struct {
	City       string `json:"city_name_01,omitempty"`
	State      string `json:"state_or_province_code_02,omitempty"`
	PostalCode string `json:"postal_code_03,omitempty"`
	Country    string `json:"country_code_04,omitempty"`
}

type detail850 struct {
	PO1 []po1Loop `json:"baseline_item_data_PO1_loop"`
}

type po1Loop struct {
	PO1 segPO1    `json:"baseline_item_data_PO1"`
	PID []pidLoop `json:"product_item_description_PID_loop,omitempty"`
	DTM []segDTM  `json:"date_time_reference_DTM,omitempty"`
}

type segPO1 struct {
	LineID     string  `json:"assigned_identification_01"`
	Quantity   float64 `json:"quantity_02"`
	Unit       string  `json:"unit_or_basis_for_measurement_code_03"`
	UnitPrice  float64 `json:"unit_price_04"`
	PriceBasis string  `json:"basis_of_unit_price_code_05,omitempty"`
	Qual1      string  `json:"product_service_id_qualifier_06,omitempty"`
	ID1        string  `json:"product_service_id_07,omitempty"`
	Qual2      string  `json:"product_service_id_qualifier_08,omitempty"`
	ID2        string  `json:"product_service_id_09,omitempty"`
}

type pidLoop struct {
	PID segPID `json:"product_item_description_PID"`
}

type segPID struct {
	Type        string `json:"item_description_type_01"`
	Description string `json:"description_05"`
}

type summary850 struct {
	CTT []cttLoop `json:"transaction_totals_CTT_loop"`
}

type cttLoop struct {
	CTT segCTT  `json:"transaction_totals_CTT"`
	AMT *segAMT `json:"monetary_amount_information_AMT,omitempty"`
}

type segCTT struct {
	Lines int `json:"number_of_line_items_01"`
}

type segAMT struct {
	Qualifier string  `json:"amount_qualifier_code_01"`
	Amount    float64 `json:"monetary_amount_02"`
}
