// Package inspect reads EDI files as an operator needs to see them: what
// each interchange, group and transaction set says, in business terms,
// and what is wrong with it. It reads X12 (any number of interchanges, in
// bounded memory, writing each document's reading as soon as its SE is
// read) and Stedi Guide JSON (one 855 or 856). Partner files are read
// tolerantly: a segment out of place, unknown or under a wrong group code
// is reported as a finding where it stands; only a broken envelope stops
// the reading.
//
// The report is one JSON document, written as the input is read, nested
// as X12 nests, so each envelope is printed once:
//
//	{"file", "format": "x12",
//	 "interchanges": [{<ISA: sender, receiver, date, control number,
//	                    version, usage, delimiters>,
//	   "groups": [{<GS: functional ID, sender, receiver, control number,
//	                version and release>,
//	     "documents": [{"set", "control_number", "at", <the set's reading>,
//	                    "segment_count", "findings"}, …],
//	     "findings": [the group's envelope findings]}, …],
//	   "findings": [the interchange's envelope findings]}, …],
//	 "documents": [sets read without any envelope, or the Guide JSON document],
//	 "summary": {counts},
//	 "error": the broken envelope that stopped the reading, if any}
//
// The readings: 850 "purchase_order", "lines", "totals"; 810 "invoice",
// "lines", "totals"; and, through core's readers as the connector takes
// them in, 855 "acknowledgment" and 856 "shipment" with their "x3_update",
// 997/999 "functional_acknowledgment" with its codes "in_words"; any other
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
	"runtime"

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
	workers := runtime.GOMAXPROCS(0)
	r := &run{ctx: ctx, opt: opt, out: newJSONOut(), rd: x12.NewReader(br), seq: newSequencer(w, sequencerDepth),
		jobs: startWorkers(workers), findings: findingList{max: maxTopFindings},
		sum: Summary{Sets: map[string]int{}, Findings: map[string]int{}}}
	defer close(r.jobs)
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
	out      *jsonOut   // the report's text outside documents read by workers
	seq      *sequencer // writes it, and the workers' documents, in order
	jobs     chan<- job
	top      *object
	rd       *x12.Reader
	ic       *level     // the open interchange
	group    *level     // the open group
	groups   int        // in the open interchange
	set      *collected // the open set, while it is gathered for a worker
	doc      *document  // the open set, when read here as it streams
	findings findingList
	sum      Summary
}

// level is an open interchange or group: its object in the report and its
// envelope findings, written when it closes.
type level struct {
	obj      *object
	list     string // its list: groups or documents
	findings findingList
}

// maxLevelFindings bounds the findings kept per interchange and group.
const maxLevelFindings = 200

func (r *run) openLevel(parent *object, key, list string, envelope any) *level {
	l := &level{obj: parent.itemObject(key), list: list, findings: findingList{max: maxLevelFindings}}
	l.obj.fields(envelope)
	return l
}

func (l *level) close() {
	l.obj.emptyList(l.list)
	l.obj.fields(struct {
		Findings        []Finding `json:"findings,omitempty"`
		FindingsOmitted int       `json:"findings_omitted,omitempty"`
	}{l.findings.list, l.findings.omitted})
	l.obj.close()
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
		if len(r.out.dst) >= 64<<10 {
			r.seq.push(r.out.take())
		}
	}
	if r.set != nil {
		r.readHere()
	}
	if r.doc != nil {
		r.doc.finish(x12.Segment{}, x12.Position{}, fatal)
	}
	for _, l := range []*level{r.group, r.ic} {
		if l != nil {
			l.close()
		}
	}
	return r.end(fatal)
}

// end writes what follows the interchanges, once every document is written.
func (r *run) end(fatal error) error {
	if r.rd != nil && r.sum.Interchanges == 0 && r.sum.Documents == 0 {
		r.top.emptyList("interchanges")
	}
	r.top.endList()
	r.seq.push(r.out.take())
	err := r.seq.close()
	for k, n := range r.seq.counts {
		r.sum.Findings[k] += n
	}
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
	if err == nil {
		_, err = r.seq.w.Write(r.out.take())
	}
	if err == nil {
		err = r.seq.w.Flush()
	}
	if err == nil && r.out.err != nil {
		err = r.out.err
	}
	if err != nil {
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
		r.groups = 0
		r.ic = r.openLevel(r.top, "interchanges", "groups", readInterchange(ev.Segment, r.rd.Delimiters(), r.sum.Interchanges, ev.At))
	case x12.GroupStart:
		r.sum.Groups++
		r.groups++
		r.group = r.openLevel(r.ic.obj, "groups", "documents", readGroup(ev.Segment, r.groups, ev.At))
	case x12.SetStart:
		r.startSet(ev)
		return
	case x12.SetSegment:
		r.setSegment(ev)
		return
	case x12.SetEnd:
		r.endSet(ev)
		return
	}
	for _, n := range ev.Notes {
		r.note(fromNote(n))
	}
	switch ev.Kind {
	case x12.GroupEnd:
		r.group.close()
		r.group = nil
	case x12.InterchangeEnd:
		r.ic.close()
		r.ic = nil
	}
}

// startSet begins gathering a set for a worker.
func (r *run) startSet(ev x12.Event) {
	st := ev.Segment
	r.sum.Documents++
	if _, ok := r.sum.Sets[st.Element(1)]; ok || len(r.sum.Sets) < maxSetKinds {
		r.sum.Sets[st.Element(1)]++
	}
	stAt := at(ev.At)
	head := docHead{Set: st.Element(1), ControlNumber: st.Element(2), Convention: st.Element(3), At: &stAt}
	r.set = newCollected()
	r.set.head, r.set.st, r.set.stAt, r.set.stNotes = head, st, ev.At, ev.Notes
}

func (r *run) setSegment(ev x12.Event) {
	if r.set != nil {
		r.set.add(ev)
		if len(r.set.segs) < maxJobSegments {
			return
		}
		r.readHere()
		return
	}
	r.doc.add(ev.Segment, ev.At, stray(ev.Notes))
	for _, n := range ev.Notes {
		r.doc.scope.note(fromNote(n))
	}
}

// endSet hands a gathered set to a worker, or finishes the one read here.
func (r *run) endSet(ev x12.Event) {
	if r.set == nil {
		for _, n := range ev.Notes {
			r.doc.scope.note(fromNote(n))
		}
		r.doc.finish(ev.Segment, ev.At, nil)
		r.doc = nil
		return
	}
	parent := r.parent()
	parent.nextItem("documents")
	r.seq.push(r.out.take())
	weight := r.seq.reserve(len(r.set.segs))
	later := make(chan docText, 1)
	r.seq.pushLater(later, weight)
	r.jobs <- job{set: r.set, se: ev, depth: parent.depth + 2, ctx: r.ctx, resolve: r.opt.Resolve, out: later}
	r.set = nil
}

// readHere reads the set being gathered on this goroutine from now on:
// it is too large to hand over whole, or the input broke off inside it.
func (r *run) readHere() {
	c := r.set
	r.set = nil
	parent := r.parent()
	open := func() *object { return parent.itemObject("documents") }
	r.doc = newDocument(open, c.head, newReading(r.ctx, c.st, c.stAt, r.opt.Resolve, 0), r.count)
	c.replay(r.doc)
	c.release()
}

// parent is the object whose documents list the open set goes in.
func (r *run) parent() *object {
	if r.group != nil {
		return r.group.obj
	}
	return r.top // a set without envelope
}

// newReading picks the reading of a set by its ST01; segments is how
// many segments the set has, when that is known beforehand (else 0).
func newReading(ctx context.Context, st x12.Segment, pos x12.Position, resolve Resolver, segments int) reading {
	switch st.Element(1) {
	case "850":
		return newOrderReading()
	case "810":
		return newInvoiceReading()
	case "855", "856", "997", "999":
		return newInboundReading(ctx, st, pos, resolve, segments)
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

// note files a finding with the open group or interchange, else the report.
func (r *run) note(f Finding) {
	r.count(f)
	switch {
	case r.group != nil:
		r.group.findings.add(f)
	case r.ic != nil:
		r.ic.findings.add(f)
	default:
		r.findings.add(f)
	}
}

func (r *run) count(f Finding) { r.sum.Findings[f.Severity]++ }

// readGuideFile reads one Guide JSON transaction whole: an 855, 856 or 997 as
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
	r := &run{ctx: ctx, opt: opt, out: newJSONOut(), seq: newSequencer(w, 1), findings: findingList{max: maxTopFindings},
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
	doc := newDocument(open, docHead{Set: set}, newReading(r.ctx, st, x12.Position{}, r.opt.Resolve, 0), r.count)
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
