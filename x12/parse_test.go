package x12

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const noEnvelopeSample = "810_4010_maersk_x12-types_no-envelope.edi"

// x12Samples lists the .edi and .txt test vectors.
func x12Samples(t testing.TB) []string {
	t.Helper()
	if _, err := os.Stat(samplesDir); err != nil {
		t.Skipf("sample folder %s not available: %v", samplesDir, err)
	}
	var names []string
	for _, pat := range []string{"*.edi", "*.txt"} {
		m, err := filepath.Glob(filepath.Join(samplesDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			names = append(names, filepath.Base(p))
		}
	}
	if len(names) == 0 {
		t.Skip("no samples")
	}
	return names
}

// canonical is the source as Encode should write it back: no BOM, no CR/LF
// or blank lines around segments, a terminator after every segment, and
// trailing element separators removed.
func canonical(src []byte, d Delimiters) []byte {
	src = bytes.TrimPrefix(src, utf8BOM)
	var out []byte
	for _, raw := range bytes.Split(src, []byte{d.Segment}) {
		raw = bytes.Trim(raw, "\r\n")
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		if !bytes.HasPrefix(raw, []byte("ISA")) {
			raw = bytes.TrimRight(raw, string(d.Element))
		}
		out = append(out, raw...)
		out = append(out, d.Segment)
	}
	return out
}

// envelopedSamples lists the samples with an ISA envelope.
func envelopedSamples(t testing.TB) []string {
	return slices.DeleteFunc(x12Samples(t), func(name string) bool { return name == noEnvelopeSample })
}

func TestParseSamples(t *testing.T) {
	for _, name := range envelopedSamples(t) {
		t.Run(name, func(t *testing.T) {
			src := readSample(t, name)
			ic, err := Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			if len(ic.Groups) == 0 || len(ic.Groups[0].Sets) == 0 {
				t.Fatal("no sets")
			}
			out, err := ic.Encode()
			if err != nil {
				t.Fatal(err)
			}
			if want := canonical(src, ic.Delimiters); !bytes.Equal(out, want) {
				t.Errorf("Encode differs from the source\ngot:  %q\nwant: %q", out, want)
			}
			ic2, err := Parse(out)
			if err != nil {
				t.Fatalf("re-parse: %v", err)
			}
			if !reflect.DeepEqual(trimmedSegments(ic2), trimmedSegments(ic)) {
				t.Error("re-parsed segments differ")
			}
		})
	}
}

// trimmedSegments lists every segment without trailing empty elements,
// which is all Encode is allowed to change.
func trimmedSegments(ic *Interchange) []Segment {
	segs := ic.Segments()
	for i := range segs {
		segs[i].Elements = trimTrailingEmpty(segs[i].Elements)
	}
	return segs
}

// TestRenderParsedSamples sends every parsed group back through Render with
// the file's own delimiters: the bodies must come back unchanged.
func TestRenderParsedSamples(t *testing.T) {
	for _, name := range x12Samples(t) {
		if name == noEnvelopeSample {
			continue
		}
		t.Run(name, func(t *testing.T) {
			ic, err := Parse(readSample(t, name))
			if err != nil {
				t.Fatal(err)
			}
			for gi, g := range ic.Groups {
				env := testEnvelope()
				env.Delimiters = ic.Delimiters
				env.Version = ic.ISA.Element(12)
				out, err := Render(env, g.Sets...)
				if err != nil {
					t.Fatalf("group %d: %v", gi+1, err)
				}
				back, err := Parse([]byte(out))
				if err != nil {
					t.Fatalf("group %d: re-parse: %v", gi+1, err)
				}
				for si, s := range g.Sets {
					got := back.Groups[0].Sets[si]
					if segmentsText(got.Body) != segmentsText(s.Body) || got.SetID != s.SetID {
						t.Errorf("group %d set %d differs after Render", gi+1, si+1)
					}
				}
			}
		})
	}
}

func TestParseSegmentsNoEnvelope(t *testing.T) {
	segs, err := ParseSegments(readSample(t, noEnvelopeSample), DefaultDelimiters)
	if err != nil {
		t.Fatal(err)
	}
	sets, err := Sets(segs)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 1 || sets[0].SetID != "810" || len(sets[0].Body) != 21 {
		t.Fatalf("got %d sets, first %+v", len(sets), sets)
	}
	if got := sets[0].Body[len(sets[0].Body)-1].String(); got != "CTT*1" {
		t.Errorf("last body segment = %s", got)
	}
}

func TestParseDelimitersAndLayout(t *testing.T) {
	cases := []struct {
		name   string
		d      Delimiters
		layout Layout
	}{
		{"850_5010_stedi-bootstrap.edi", Delimiters{'*', '>', 0, '~'}, Layout{FixedISA: true, LineBreaks: true}},
		{"855_5010_stedi-bootstrap.edi", Delimiters{'*', '>', '^', '~'}, Layout{FixedISA: true, LineBreaks: true}},
		{"850_5010_napa_x12-types_nonpadded-ISA.edi", Delimiters{'*', ':', '|', '~'}, Layout{LineBreaks: true}},
		{"810_4010_adobe_x12-types_nonpadded-ISA.edi", Delimiters{'*', '>', 0, '~'}, Layout{LineBreaks: true}},
		{"856_4060_1edisource_gozer_newline-terminated.txt", Delimiters{'*', '>', 0, '\n'}, Layout{FixedISA: true}},
		{"810_4010_freight_moov-io.txt", Delimiters{'*', '|', 0, '~'}, Layout{FixedISA: true, LineBreaks: true}},
	}
	for _, c := range cases {
		ic, err := Parse(readSample(t, c.name))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if ic.Delimiters != c.d || ic.Layout != c.layout {
			t.Errorf("%s: delimiters %q layout %+v; want %q %+v", c.name, ic.Delimiters, ic.Layout, c.d, c.layout)
		}
	}
	// moov-io's QTY*39**ZZ||1*EA has a composite with an empty component.
	ic, _ := Parse(readSample(t, "810_4010_freight_moov-io.txt"))
	qty := ic.Groups[0].Sets[0].Body
	for _, s := range qty {
		if s.ID == "QTY" && s.Element(1) == "39" {
			if s.Component(3, 1) != "ZZ" || s.Component(3, 3) != "1" {
				t.Errorf("QTY03 components: %q", s.Element(3))
			}
		}
	}
}

func TestParseTolerance(t *testing.T) {
	src := readSample(t, "855_5010_stedi-bootstrap.edi")
	ref, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"BOM":            append(append([]byte{}, utf8BOM...), src...),
		"CRLF":           bytes.ReplaceAll(src, []byte("~\n"), []byte("~\r\n")),
		"blank lines":    bytes.ReplaceAll(src, []byte("~\n"), []byte("~\n\n")),
		"newline as ~":   bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("~\n"), []byte("~")), []byte("~"), []byte("\n")),
		"no final ~":     bytes.TrimRight(src, "~\n"),
		"leading blanks": append([]byte("\r\n  "), src...),
	}
	for name, in := range variants {
		ic, err := Parse(in)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(ic.Segments(), ref.Segments()) {
			t.Errorf("%s: segments differ", name)
		}
	}
	if ic, _ := Parse(variants["BOM"]); !ic.Layout.BOM {
		t.Error("BOM not recorded")
	}
	if ic, _ := Parse(variants["blank lines"]); !ic.Layout.BlankLines {
		t.Error("blank lines not recorded")
	}
}

func TestParseMissingISA16(t *testing.T) {
	in := "ISA*00* *00* *ZZ*A *ZZ*B *110913*2201*U*00401*1*0*P*~GS*PO*A*B*20110913*2201*1*X*004010~ST*850*1~BEG*00*SA*1**20110101~SE*3*1~GE*1*1~IEA*1*1~"
	ic, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !ic.Layout.MissingISA16 || ic.Delimiters.Component != 0 || ic.Delimiters.Segment != '~' {
		t.Errorf("layout %+v delimiters %q", ic.Layout, ic.Delimiters)
	}
}

func TestParseErrors(t *testing.T) {
	good := string(readSample(t, "855_5010_stedi-bootstrap.edi"))
	cases := map[string]string{
		"empty":         "",
		"no ISA":        "GS*PR~",
		"short ISA":     "ISA*00*00~",
		"no IEA":        good[:strings.Index(good, "IEA")],
		"no SE":         strings.Replace(good, "SE*17*0001~", "", 1),
		"data after":    good + "ST*855*0002~",
		"bad ID":        strings.Replace(good, "BAK*", "bak*", 1),
		"ST outside GS": strings.Replace(good, "GS*", "XX*", 1),
	}
	for name, in := range cases {
		if _, err := Parse([]byte(in)); !errors.Is(err, ErrSyntax) {
			t.Errorf("%s: err = %v, want ErrSyntax", name, err)
		}
	}
}
