package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/inspect"
)

// partnerFile writes a sample changed by edits (old → new, in order) to a
// temporary file; the samples themselves are never edited.
func partnerFile(t *testing.T, sample string, edits ...string) string {
	t.Helper()
	src, err := os.ReadFile(samplePath(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(text, edits[i]) {
			t.Fatalf("%s has no %q", sample, edits[i])
		}
		text = strings.Replace(text, edits[i], edits[i+1], 1)
	}
	path := filepath.Join(t.TempDir(), "partner-"+sample)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A partner's 850 with a DTM inside the ship-to party loop (the 850 table
// has DTM in the heading before the N1 loop, and in the lines) and a
// segment of its own among the lines is read whole, with both reported
// where they stand.
func TestInspectPartner850OutOfPlaceSegment(t *testing.T) {
	path := partnerFile(t, "850_5010_stedi-bootstrap.edi",
		"N3*111 Canyon Court~", "N3*111 Canyon Court~\nDTM*002*20221001~",
		"PID*F****Detonator~", "PID*F****Detonator~\nZZP*partner data~",
		"SE*16*000000057~", "SE*18*000000057~")
	d := inspectPath(t, path).Documents[0]
	if d.PurchaseOrder == nil || d.PurchaseOrder.Number != "365465413" || len(d.Lines) != 2 || d.Totals["line_amount"] != 3700.0 {
		t.Fatalf("not read whole: %+v, %d lines, totals %v", d.PurchaseOrder, len(d.Lines), d.Totals)
	}
	out := d.finding("OUT-OF-PLACE")
	if out == nil || out.Segment != "DTM" || out.At == nil || out.At.InSet != 9 || !strings.Contains(out.Message, "N1 loop") {
		t.Errorf("out-of-place finding %+v", out)
	}
	unknown := d.finding("UNKNOWN-SEGMENT")
	if unknown == nil || unknown.Segment != "ZZP" || unknown.At.InSet != 15 {
		t.Errorf("unknown-segment finding %+v", unknown)
	}
	if d.finding("SE01") != nil {
		t.Errorf("the count was fixed, yet %+v", d.finding("SE01"))
	}
	// The DTM is shown with the party it sits in, which goes on after it.
	if p := d.PurchaseOrder.Parties; len(p) != 1 || p[0].City != "Phoenix" || len(p[0].Other) != 1 || p[0].Other[0] != "DTM*002*20221001" {
		t.Errorf("ship-to %+v", p)
	}
}

// A partner's 855 with an ACK before its first PO1 is still read into the
// acknowledgment and the X3 update, with the stray ACK reported.
func TestInspectPartner855OutOfPlaceSegment(t *testing.T) {
	path := partnerFile(t, "855_4010_bookdistributor_node-x12.edi",
		"N4*FORT WAYNE*IN*46825~", "N4*FORT WAYNE*IN*46825~\nACK*IA*3*UN~",
		"SE*26*0005~", "SE*27*0005~")
	d := inspectPath(t, path).Documents[0]
	if a := d.Acknowledgment; a == nil || a.PONumber != "POTEST1112" || len(a.Lines) != 4 || len(d.X3Update) != 1 {
		t.Fatalf("acknowledgment %+v", a)
	}
	if f := d.finding("OUT-OF-PLACE"); f == nil || f.Segment != "ACK" || f.At.InSet != 10 {
		t.Errorf("out-of-place finding %+v (all: %+v)", f, d.Findings)
	}
	if f := d.finding("NOT-READ"); f == nil || f.Segment != "ACK" || f.At.InSet != 10 {
		t.Errorf("not-read finding %+v", f)
	}
}

// Two sets of one group with the same ST02 (issue 14): both read, the
// second one with a DUPLICATE-ST02 finding naming the first.
func TestInspectDuplicateST02(t *testing.T) {
	path := partnerFile(t, "810_4010_buysnacks_staedi.edi",
		"ST*810*000000002~", "ST*810*000000001~", "SE*22*000000002~", "SE*22*000000001~")
	rep := inspectPath(t, path)
	if len(rep.Documents) != 2 {
		t.Fatalf("%d documents", len(rep.Documents))
	}
	if f := rep.Documents[0].finding("DUPLICATE-ST02"); f != nil {
		t.Errorf("first set flagged: %+v", f)
	}
	f := rep.Documents[1].finding("DUPLICATE-ST02")
	if f == nil || !strings.Contains(f.Message, `"000000001"`) || !strings.Contains(f.Message, "segment 3") || f.At.Segment != 35 {
		t.Errorf("duplicate finding %+v", f)
	}
}

// Only a broken envelope stops the reading: what was read is printed as
// complete JSON with the error, and the command fails.
func TestInspectBrokenEnvelope(t *testing.T) {
	path := partnerFile(t, "810_4010_buysnacks_staedi.edi", "SE*22*000000002~", "")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"inspect", path}, &out, &errOut)
	if !errors.Is(err, inspect.ErrBrokenEnvelope) {
		t.Fatalf("err %v", err)
	}
	var rep inspectOutput
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out.String())
	}
	rep.flatten()
	if len(rep.Documents) != 2 || rep.Documents[0].Invoice.Number != "00001" || !strings.Contains(rep.Error, "GE where the SE") {
		t.Errorf("documents %d, error %q", len(rep.Documents), rep.Error)
	}
}
