package core_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

// The real 005010 997 (xlate/staedi), through the codec as Stedi would
// deliver it: a rejected set with its segment and element errors.
func TestRead997_RealSample5010(t *testing.T) {
	fa, err := core.Read997(guideOf(t, "997_5010X230_staedi.edi"))
	if err != nil {
		t.Fatal(err)
	}
	if fa.GroupID != "HC" || fa.GroupControl != 1 || fa.GroupStatus != "R" || len(fa.Sets) != 1 {
		t.Fatalf("read %+v", fa)
	}
	s := fa.Sets[0]
	if s.SetID != "837" || s.Control != "0021" || s.Status != "R" || len(s.Segments) != 1 {
		t.Fatalf("set response %+v", s)
	}
	want := `rejected (R); one or more segments in error: segment NM1 at position 8: segment has data element errors; element NM108 (66): invalid code value, got "MI"`
	if got := s.Describe(); got != want {
		t.Errorf("Describe =\n %s\nwant\n %s", got, want)
	}
}

// A 004010 997 as Stedi's guides write it: AK401 a composite object.
func TestRead997_4010CompositeElementPosition(t *testing.T) {
	fa, err := core.Read997([]byte(fa997(12, "0003:E:PO1:9:8/4:212:6:1X5")))
	if err != nil {
		t.Fatal(err)
	}
	e := fa.Sets[0].Segments[0].Elements[0]
	if fa.GroupControl != 12 || fa.Sets[0].Status != "E" || e.Position != 4 || e.Reference != "212" || e.Code != "6" || e.Bad != "1X5" {
		t.Errorf("read %+v / %+v", fa, e)
	}
}

// A 999 (005010X231): IK3, IK4 in a loop with its CTX, IK5.
func TestRead997_999ImplementationAcknowledgment(t *testing.T) {
	doc := `{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"999","transaction_set_control_number_02":"0001"},
	 "functional_group_response_header_AK1":{"functional_identifier_code_01":"IN","group_control_number_02":"000000005","version_release_or_industry_identifier_code_03":"005010"},
	 "transaction_set_response_header_AK2_loop":[{"transaction_set_response_header_AK2":{"transaction_set_identifier_code_01":"810","transaction_set_control_number_02":"0001"},
	   "implementation_data_segment_note_IK3_loop":[{"implementation_data_segment_note_IK3":{"segment_id_code_01":"BIG","segment_position_in_transaction_set_02":2,"implementation_segment_syntax_error_code_04":"8"},
	     "implementation_data_element_note_IK4_loop":[{"implementation_data_element_note_IK4":{"position_in_segment_01":{"element_position_in_segment_01":1},"data_element_reference_number_02":373,"implementation_data_element_syntax_error_code_03":"8","copy_of_bad_data_element_04":"20261301"}}]}],
	   "implementation_transaction_set_response_trailer_IK5":{"transaction_set_acknowledgment_code_01":"R","implementation_transaction_set_syntax_error_code_02":"5"}}],
	 "functional_group_response_trailer_AK9":{"functional_group_acknowledge_code_01":"R","number_of_transaction_sets_included_02":1}}}`
	fa, err := core.Read997([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := fa.Sets[0].Describe()
	if fa.GroupID != "IN" || fa.GroupControl != 5 || !strings.Contains(got, `element BIG01 (373): invalid date, got "20261301"`) {
		t.Errorf("read %+v: %s", fa, got)
	}
}

// Stedi's bootstrap 997: AK1 and AK9 only, the group's verdict for all sets.
func TestRead997_GroupOnly(t *testing.T) {
	doc := `{"heading":{"transaction_set_header_ST":{"transaction_set_identifier_code_01":"997","transaction_set_control_number_02":1},
	 "functional_group_response_header_AK1":{"functional_identifier_code_01":"PO","group_control_number_02":1921},
	 "functional_group_response_trailer_AK9":{"functional_group_acknowledge_code_01":"A","number_of_transaction_sets_included_02":1,"number_of_received_transaction_sets_03":1,"number_of_accepted_transaction_sets_04":1}}}`
	fa, err := core.Read997([]byte(doc))
	if err != nil || fa.GroupControl != 1921 || fa.GroupStatus != "A" || len(fa.Sets) != 0 || fa.Accepted != 1 {
		t.Fatalf("read %+v, %v", fa, err)
	}
	if _, err := core.Read997([]byte(`{"heading":{"functional_group_response_trailer_AK9":{"functional_group_acknowledge_code_01":"A"}}}`)); err == nil {
		t.Error("a 997 without AK1 was accepted")
	}
}
