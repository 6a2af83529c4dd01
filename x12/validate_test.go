package x12

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// summarize renders findings as "severity CODE@index" for comparison.
func summarize(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%s %s@%d", f.Severity, f.Code, f.Index)
	}
	return out
}

// sampleFindings is the per-file allow-list of quirks (x12.md §4.1 and
// SOURCES.md) that strict validation must report, and nothing else.
var sampleFindings = map[string][]string{
	"810+850_4010+3010_two-groups_staedi.edi": {
		"error GS04@57", // 3010 group uses YYMMDD (legal in 3010, not in 4010+)
		"info ISA12@57",
	},
	"810_4010_adobe_x12-types_nonpadded-ISA.edi": {
		"error ISA-WIDTH@0", "error ISA-WIDTH@0", "error ISA-WIDTH@0", "error ISA-WIDTH@0", // ISA02/04/06/08 unpadded
		"info ISA12@1",  // ISA12 00040
		"error SE01@46", // SE*44 for 45 segments
	},
	"810_4010_buysnacks_staedi.edi":                           nil,
	"850_4010VICS_1edisource_node-x12.edi":                    {"info ISA12@1"},
	"850_4010VICS_1edisource_node-x12_newline-terminated.edi": {"info NEWLINE-TERMINATOR@0", "info ISA12@1"},
	"850_4010_buysnacks_x12-types.edi":                        nil,
	"850_5010_napa_x12-types_nonpadded-ISA.edi": {
		"error ISA-WIDTH@0", "error ISA-WIDTH@0", "error ISA-WIDTH@0", "error ISA-WIDTH@0",
	},
	"850_5010_stedi-bootstrap.edi": {
		"error ISA11@0", // U as repetition separator in 00501
		"error GS01@1",  // OW instead of PO
	},
	"855_4010_bookdistributor_node-x12.edi": nil,
	"855_5010_stedi-bootstrap.edi":          nil,
	"997_5010X230_staedi.edi":               nil,
	"810_4010_freight_moov-io.txt": {
		"error TRAILING-SEP@103", "error TRAILING-SEP@104", // QTY*T5*10* and QTY*39*100*
	},
	"856_4060_1edisource_gozer_newline-terminated.txt": {
		"info NEWLINE-TERMINATOR@0", "info ISA12@1",
		"error IEA02@34", // 000000049 vs ISA13 000003438
	},
}

func TestValidateSamplesStrict(t *testing.T) {
	for _, name := range x12Samples(t) {
		if name == noEnvelopeSample {
			continue
		}
		t.Run(name, func(t *testing.T) {
			want, listed := sampleFindings[name]
			if !listed {
				t.Fatalf("sample not in the allow-list; add its expected findings")
			}
			ic, err := Parse(readSample(t, name))
			if err != nil {
				t.Fatal(err)
			}
			got := Validate(ic, Strict)
			if s := summarize(got); !slices.Equal(s, want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(s, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestValidateNoEnvelopeSample(t *testing.T) {
	segs, err := ParseSegments(readSample(t, noEnvelopeSample), DefaultDelimiters)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := Sets(segs)
	if err != nil {
		t.Fatal(err)
	}
	if got := ValidateSet(sets[0], Strict); len(got) != 0 {
		t.Errorf("findings: %v", got)
	}
}

// TestValidateTolerant: envelope quirks become warnings, content errors
// (GS01) stay errors.
func TestValidateTolerant(t *testing.T) {
	for name, want := range map[string][]string{
		"856_4060_1edisource_gozer_newline-terminated.txt": {"info NEWLINE-TERMINATOR@0", "info ISA12@1", "warning IEA02@34"},
		"850_5010_stedi-bootstrap.edi":                     {"warning ISA11@0", "error GS01@1"},
		"810_4010_freight_moov-io.txt":                     {"warning TRAILING-SEP@103", "warning TRAILING-SEP@104"},
	} {
		ic, err := Parse(readSample(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := summarize(Validate(ic, Tolerant)); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}

// TestValidateDerivedQuirks covers the quirks of §4.1 that no staged file
// has (BOM, wrong GE01/IEA01/SE02) on in-memory copies of a clean sample.
func TestValidateDerivedQuirks(t *testing.T) {
	src := readSample(t, "855_5010_stedi-bootstrap.edi")
	cases := map[string]struct {
		in   []byte
		want []string
	}{
		"BOM":   {append(append([]byte{}, utf8BOM...), src...), []string{"error BOM@-1"}},
		"GE01":  {bytes.Replace(src, []byte("GE*1*"), []byte("GE*2*"), 1), []string{"error GE01@19"}},
		"GE02":  {bytes.Replace(src, []byte("GE*1*000001746"), []byte("GE*1*1746"), 1), []string{"error GE02@19"}},
		"IEA01": {bytes.Replace(src, []byte("IEA*1*"), []byte("IEA*2*"), 1), []string{"error IEA01@20"}},
		"SE":    {bytes.Replace(src, []byte("SE*17*0001"), []byte("SE*16*0002"), 1), []string{"error SE01@18", "error SE02@18"}},
		"CTT01": {bytes.Replace(src, []byte("CTT*2"), []byte("CTT*3"), 1), []string{"error CTT01@17"}},
		"GS01":  {bytes.Replace(src, []byte("GS*PR*"), []byte("GS*IN*"), 1), []string{"error GS01@1"}},
		"GS04":  {bytes.Replace(src, []byte("*20220914*2022"), []byte("*220914*2022"), 1), []string{"error GS04@1"}},
		"ISA13": {bytes.Replace(src, []byte("*000001746*0*T"), []byte("*00000174X*0*T"), 1), []string{"error ISA13@0", "error IEA02@20"}},
	}
	for name, c := range cases {
		ic, err := Parse(c.in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := summarize(Validate(ic, Strict)); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}

func segs(lines ...string) []Segment {
	out := make([]Segment, len(lines))
	for i, l := range lines {
		f := strings.Split(l, "*")
		out[i] = Segment{ID: f[0], Elements: f[1:]}
	}
	return out
}

func set(id string, body ...string) Transaction {
	b := segs(body...)
	return Transaction{
		SetID: id,
		ST:    Segment{ID: "ST", Elements: []string{id, "0001"}},
		Body:  b,
		SE:    Segment{ID: "SE", Elements: []string{fmt.Sprint(len(b) + 2), "0001"}},
	}
}

func TestValidateStructure(t *testing.T) {
	cases := map[string]struct {
		t    Transaction
		want []string
	}{
		"850 ok":            {set("850", "BEG*00*SA*1**20240101", "REF*DP*1", "N1*ST*X", "N3*a", "N4*b", "REF*ZZ*y", "PO1*1*1*EA", "PID*F****x", "PO4*1", "CTT*1", "AMT*TT*1"), nil},
		"850 no PO1":        {set("850", "BEG*00*SA*1**20240101", "CTT*0"), []string{"error REQUIRED@2"}},
		"850 no BEG":        {set("850", "REF*DP*1", "PO1*1", "CTT*1"), []string{"error REQUIRED@1"}},
		"850 two BEG":       {set("850", "BEG*00", "BEG*00", "PO1*1"), []string{"error REPEAT@2"}},
		"850 REF after PO1": {set("850", "BEG*00", "PO1*1", "CTT*1", "REF*DP*1"), []string{"error ORDER@4"}},
		"850 N1 after PO1s": {set("850", "BEG*00", "PO1*1", "N1*ST", "PO1*2", "N1*BT*x", "N3*x"), nil}, // PO1-level N1 loops
		"850 CTT01":         {set("850", "BEG*00", "PO1*1", "PO1*2", "CTT*1"), []string{"error CTT01@4"}},
		"810 ok":            {set("810", "BIG*20240101*1", "IT1*1*1*EA*1", "TDS*100", "CTT*1"), nil},
		"810 no TDS":        {set("810", "BIG*20240101*1", "IT1*1*1*EA*1", "CTT*1"), []string{"error REQUIRED@3"}},
		"855 ACK in PO1":    {set("855", "BAK*00*AD*1*20240101", "PO1*1", "ACK*IA*1*EA", "DTM*068*20240101", "PO1*2", "ACK*IR", "CTT*2"), nil},
		"855 ACK first":     {set("855", "BAK*00*AD*1*20240101", "ACK*IA*1*EA", "PO1*1"), []string{"error ORDER@2"}},
		"856 ok":            {set("856", "BSN*00*1*20240101*1200", "HL*1**S", "TD1*CTN", "HL*2*1*O", "PRF*1", "HL*3*2*I", "LIN**VP*1", "SN1**1*EA", "CTT*3"), nil},
		"856 no HL":         {set("856", "BSN*00*1*20240101*1200", "CTT*0"), []string{"error REQUIRED@2"}},
		"856 CTT01":         {set("856", "BSN*00", "HL*1**S", "HL*2*1*O", "CTT*1"), []string{"error CTT01@4"}},
		"997 no AK5":        {set("997", "AK1*PO*1", "AK2*850*0001", "AK3*N1*1", "AK9*A*1*1*1"), []string{"error REQUIRED@4"}},
		"unknown set":       {set("832", "BCT*PC"), []string{"info NO-TABLE@0"}},
	}
	for name, c := range cases {
		if got := summarize(ValidateSet(c.t, Strict)); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}

// TestRenderedIsStrictClean: what Render writes passes strict validation,
// for each of the five sets.
func TestRenderedIsStrictClean(t *testing.T) {
	bodies := map[string][]Segment{
		"850": segs("BEG*00*SA*1**20240101", "PO1*1*2*EA*3.5", "CTT*1"),
		"810": segs("BIG*20240101*INV1", "IT1*1*2*EA*3.5", "TDS*700", "CTT*1"),
		"855": segs("BAK*00*AD*1*20240101", "PO1*1*2*EA", "ACK*IA*2*EA", "CTT*1"),
		"856": segs("BSN*00*S1*20240101*1200", "HL*1**S", "HL*2*1*O", "PRF*1", "CTT*2"),
		"997": segs("AK1*PO*1", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1"),
	}
	for id, body := range bodies {
		out, err := Render(testEnvelope(), Transaction{SetID: id, Body: body}, Transaction{SetID: id, Body: body})
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		ic, err := Parse([]byte(out))
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if got := Validate(ic, Strict); len(got) != 0 {
			t.Errorf("%s: %v", id, got)
		}
		if !reflect.DeepEqual(ic.Groups[0].Sets[1].Body, body) {
			t.Errorf("%s: body changed", id)
		}
	}
}
