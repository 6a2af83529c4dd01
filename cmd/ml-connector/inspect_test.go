package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/inspect"
)

const samplesDir = "../../../shared/x12-samples"

// inspectOutput is the report `inspect` prints, as far as the tests read it.
type inspectOutput struct {
	Format       string `json:"format"`
	Interchanges []struct {
		inspect.Interchange
		Groups []struct {
			inspect.Group
			Documents []inspectedDocument `json:"documents"`
			Findings  []inspect.Finding   `json:"findings"`
		} `json:"groups"`
		Findings []inspect.Finding `json:"findings"`
	} `json:"interchanges"`
	Documents []inspectedDocument `json:"documents"` // without envelope; then those of the interchanges
	Findings  []inspect.Finding   `json:"findings"`  // of every interchange and group, then the report's own
	Summary   inspect.Summary     `json:"summary"`
	Error     string              `json:"error"`
}

// flatten lists every document with its envelope, and every envelope
// finding, in file order.
func (o *inspectOutput) flatten() {
	var findings []inspect.Finding
	for i := range o.Interchanges {
		ic := &o.Interchanges[i]
		for j := range ic.Groups {
			g := &ic.Groups[j]
			for _, d := range g.Documents {
				d.Interchange, d.Group = &ic.Interchange, &g.Group
				o.Documents = append(o.Documents, d)
			}
			findings = append(findings, g.Findings...)
		}
		findings = append(findings, ic.Findings...)
	}
	o.Findings = append(findings, o.Findings...)
}

type inspectedDocument struct {
	Set            string               `json:"set"`
	ControlNumber  string               `json:"control_number"`
	Interchange    *inspect.Interchange `json:"-"`
	Group          *inspect.Group       `json:"-"`
	PurchaseOrder  *inspect.Order       `json:"purchase_order"`
	Invoice        *inspect.Invoice     `json:"invoice"`
	Lines          []inspect.Line       `json:"lines"`
	Totals         map[string]any       `json:"totals"`
	Acknowledgment *core.Acknowledgment `json:"acknowledgment"`
	Shipment       *core.Shipment       `json:"shipment"`
	X3Update       []core.POUpdate      `json:"x3_update"`
	FunctionalAck  *core.FunctionalAck  `json:"functional_acknowledgment"`
	InWords        *inspect.AckWords    `json:"in_words"`
	Segments       []string             `json:"segments"`
	Findings       []inspect.Finding    `json:"findings"`
}

func (d inspectedDocument) finding(code string) *inspect.Finding {
	for i := range d.Findings {
		if d.Findings[i].Code == code {
			return &d.Findings[i]
		}
	}
	return nil
}

func samplePath(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(samplesDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("sample not available: %v", err)
	}
	return path
}

// inspectPath runs `ml-connector inspect PATH`, which must succeed and
// print one JSON document.
func inspectPath(t *testing.T, path string) inspectOutput {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"inspect", path}, &out, &errOut); err != nil {
		t.Fatalf("inspect %s: %v\n%s", path, err, errOut.String())
	}
	var rep inspectOutput
	dec := json.NewDecoder(&out)
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("inspect printed no JSON: %v\n%s", err, out.String())
	}
	if dec.More() {
		t.Fatal("more than one JSON document")
	}
	rep.flatten()
	if len(rep.Documents) == 0 {
		t.Fatalf("no documents in %s", out.String())
	}
	return rep
}

func inspectSample(t *testing.T, name string) inspectOutput {
	t.Helper()
	return inspectPath(t, samplePath(t, name))
}

// envelope is what a test expects of a document's interchange and group.
type envelope struct {
	sender, receiver, isa13, version, usage string
	functional, gs06, gs08, st02            string
}

func checkEnvelope(t *testing.T, d inspectedDocument, want envelope) {
	t.Helper()
	ic, g := d.Interchange, d.Group
	if ic == nil || g == nil {
		t.Fatalf("no envelope: %+v", d)
	}
	got := envelope{ic.Sender.Qualifier + "/" + ic.Sender.ID, ic.Receiver.Qualifier + "/" + ic.Receiver.ID, ic.ControlNumber,
		ic.Version, ic.Usage, g.FunctionalID, g.ControlNumber, g.Version, d.ControlNumber}
	if got != want {
		t.Errorf("envelope\n got %+v\nwant %+v", got, want)
	}
	if ic.UsageMeaning == "" || ic.Delimiters.Element == "" || ic.Delimiters.Segment == "" {
		t.Errorf("usage or delimiters missing: %+v", ic)
	}
}

// lineText sums up a line as "line qty unit price amount qualifier:id…".
func lineText(l inspect.Line) string {
	s := []string{l.Line, l.Quantity.String(), l.Unit, l.UnitPrice.String(), l.Amount.String()}
	for _, p := range l.Products {
		s = append(s, p.Qualifier+":"+p.ID)
	}
	return strings.Join(s, " ")
}

func TestInspect850Samples(t *testing.T) {
	cases := []struct {
		file      string
		env       envelope
		po, date  string
		lines     int
		firstLine string
	}{
		{"850_4010VICS_1edisource_node-x12.edi",
			envelope{"12/4405197800", "01/999999999", "000003438", "00400", "P", "PO", "1421", "004010VICS", "000000010"},
			"08292233294", "2010-11-27", 6, "1 120 EA 9.25 1110 CB:065322-117 PR:RO VN:AB3542"},
		{"850_4010VICS_1edisource_node-x12_newline-terminated.edi",
			envelope{"12/4405197800", "01/999999999", "000003438", "00400", "P", "PO", "1421", "004010VICS", "000000010"},
			"08292233294", "2010-11-27", 6, "1 120 EA 9.25 1110 CB:065322-117 PR:RO VN:AB3542"},
		{"850_4010_buysnacks_x12-types.edi",
			envelope{"ZZ/SENDERISA", "14/0073268795005", "000000001", "00401", "T", "PO", "1", "004010", "000000001"},
			"A99999-01", "1997-02-14", 7, " 16 CA 12.34 197.44 CB:000111111 UA:002840022222"},
		{"850_5010_napa_x12-types_nonpadded-ISA.edi",
			envelope{"ZZ/NAPA", "nn/partnerid", "000086518", "00501", "P", "PO", "865180001", "005010", "105832797"},
			"05832797OD000ZZZ04269", "2011-08-23", 4, "00001 2 EA   BP:AD7574 BL:ADO"},
		{"850_5010_stedi-bootstrap.edi",
			envelope{"ZZ/AMERCHANT", "14/ANOTHERMERCH", "000000057", "00501", "T", "OW", "000000057", "005010", "000000057"},
			"365465413", "2022-08-30", 2, "item-1 8 EA 400 3200 VC:VND1234567 SK:ACM/8900-400"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d := inspectSample(t, c.file).Documents[0]
			checkEnvelope(t, d, c.env)
			if d.Set != "850" || d.PurchaseOrder == nil || d.PurchaseOrder.Number != c.po || d.PurchaseOrder.Date != c.date {
				t.Fatalf("purchase order %+v", d.PurchaseOrder)
			}
			if len(d.Lines) != c.lines || lineText(d.Lines[0]) != c.firstLine {
				t.Errorf("%d lines, first %q", len(d.Lines), lineText(d.Lines[0]))
			}
		})
	}
}

func TestInspect850ReadsAWrongGroupCodeAndTotals(t *testing.T) {
	d := inspectSample(t, "850_5010_stedi-bootstrap.edi").Documents[0]
	if f := d.finding("GS01"); f == nil || !strings.Contains(f.Message, `"OW"`) {
		t.Errorf("no GS01 finding for the OW group: %+v", d.Findings)
	}
	if d.Totals["total_amount"] != 3700.0 || d.Totals["line_amount"] != 3700.0 || d.Totals["ctt_lines"] != "2" {
		t.Errorf("totals %v", d.Totals)
	}
}

func TestInspect810Samples(t *testing.T) {
	cases := []struct {
		file, number, po string
		env              *envelope
		lines            int
		firstLine        string
		total            float64 // TDS01 with its two implied decimals
	}{
		{"810_4010_buysnacks_staedi.edi", "00001", "A99999-01",
			&envelope{"ZZ/SENDERISA", "ZZ/RECEIVERISA", "000000020", "00401", "T", "IN", "1", "004010", "000000001"},
			7, " 16 CA 12.34 197.44 UA:002840022222", 2554.38},
		{"810+850_4010+3010_two-groups_staedi.edi", "00001", "A99999-01",
			&envelope{"ZZ/SENDERISA", "ZZ/RECEIVERISA", "000000020", "00401", "T", "IN", "1", "004010", "000000001"},
			7, " 16 CA 12.34 197.44 UA:002840022222", 2554.38},
		{"810_4010_adobe_x12-types_nonpadded-ISA.edi", "0013833070", "V8748745",
			&envelope{"16/102096559TEST", "14/PARTNERTEST", "810000263", "00040", "T", "IN", "810000263", "004010", "166061414"},
			1, "000010 1 EA 160 160 VP:65008841AB02A00 BP:7167946 UP:883919019161", 160},
		{"810_4010_freight_moov-io.txt", "654983115", "246322946",
			&envelope{"12/8004171844", "ZZ/DoETEMPID", "000000001", "00401", "P", "IN", "100000001", "004010", "0001"},
			1, "1 1 EA 807.5 807.5 IN:ARFW 007529-00 VN:852 KF:FREIGHT OT:1", 1395.5},
		{"810_4010_maersk_x12-types_no-envelope.edi", "US22-0003DGO2", "", nil, 1, "1 9 DA 441.33 3971.97", 39.72},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d := inspectSample(t, c.file).Documents[0]
			if c.env != nil {
				checkEnvelope(t, d, *c.env)
			} else if d.Interchange != nil || d.finding("NO-ENVELOPE") == nil {
				t.Errorf("a set without envelope: interchange %+v, findings %+v", d.Interchange, d.Findings)
			}
			if d.Set != "810" || d.Invoice == nil || d.Invoice.Number != c.number || d.Invoice.PONumber != c.po {
				t.Fatalf("invoice %+v", d.Invoice)
			}
			if len(d.Lines) != c.lines || lineText(d.Lines[0]) != c.firstLine {
				t.Errorf("%d lines, first %q", len(d.Lines), lineText(d.Lines[0]))
			}
			if d.Totals["total"] != c.total {
				t.Errorf("total %v, want %v (totals %v)", d.Totals["total"], c.total, d.Totals)
			}
		})
	}
}

// The second invoice of the staedi sample bills 150 cases at 12.34 with
// the first one's TDS: read, with the difference as a finding.
func TestInspect810TotalsDisagree(t *testing.T) {
	rep := inspectSample(t, "810_4010_buysnacks_staedi.edi")
	if len(rep.Documents) != 2 {
		t.Fatalf("%d documents", len(rep.Documents))
	}
	d := rep.Documents[1]
	if f := d.finding("TOTALS"); f == nil || !strings.Contains(f.Message, "1851") || d.Totals["line_amount"] != 1851.0 {
		t.Errorf("totals %v, findings %+v", d.Totals, d.Findings)
	}
	if rep.Documents[0].finding("TOTALS") != nil {
		t.Errorf("the first invoice adds up, yet: %+v", rep.Documents[0].Findings)
	}
}

func TestInspectTwoGroupsOfDifferentReleases(t *testing.T) {
	rep := inspectSample(t, "810+850_4010+3010_two-groups_staedi.edi")
	if len(rep.Documents) != 3 || rep.Summary.Groups != 2 {
		t.Fatalf("%d documents, summary %+v", len(rep.Documents), rep.Summary)
	}
	po := rep.Documents[2]
	if po.Set != "850" || po.Group.Index != 2 || po.Group.Version != "003010" || po.PurchaseOrder.Number != "S115921858" || len(po.Lines) != 4 {
		t.Errorf("850 of the second group: %+v %+v", po.Group, po.PurchaseOrder)
	}
}

func TestInspect855Samples(t *testing.T) {
	t.Run("4010", func(t *testing.T) {
		rep := inspectSample(t, "855_4010_bookdistributor_node-x12.edi")
		d := rep.Documents[0]
		checkEnvelope(t, d, envelope{"ZZ/1556150", "ZZ/123MILL", "000000005", "00401", "P", "PR", "5", "004010", "0005"})
		a := d.Acknowledgment
		if a == nil || a.PONumber != "POTEST1112" || len(a.Lines) != 4 {
			t.Fatalf("acknowledgment %+v", a)
		}
		if got := ackStatuses(a); got != "1=IA 2=IR 3=IR 4=IA" {
			t.Errorf("statuses %q", got)
		}
		if l := a.Lines[0]; l.Quantity != 3 || l.UnitPrice != 4.5 || l.Products[0] != (core.ProductID{Qualifier: "EN", ID: "9780446360265"}) {
			t.Errorf("first line %+v", l)
		}
	})
	t.Run("5010", func(t *testing.T) {
		d := inspectSample(t, "855_5010_stedi-bootstrap.edi").Documents[0]
		checkEnvelope(t, d, envelope{"14/ANOTHERMERCH", "ZZ/THISISME", "000001746", "00501", "T", "PR", "000001746", "005010", "0001"})
		if d.Interchange.Delimiters.Repetition != "^" {
			t.Errorf("delimiters %+v", d.Interchange.Delimiters)
		}
		if a := d.Acknowledgment; a == nil || a.PONumber != "365465413" || len(d.X3Update) != 1 {
			t.Fatalf("acknowledgment %+v, update %+v", a, d.X3Update)
		}
	})
}

func ackStatuses(a *core.Acknowledgment) string {
	var s []string
	for _, l := range a.Lines {
		for _, ack := range l.Acks {
			s = append(s, l.LineID+"="+ack.Status)
		}
	}
	return strings.Join(s, " ")
}

func TestInspect856Sample(t *testing.T) {
	rep := inspectSample(t, "856_4060_1edisource_gozer_newline-terminated.txt")
	d := rep.Documents[0]
	checkEnvelope(t, d, envelope{"ZZ/ABCDEFGHIJKLMNO", "ZZ/123456789012345", "000003438", "00400", "P", "SH", "49", "004060", "0008"})
	s := d.Shipment
	if s == nil || s.ID != "829716" || len(s.Orders) != 1 || s.Orders[0].PONumber != "99999817" || len(s.Orders[0].Items) != 2 {
		t.Fatalf("shipment %+v", s)
	}
	if it := s.Orders[0].Items[0]; it.LineID != "1" || it.Quantity != 24 || it.Products[0] != (core.ProductID{Qualifier: "VP", ID: "87787D"}) {
		t.Errorf("first item %+v", it)
	}
	if !slices.ContainsFunc(rep.Findings, func(f inspect.Finding) bool { return f.Code == "IEA02" }) {
		t.Errorf("no IEA02 finding for the sample's wrong IEA02: %+v", rep.Findings)
	}
}

func TestInspect997Sample(t *testing.T) {
	d := inspectSample(t, "997_5010X230_staedi.edi").Documents[0]
	checkEnvelope(t, d, envelope{"ZZ/ReceiverID", "ZZ/Sender", "508121953", "00501", "P", "FA", "000005", "005010X230", "0001"})
	fa := d.FunctionalAck
	if fa == nil || fa.GroupID != "HC" || fa.GroupControl != 1 || fa.GroupStatus != "R" || fa.Included != 1 || fa.Accepted != 0 {
		t.Fatalf("functional acknowledgment %+v", fa)
	}
	if len(fa.Sets) != 1 || len(fa.Sets[0].Segments) != 1 || len(fa.Sets[0].Segments[0].Elements) != 1 {
		t.Fatalf("sets %+v", fa.Sets)
	}
	r, se, ee := fa.Sets[0], fa.Sets[0].Segments[0], fa.Sets[0].Segments[0].Elements[0]
	if r.SetID != "837" || r.Control != "0021" || r.Status != "R" || se.Segment != "NM1" || se.Position != 8 || se.Code != "8" ||
		ee.Position != 8 || ee.Reference != "66" || ee.Code != "7" || ee.Bad != "MI" {
		t.Errorf("set response %+v", r)
	}
	// The codes in words: AK501 R, AK502 5, AK304 8, AK403 7.
	want := `837 0021: rejected (R); one or more segments in error: segment NM1 at position 8: segment has data element errors; element NM108 (66): invalid code value, got "MI"`
	if w := d.InWords; w == nil || w.Group != "rejected (R)" || len(w.Sets) != 1 || w.Sets[0] != want {
		t.Errorf("in words %+v\nwant %s", w, want)
	}
}

func TestInspectGuideJSON(t *testing.T) {
	rep := inspectSample(t, "855_5010_stedi-bootstrap_guide-json.json")
	d := rep.Documents[0]
	if rep.Format != "guide-json" || d.Set != "855" || d.Acknowledgment == nil || d.Acknowledgment.PONumber != "365465413" {
		t.Fatalf("report %+v", rep)
	}
	if got := ackStatuses(d.Acknowledgment); got != "item-1=IA item-2=IA" {
		t.Errorf("statuses %q", got)
	}
	if len(d.X3Update) != 1 || d.X3Update[0].Header[core.FieldAckNotes] != "855 AD: 2 accepted" || len(d.X3Update[0].Lines) != 2 {
		t.Errorf("planned update %+v", d.X3Update)
	}
	// What the connector sends: an 850 in Guide JSON reads like its X12.
	po := inspectSample(t, "850_5010_stedi-bootstrap_guide-json.json").Documents[0]
	if po.PurchaseOrder == nil || po.PurchaseOrder.Number != "365465413" || len(po.Lines) != 2 || lineText(po.Lines[1]) != "item-2 4 EA 125 500 VC:VND000111222 SK:ACM/1100-001" {
		t.Errorf("850 Guide JSON %+v %+v", po.PurchaseOrder, po.Lines)
	}
	var out bytes.Buffer
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"heading":{}}`), 0o600)
	if err := run(context.Background(), []string{"inspect", bad}, &out, &out); err == nil {
		t.Error("no error for a document of no known set")
	}
}
