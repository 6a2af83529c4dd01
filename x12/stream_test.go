package x12

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// readAll streams src and returns every event, stopping at the first error.
func readAll(t *testing.T, src []byte) ([]Event, error) {
	t.Helper()
	r := NewReader(bytes.NewReader(src))
	var evs []Event
	for {
		ev, err := r.Next()
		if errors.Is(err, io.EOF) {
			return evs, nil
		}
		if err != nil {
			return evs, err
		}
		evs = append(evs, ev)
	}
}

func eventSegments(evs []Event) []Segment {
	var out []Segment
	for _, ev := range evs {
		out = append(out, ev.Segment)
	}
	return out
}

// placementCodes are the findings of the set tables, which Validate and
// the Reader find with different walks (Validate stops at the first ORDER).
var placementCodes = []string{"ORDER", "OUT-OF-PLACE", "UNKNOWN-SEGMENT", "REQUIRED", "REPEAT", "NO-TABLE"}

func noteCodes(evs []Event) []string {
	var out []string
	for _, ev := range evs {
		for _, n := range ev.Notes {
			if !slices.Contains(placementCodes, n.Code) {
				out = append(out, n.Code)
			}
		}
	}
	slices.Sort(out)
	return out
}

func findingCodes(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		if !slices.Contains(placementCodes, f.Code) {
			out = append(out, f.Code)
		}
	}
	slices.Sort(out)
	return out
}

// The streaming reader sees every enveloped sample exactly as Parse does,
// segment for segment and position for position, and finds the same
// envelope, layout and count problems as Validate.
func TestReaderMatchesParseAndValidate(t *testing.T) {
	for _, name := range envelopedSamples(t) {
		t.Run(name, func(t *testing.T) {
			src := readSample(t, name)
			ic, err := Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			evs, err := readAll(t, src)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := eventSegments(evs), ic.Segments(); !reflect.DeepEqual(got, want) {
				t.Fatalf("segments differ\ngot  %v\nwant %v", got, want)
			}
			for i, ev := range evs {
				if ev.At.Segment != i+1 {
					t.Errorf("event %d numbered %d", i, ev.At.Segment)
				}
				off := bytes.TrimPrefix(src[ev.At.Offset:], utf8BOM)
				if !bytes.HasPrefix(off, []byte(ev.Segment.ID)) {
					t.Errorf("segment %d (%s) at offset %d reads %q", i+1, ev.Segment.ID, ev.At.Offset, truncate(string(off), 10))
				}
			}
			if got, want := noteCodes(evs), findingCodes(Validate(ic, Tolerant)); !reflect.DeepEqual(got, want) {
				t.Errorf("codes differ\nstream:   %v\nValidate: %v", got, want)
			}
		})
	}
}

// Interchanges follow each other with their own delimiters; a BOM and
// blank lines in between are layout.
func TestReaderSeveralInterchanges(t *testing.T) {
	names := []string{"850_4010VICS_1edisource_node-x12.edi", "850_5010_napa_x12-types_nonpadded-ISA.edi",
		"856_4060_1edisource_gozer_newline-terminated.txt", "997_5010X230_staedi.edi"}
	var src []byte
	var want []Segment
	src = append(src, utf8BOM...)
	for _, n := range names {
		one := readSample(t, n)
		ic, err := Parse(one)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, ic.Segments()...)
		src = append(append(src, one...), "\r\n\r\n"...)
	}
	evs, err := readAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := eventSegments(evs); !reflect.DeepEqual(got, want) {
		t.Fatalf("segments differ\ngot  %v\nwant %v", got, want)
	}
	starts := 0
	for _, ev := range evs {
		if ev.Kind == InterchangeStart {
			starts++
		}
	}
	if starts != len(names) {
		t.Errorf("%d interchanges, want %d", starts, len(names))
	}
}

func TestReaderBareSet(t *testing.T) {
	src := readSample(t, noEnvelopeSample)
	evs, err := readAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ParseSegments(src, Delimiters{Element: '*', Segment: '~'})
	if err != nil {
		t.Fatal(err)
	}
	if got := eventSegments(evs); !reflect.DeepEqual(got, want) {
		t.Fatalf("segments differ\ngot  %v\nwant %v", got, want)
	}
	if evs[0].Kind != SetStart || !hasNote(evs[0], "NO-ENVELOPE") || evs[len(evs)-1].Kind != SetEnd {
		t.Errorf("first %+v, last %+v", evs[0], evs[len(evs)-1])
	}
}

func hasNote(ev Event, code string) bool {
	return slices.ContainsFunc(ev.Notes, func(n Note) bool { return n.Code == code })
}

// Only a broken envelope stops the reader.
func TestReaderBrokenEnvelope(t *testing.T) {
	isa := "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*U*00401*000000001*0*P*>~"
	gs := "GS*PO*S*R*20240101*1200*1*X*004010~"
	set := "ST*850*0001~BEG*00*SA*1**20240101~PO1*1*1*EA*1~SE*4*0001~"
	cases := map[string]string{
		"GS before ISA":       gs + set,
		"ST outside a group":  isa + set + "IEA*1*000000001~",
		"no SE before GE":     isa + gs + "ST*850*0001~BEG*00*SA*1**20240101~GE*1*1~IEA*1*000000001~",
		"ends inside a group": isa + gs + set,
		"ends inside a set":   isa + gs + "ST*850*0001~BEG*00*SA*1**20240101~",
		"text after IEA":      isa + gs + set + "GE*1*1~IEA*1*000000001~hello",
		"neither ISA nor ST":  "hello world",
		"segment without end": isa + gs + "ST*850*0001~BEG*00*SA*" + strings.Repeat("x", MaxSegmentLen+10),
		"ISA of 15 elements":  "ISA*00*x*00*x*ZZ*S*ZZ*R*240101*1200*U*00401*1*0*P~GS*PO~",
		"second ISA in a set": isa + gs + "ST*850*0001~" + isa,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := readAll(t, []byte(src)); !errors.Is(err, ErrSyntax) {
				t.Errorf("err %v, want ErrSyntax", err)
			}
		})
	}
}

// A control number used twice in a group is a finding at the second set;
// the same number in another group is not.
func TestReaderDuplicateST02(t *testing.T) {
	isa := "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*U*00401*000000001*0*P*>~"
	set := func(id string) string { return "ST*997*" + id + "~AK1*PO*1~AK9*A*1*1*1~SE*4*" + id + "~" }
	src := isa + "GS*FA*S*R*20240101*1200*1*X*004010~" + set("0001") + set("0002") + set("0001") + "GE*3*1~" +
		"GS*FA*S*R*20240101*1200*2*X*004010~" + set("0001") + "GE*1*2~IEA*2*000000001~"
	evs, err := readAll(t, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var dups []Note
	for _, ev := range evs {
		for _, n := range ev.Notes {
			if n.Code == "DUPLICATE-ST02" {
				dups = append(dups, n)
			}
		}
	}
	if len(dups) != 1 || dups[0].At.Segment != 11 || !strings.Contains(dups[0].Message, "segment 3") {
		t.Fatalf("duplicate findings %+v", dups)
	}
}
