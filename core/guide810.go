package core

// Guide JSON for an outbound 810, release 005010, with the conventions of
// guide850.go (key names per stedi-api.md §7.3/§7.4; struct field order is
// X12 segment order). Segments shared with the 850 (ST, CUR, REF, N1 loop,
// PID loop, CTT) reuse its types.

type guide810 struct {
	Heading heading810 `json:"heading"`
	Detail  detail810  `json:"detail"`
	Summary summary810 `json:"summary"`
}

type heading810 struct {
	ST  segST         `json:"transaction_set_header_ST"`
	BIG segBIG        `json:"beginning_segment_for_invoice_BIG"`
	CUR *segCUR       `json:"currency_CUR,omitempty"`
	REF []segREF      `json:"reference_information_REF,omitempty"`
	N1  []partyN1Loop `json:"party_identification_N1_loop,omitempty"`
	ITD []segITD      `json:"terms_of_sale_deferred_terms_of_sale_ITD,omitempty"`
}

type segBIG struct {
	Date     string `json:"date_01"`
	Number   string `json:"invoice_number_02"`
	PODate   string `json:"date_03,omitempty"`
	PONumber string `json:"purchase_order_number_04,omitempty"`
	Type     string `json:"transaction_type_code_07,omitempty"` // CR credit memo, DR debit memo
	Purpose  string `json:"transaction_set_purpose_code_08"`
}

type segITD struct {
	TermsType   string `json:"terms_type_code_01"`
	BasisDate   string `json:"terms_basis_date_code_02,omitempty"`
	NetDays     int    `json:"terms_net_days_07,omitempty"`
	Description string `json:"description_12,omitempty"`
}

type detail810 struct {
	IT1 []it1Loop `json:"baseline_item_data_invoice_IT1_loop"`
}

type it1Loop struct {
	IT1 segIT1    `json:"baseline_item_data_invoice_IT1"`
	PID []pidLoop `json:"product_item_description_PID_loop,omitempty"`
}

type segIT1 struct {
	LineID     string  `json:"assigned_identification_01"`
	Quantity   float64 `json:"quantity_invoiced_02"`
	Unit       string  `json:"unit_or_basis_for_measurement_code_03"`
	UnitPrice  float64 `json:"unit_price_04"`
	PriceBasis string  `json:"basis_of_unit_price_code_05,omitempty"`
	Qual1      string  `json:"product_service_id_qualifier_06,omitempty"`
	ID1        string  `json:"product_service_id_07,omitempty"`
	Qual2      string  `json:"product_service_id_qualifier_08,omitempty"`
	ID2        string  `json:"product_service_id_09,omitempty"`
}

// summary810 holds TDS, TXI and CTT. CTT is a plain segment here, as in
// the 810 example of stedi-api.md §7.3: the 810 has no CTT loop.
type summary810 struct {
	TDS segTDS   `json:"total_monetary_value_summary_TDS"`
	TXI []segTXI `json:"tax_information_TXI,omitempty"`
	CTT segCTT   `json:"transaction_totals_CTT"`
}

// segTDS carries the invoice total as a real amount (1058.5), not in the
// N2 form of the X12 (105850). UNCONFIRMED: Stedi documents that it does
// the N2 scaling itself for JEDI; that Guide JSON expects the real value
// too is stedi-api.md §7.3's inference, not yet checked in a sandbox. If a
// guide schema asks for the N2 integer, this field is the one place to
// change (x12.FromGuideJSON mirrors the scaling for local rendering).
type segTDS struct {
	Amount float64 `json:"amount_01"`
}

type segTXI struct {
	TaxType string  `json:"tax_type_code_01"`
	Amount  float64 `json:"monetary_amount_02"`
}
