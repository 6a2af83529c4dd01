// Package inspect reads EDI files as an operator needs to see them: what
// each interchange, group and transaction set says, in business terms,
// and what is wrong with it. It reads X12 (any number of interchanges, in
// bounded memory, writing each document's reading as soon as its SE is
// read) and Stedi Guide JSON (one 855 or 856). Partner files are read
// tolerantly: a segment out of place, unknown or under a wrong group code
// is reported as a finding where it stands; only a broken envelope stops
// the reading.
//
// The report is one JSON document, written as the input is read:
//
//	{"file", "format": "x12" | "guide-json",
//	 "documents": [{"set", "control_number", "at", "interchange", "group",
//	                <the set's reading>, "segment_count", "findings"}, …],
//	 "findings": [envelope findings outside any set],
//	 "summary": {counts},
//	 "error": the broken envelope that stopped the reading, if any}
//
// Each document carries the envelope of its interchange and group. The
// readings: 850 "purchase_order", "lines", "totals"; 810 "invoice",
// "lines", "totals"; 997/999 "acknowledged_group", "set_responses",
// "group_response"; 855 "acknowledgment" and 856 "shipment" with their
// "x3_update" (core's readers, as the connector applies them); any other
// set its "segments".
package inspect

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// Options tune a reading.
type Options struct {
	// Resolve, when set, resolves each 855's and 856's X3 update against
	// the PO as X3 holds it now.
	Resolve Resolver
}

// maxGuideJSON bounds a Guide JSON file: it is read whole, as Stedi
// delivers one document.
const maxGuideJSON = 16 << 20

// maxTopFindings bounds the envelope findings kept outside documents.
const maxTopFindings = 1000

// maxSetKinds bounds the set IDs counted apart in the summary.
const maxSetKinds = 100

// ErrBrokenEnvelope marks a reading stopped by a broken envelope (the
// report written until then is complete JSON with its "error").
var ErrBrokenEnvelope = errors.New("inspect: broken envelope")

// File writes the report of the file at path to w.
func File(ctx context.Context, path string, w io.Writer, opt Options) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return Read(ctx, path, f, w, opt)
}

// Read writes the report of in, named name, to w.
func Read(ctx context.Context, name string, in io.Reader, w io.Writer, opt Options) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if guideJSON(br) {
		return readGuideFile(ctx, name, br, w, opt)
	}
	r := &run{ctx: ctx, opt: opt, out: newJSONOut(w), rd: x12.NewReader(br),
		findings: findingList{max: maxTopFindings}, sum: Summary{Sets: map[string]int{}, Findings: map[string]int{}}}
	return r.x12(name)
}

// guideJSON reports input whose first non-blank character opens an object.
func guideJSON(br *bufio.Reader) bool {
	for n := 1; ; n++ {
		head, err := br.Peek(n)
		if len(head) < n {
			return false
		}
		switch c := head[n-1]; c {
		case ' ', '\t', '\r', '\n':
			if err != nil {
				return false
			}
			continue
		case 0xEF, 0xBB, 0xBF: // a UTF-8 BOM
			continue
		default:
			return c == '{'
		}
	}
}

// Summary counts what the reading saw.
type Summary struct {
	Bytes        int64          `json:"bytes"`
	Segments     int            `json:"segments"`
	Interchanges int            `json:"interchanges"`
	Groups       int            `json:"groups"`
	Documents    int            `json:"documents"`
	Sets         map[string]int `json:"sets"`     // by ST01
	Findings     map[string]int `json:"findings"` // by severity, all of them (also those not listed)
}

type run struct {
	ctx      context.Context
	opt      Options
	out      *jsonOut
	top      *object
	rd       *x12.Reader
	ic       *Interchange
	group    *Group
	groups   int // in the current interchange
	doc      *document
	findings findingList
	sum      Summary
}

// start opens the report.
func (r *run) start(name, format string) {
	r.top = r.out.object(0)
	r.top.fields(struct {
		File   string `json:"file"`
		Format string `json:"format"`
	}{name, format})
}

func (r *run) x12(name string) error {
	r.start(name, "x12")
	var fatal error
	for {
		ev, err := r.rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fatal = err
			break
		}
		r.event(ev)
		if r.out.err != nil {
			return r.out.err
		}
	}
	if r.doc != nil {
		r.doc.finish(x12.Segment{}, x12.Position{}, fatal)
	}
	return r.end(fatal)
}

// end writes what follows the documents.
func (r *run) end(fatal error) error {
	r.top.emptyList("documents")
	if r.rd != nil {
		r.sum.Bytes = r.rd.BytesRead()
	}
	tail := struct {
		Findings        []Finding `json:"findings,omitempty"`
		FindingsOmitted int       `json:"findings_omitted,omitempty"`
		Summary         Summary   `json:"summary"`
		Error           string    `json:"error,omitempty"`
	}{r.findings.list, r.findings.omitted, r.sum, ""}
	if fatal != nil {
		tail.Error = fatal.Error()
	}
	r.top.fields(tail)
	r.top.close()
	r.out.raw("\n")
	if err := r.out.flush(); err != nil {
		return err
	}
	if fatal != nil {
		return fmt.Errorf("%w: %w", ErrBrokenEnvelope, fatal)
	}
	return nil
}

func (r *run) event(ev x12.Event) {
	r.sum.Segments++
	switch ev.Kind {
	case x12.InterchangeStart:
		r.sum.Interchanges++
		r.ic, r.groups = readInterchange(ev.Segment, r.rd.Delimiters(), r.sum.Interchanges, ev.At), 0
	case x12.GroupStart:
		r.sum.Groups++
		r.groups++
		r.group = readGroup(ev.Segment, r.groups, ev.At)
	case x12.SetStart:
		r.startSet(ev)
	case x12.SetSegment:
		r.doc.add(ev.Segment, ev.At, stray(ev.Notes))
	}
	for _, n := range ev.Notes {
		r.note(fromNote(n))
	}
	switch ev.Kind {
	case x12.SetEnd:
		r.doc.finish(ev.Segment, ev.At, nil)
		r.doc = nil
	case x12.GroupEnd:
		r.group = nil
	case x12.InterchangeEnd:
		r.ic = nil
	}
}

func (r *run) startSet(ev x12.Event) {
	st := ev.Segment
	r.sum.Documents++
	if _, ok := r.sum.Sets[st.Element(1)]; ok || len(r.sum.Sets) < maxSetKinds {
		r.sum.Sets[st.Element(1)]++
	}
	stAt := at(ev.At)
	head := docHead{Set: st.Element(1), ControlNumber: st.Element(2), Convention: st.Element(3), At: &stAt,
		Interchange: r.ic, Group: r.group}
	open := func() *object { return r.top.itemObject("documents") }
	r.doc = newDocument(open, head, r.reading(st, ev.At), r.count)
}

// reading picks the reading of a set by its ST01.
func (r *run) reading(st x12.Segment, pos x12.Position) reading {
	switch st.Element(1) {
	case "850":
		return newOrderReading()
	case "810":
		return newInvoiceReading()
	case "997", "999":
		return &ackReading{}
	case "855", "856":
		return newInboundReading(r.ctx, st, pos, r.opt.Resolve)
	}
	return &segmentsReading{st: st}
}

// stray reports a segment the set's table placed nowhere.
func stray(notes []x12.Note) bool {
	for _, n := range notes {
		switch n.Code {
		case "OUT-OF-PLACE", "UNKNOWN-SEGMENT", "BAD-SEGMENT-ID":
			return true
		}
	}
	return false
}

// note files a finding with the open document, else with the report.
func (r *run) note(f Finding) {
	if r.doc != nil {
		r.doc.scope.note(f)
		return
	}
	r.count(f)
	r.findings.add(f)
}

func (r *run) count(f Finding) { r.sum.Findings[f.Severity]++ }

// readGuideFile reads one Guide JSON transaction whole: an 855 or 856 as
// Stedi delivers it, or an 850 or 810 as the connector sends it (read
// through its X12 segments like an X12 file, positions counted in the set).
func readGuideFile(ctx context.Context, name string, in io.Reader, w io.Writer, opt Options) error {
	data, err := io.ReadAll(io.LimitReader(in, maxGuideJSON+1))
	if err != nil {
		return err
	}
	if len(data) > maxGuideJSON {
		return fmt.Errorf("%s: a Guide JSON file over %d MiB is not read", name, maxGuideJSON>>20)
	}
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}))
	set, err := core.GuideSetID(data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	r := &run{ctx: ctx, opt: opt, out: newJSONOut(w), findings: findingList{max: maxTopFindings},
		sum: Summary{Bytes: int64(len(data)), Sets: map[string]int{set: 1}, Findings: map[string]int{}, Documents: 1}}
	r.start(name, "guide-json")
	open := func() *object { return r.top.itemObject("documents") }
	switch set {
	case "850", "810":
		r.guideOutbound(set, data, open)
	default:
		in := &guideInbound{ctx: ctx, resolve: opt.Resolve, set: set, data: data}
		doc := newDocument(open, docHead{Set: set}, in, r.count)
		doc.finish(x12.Segment{}, x12.Position{}, nil)
	}
	return r.end(nil)
}

// guideOutbound reads an 850 or 810 the connector sends: its Guide JSON
// turned into segments (x12.FromGuideJSON, as Stedi would render them),
// read and placed as an X12 set is.
func (r *run) guideOutbound(set string, data []byte, open func() *object) {
	st := x12.Segment{ID: "ST", Elements: []string{set}}
	doc := newDocument(open, docHead{Set: set}, r.reading(st, x12.Position{}), r.count)
	setID, body, err := x12.FromGuideJSON(unwrapGuide(data))
	if err != nil {
		doc.scope.note(Finding{Severity: "error", Code: "GUIDE-JSON", Message: err.Error()})
		doc.finish(x12.Segment{}, x12.Position{}, nil)
		return
	}
	place, _ := x12.NewPlacement(setID)
	for i, seg := range body {
		pos := x12.Position{Segment: i + 2, InSet: i + 2}
		var notes []x12.Note
		if place != nil {
			for _, f := range place.Place(seg) {
				notes = append(notes, x12.Note{Finding: f, At: pos})
				doc.scope.note(fromNote(notes[len(notes)-1]))
			}
		}
		doc.add(seg, pos, stray(notes))
	}
	se := x12.Position{Segment: len(body) + 2, InSet: len(body) + 2}
	if place != nil {
		for _, f := range place.End() {
			doc.scope.note(fromNote(x12.Note{Finding: f, At: se}))
		}
	}
	doc.finish(x12.Segment{ID: "SE"}, se, nil)
}

// guideInbound reads an 855 or 856 Guide JSON file with core's readers.
type guideInbound struct {
	ctx     context.Context
	resolve Resolver
	set     string
	data    []byte
}

func (g *guideInbound) header() any                                     { return nil }
func (g *guideInbound) listKey() string                                 { return "" }
func (g *guideInbound) add(x12.Segment, x12.Position, *setScope)        {}
func (g *guideInbound) finish(x12.Segment, x12.Position, *setScope) any { return g.read() }

func (g *guideInbound) read() *Inbound {
	in := readGuide(g.set, g.data)
	if g.resolve != nil && len(in.X3Update) > 0 {
		in.X3Patch, in.Problems = g.resolve(g.ctx, in.X3Update)
	}
	return in
}
