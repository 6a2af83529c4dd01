package inspect

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/internal/x12gen"
)

// updateGoldens rewrites testdata/golden from the reports read now:
// `go test ./inspect -run TestReportGoldens -update`, then review the diff.
var updateGoldens = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

// samplesDir holds the real X12 test vectors (../shared/x12-samples,
// with their SOURCES.md); they are read in place, never copied or edited.
const samplesDir = "../../shared/x12-samples"

// goldenCase is one input whose report is pinned byte for byte.
type goldenCase struct {
	name  string
	input func(t *testing.T) []byte
}

// The report of every input below is compared, byte for byte, with the
// one committed in testdata/golden: a change in how inspect reads or
// writes (a faster scanner, tree or JSON writer) must leave every report
// as it was. The inputs are every sample, partner variants of them that
// take the tolerant paths (stray segments, segments left out of the Guide
// JSON, repeated and composite elements, duplicate control numbers, a
// broken envelope), a 999, and generated files of every set the generator
// writes, one of them a set read on the reading goroutine as it streams.
func TestReportGoldens(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := readReport(t, c.name, c.input(t))
			path := filepath.Join("testdata", "golden", c.name+".json")
			if len(got) > 256<<10 {
				path += ".gz"
			}
			if *updateGoldens {
				writeGolden(t, path, got)
				return
			}
			want := readGolden(t, path)
			if !bytes.Equal(got, want) {
				t.Errorf("the report differs from %s at line %d:\n got %q\nwant %q", path, firstDiffLine(got, want),
					lineAt(got, firstDiffLine(got, want)), lineAt(want, firstDiffLine(got, want)))
			}
		})
	}
}

func goldenCases(t *testing.T) []goldenCase {
	var cases []goldenCase
	entries, err := os.ReadDir(samplesDir)
	if err != nil {
		t.Skipf("samples not available: %v", err)
	}
	for _, e := range entries {
		if name := e.Name(); name != "SOURCES.md" && !e.IsDir() {
			cases = append(cases, goldenCase{"sample-" + name, func(t *testing.T) []byte { return sample(t, name) }})
		}
	}
	for _, v := range partnerVariants {
		cases = append(cases, goldenCase{v.name, func(t *testing.T) []byte { return v.apply(t) }})
	}
	cases = append(cases, goldenCase{"999.x12", func(*testing.T) []byte { return []byte(sample999) }})
	for _, g := range generatedCases {
		cases = append(cases, goldenCase{g.name, func(t *testing.T) []byte { return generate(t, g.opt) }})
	}
	return cases
}

// partnerVariant is a sample changed by edits (old → new, in order).
type partnerVariant struct {
	name, sample string
	edits        []string
}

var partnerVariants = []partnerVariant{
	// A DTM inside the ship-to party loop and a segment of the partner's own among the lines.
	{"partner-850-out-of-place.x12", "850_5010_stedi-bootstrap.edi", []string{
		"N3*111 Canyon Court~", "N3*111 Canyon Court~\nDTM*002*20221001~",
		"PID*F****Detonator~", "PID*F****Detonator~\nZZP*partner data~",
		"SE*16*000000057~", "SE*18*000000057~"}},
	// An ACK before the first PO1: out of place, and left out of the Guide JSON.
	{"partner-855-ack-before-po1.x12", "855_4010_bookdistributor_node-x12.edi", []string{
		"N4*FORT WAYNE*IN*46825~", "N4*FORT WAYNE*IN*46825~\nACK*IA*3*UN~",
		"SE*26*0005~", "SE*27*0005~"}},
	// Repeated (^) and composite (>) elements, and a number that is not one.
	{"partner-855-repetition-composite.x12", "855_5010_stedi-bootstrap.edi", []string{
		"REF*CO*ACME-4567~", "REF*CO*ACME-4567^ACME-4568*A>B~",
		"PO1*item-2*4*EA*125**", "PO1*item-2*4*EA*1.2.5**"}},
	// Two sets of one group with the same ST02.
	{"partner-810-duplicate-st02.x12", "810_4010_buysnacks_staedi.edi", []string{
		"ST*810*000000002~", "ST*810*000000001~", "SE*22*000000002~", "SE*22*000000001~"}},
	// A set without its SE: the reading stops at the GE with an error.
	{"partner-810-broken-envelope.x12", "810_4010_buysnacks_staedi.edi", []string{"SE*22*000000002~", ""}},
}

func (v partnerVariant) apply(t *testing.T) []byte {
	text := string(sample(t, v.sample))
	for i := 0; i+1 < len(v.edits); i += 2 {
		if !strings.Contains(text, v.edits[i]) {
			t.Fatalf("%s has no %q", v.sample, v.edits[i])
		}
		text = strings.Replace(text, v.edits[i], v.edits[i+1], 1)
	}
	return []byte(text)
}

// sample999 is a 999 written for these tests (see ack_test.go).
const sample999 = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*NORTHWIND      *261126*1030*^*00501*000000017*0*P*:~\n" +
	"GS*FA*PAYER*NORTHWIND*20261126*1030*17*X*005010X231~\nST*999*0001*005010X231~\nAK1*HC*17*005010X222A1~\n" +
	"AK2*837*0001*005010X222A1~\nIK3*NM1*9*2010BA*8~\nCTX*CLM01:PATIENT1~\nIK4*9*67*I12*ABC~\nIK5*R*I5~\n" +
	"AK2*837*0002*005010X222A1~\nIK5*A~\nAK9*P*2*2*1~\nSE*11*0001~\nGE*1*17~\nIEA*1*000000017~\n"

var generatedCases = []struct {
	name string
	opt  x12gen.Options
}{
	// Four interchanges, so every delimiter set of the generator is used.
	{"generated-interchanges.x12", x12gen.Options{Size: 30000, Sets: 2, Lines: 3, Newlines: true}},
	{"generated-855.x12", x12gen.Options{HugeSet: 40, HugeSetKind: "855"}},
	// More segments than a worker takes whole (maxJobSegments).
	{"generated-850-read-as-it-streams.x12", x12gen.Options{HugeSet: maxJobSegments / 2}},
}

func sample(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(samplesDir, name))
	if err != nil {
		t.Skipf("sample not available: %v", err)
	}
	return data
}

func generate(t *testing.T, opt x12gen.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := x12gen.Write(&buf, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readReport is the report of input; a broken envelope is part of it.
func readReport(t *testing.T, name string, input []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	err := Read(context.Background(), name, bytes.NewReader(input), &out, Options{})
	if err != nil && !errors.Is(err, ErrBrokenEnvelope) {
		t.Fatalf("%s: %v", name, err)
	}
	return out.Bytes()
}

func writeGolden(t *testing.T, path string, data []byte) {
	t.Helper()
	if strings.HasSuffix(path, ".gz") {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		data = buf.Bytes()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGolden(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (write it with -update)", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return data
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	data, err = io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// firstDiffLine is the 1-based line at which a and b first differ.
func firstDiffLine(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return bytes.Count(a[:i], []byte("\n")) + 1
}

func lineAt(data []byte, line int) string {
	lines := strings.SplitN(string(data), "\n", line+1)
	if line > len(lines) {
		return ""
	}
	return lines[line-1]
}
