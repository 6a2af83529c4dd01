package x12

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// place runs a set body through a Placement and lists the findings as
// "position:CODE:segment", positions counted from ST = 1.
func place(t *testing.T, setID string, body ...string) []string {
	t.Helper()
	p, ok := NewPlacement(setID)
	if !ok {
		t.Fatalf("no table for %s", setID)
	}
	var out []string
	for i, s := range segs(body...) {
		for _, f := range p.Place(s) {
			out = append(out, fmt.Sprintf("%d:%s:%s", i+2, f.Code, f.SegmentID))
		}
	}
	for _, f := range p.End() {
		out = append(out, fmt.Sprintf("end:%s:%s", f.Code, f.SegmentID))
	}
	return out
}

func TestPlacement(t *testing.T) {
	cases := []struct {
		name, set string
		body      []string
		want      string
	}{
		{"a clean 850", "850", []string{"BEG*00*SA*1**20240101", "REF*DP*1", "N1*ST*X", "N3*A", "N4*B", "PO1*1*1*EA*1",
			"PID*F****X", "PO1*2*1*EA*1", "CTT*2", "AMT*TT*2"}, ""},
		// Partners put a DTM in the party loop: the 850 table has DTM only
		// in the heading (before the N1 loop) and in the lines. It is
		// stepped over and the lines after it are placed as usual.
		{"DTM inside an N1 loop", "850", []string{"BEG*00*SA*1**20240101", "N1*ST*X", "DTM*002*20240105", "N3*A",
			"PO1*1*1*EA*1", "PO1*2*1*EA*1", "CTT*2"}, "4:OUT-OF-PLACE:DTM"},
		{"unknown segment", "850", []string{"BEG*00*SA*1**20240101", "ZZZ*1", "PO1*1*1*EA*1"}, "3:UNKNOWN-SEGMENT:ZZZ"},
		{"heading segment among the lines", "850", []string{"BEG*00*SA*1**20240101", "PO1*1*1*EA*1", "CUR*BY*USD", "DTM*002*20240105",
			"ITD*01", "PO1*2*1*EA*1"}, "6:OUT-OF-PLACE:ITD"},
		{"no BEG, no line", "850", []string{"REF*DP*1"}, "2:REQUIRED:BEG end:REQUIRED:PO1"},
		{"an ACK before the lines", "855", []string{"BAK*00*AD*1*20240101", "ACK*IA*1*EA", "PO1*1*1*EA*1", "ACK*IA*1*EA"},
			"3:OUT-OF-PLACE:ACK"},
		{"two PRF in one HL", "856", []string{"BSN*00*1*20240101*1200", "HL*1**S", "HL*2*1*O", "PRF*1", "PRF*2", "HL*3*2*I", "LIN*1"},
			"6:REPEAT:PRF"},
		{"997 without AK5", "997", []string{"AK1*PO*1", "AK2*850*0001", "AK3*PO1*3**8", "AK4*2**1", "AK9*R*1*1*0"},
			"6:REQUIRED:AK5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := strings.Join(place(t, c.set, c.body...), " "); got != c.want {
				t.Errorf("findings %q, want %q", got, c.want)
			}
		})
	}
}

// A partner's 855 with an ACK outside its line and a segment of its own
// still becomes the Guide JSON of the clean set, with both reported.
func TestToGuideJSONTolerant(t *testing.T) {
	clean := Transaction{SetID: "855", ST: Segment{ID: "ST", Elements: []string{"855", "0001"}},
		Body: segs("BAK*00*AD*PO1*20240101", "PO1*1*2*EA*3.5", "ACK*IA*2*EA", "CTT*1")}
	want, err := ToGuideJSON(clean)
	if err != nil {
		t.Fatal(err)
	}
	partner := clean
	partner.Body = segs("BAK*00*AD*PO1*20240101", "ACK*IA*9*EA", "PO1*1*2*EA*3.5", "ZZZ*partner", "ACK*IA*2*EA", "CTT*1")
	if _, err := ToGuideJSON(partner); err == nil {
		t.Fatal("ToGuideJSON accepted the partner's set")
	}
	got, skipped, err := ToGuideJSONTolerant(partner, 10)
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, want); err != nil {
		t.Fatal(err)
	}
	if string(got) != compact.String() {
		t.Errorf("Guide JSON\n%s\nwant\n%s", got, want)
	}
	if len(skipped) != 2 || skipped[0].InSet != 3 || skipped[0].Segment.ID != "ACK" || skipped[1].InSet != 5 || skipped[1].Segment.ID != "ZZZ" {
		t.Errorf("skipped %+v", skipped)
	}
	if _, _, err := ToGuideJSONTolerant(partner, 1); err == nil {
		t.Error("no error past the skip limit")
	}
}
