package x12

import (
	"os"
	"strings"
	"testing"
)

// The real 005010 997 of the shared samples (xlate/staedi) translates into
// Guide JSON with its AK3 and AK4 under the AK2 loop.
func TestToGuideJSON_997Sample(t *testing.T) {
	data, err := os.ReadFile(samplesDir + "/997_5010X230_staedi.edi")
	if err != nil {
		t.Skip("shared samples not present:", err)
	}
	ic, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := ToGuideJSON(ic.Groups[0].Sets[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"functional_group_response_header_AK1"`, `"group_control_number_02": 1`,
		`"transaction_set_response_header_AK2_loop"`, `"data_segment_note_AK3_loop"`, `"segment_id_code_01": "NM1"`,
		`"data_element_note_AK4"`, `"data_element_syntax_error_code_03": "7"`, `"transaction_set_acknowledgment_code_01": "R"`,
		`"functional_group_acknowledge_code_01": "R"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("Guide JSON lacks %s:\n%s", want, out)
		}
	}
}
