package inspect

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/mlconnector/ml-connector/x12"
)

// reading reads one transaction set as its segments arrive. A reading of
// a set with many lines hands each line to the scope's emit as soon as it
// is complete, so it holds one line at a time, never the set.
type reading interface {
	// header is the reading's fields written before its list, nil for none.
	header() any
	// listKey names the list emit writes to, "" for a reading without one.
	listKey() string
	// add reads one segment between ST and SE.
	add(seg x12.Segment, pos x12.Position, s *setScope)
	// finish reads the SE and returns the fields written after the list.
	finish(se x12.Segment, pos x12.Position, s *setScope) any
}

// setScope is what a reading may do besides returning fields.
type setScope struct {
	emit    func(v any)   // one item of the reading's list, complete
	note    func(Finding) // a finding about the set
	omitted map[string]int
	// stray marks the segment being added as out of place or unknown: a
	// reading keeps it with what is open (a party, a line, the heading)
	// and lets it change nothing, as the placement steps over it.
	stray bool
}

// number reads element n as a number; text that is not one is a finding.
func (s *setScope) number(seg x12.Segment, n int, pos x12.Position) json.Number {
	v := seg.Element(n)
	if v == "" {
		return ""
	}
	num, ok := x12.JSONNumber(v)
	if !ok {
		s.note(finding(x12.Warning, "NOT-A-NUMBER", pos, seg.ID, "%s%02d %q is not a number", seg.ID, n, v))
	}
	return num
}

// capAppend appends v unless list already holds maxListed entries; past
// that the entries are only counted (reported once, at the end of the set).
func capAppend[T any](list []T, v T, s *setScope, what string) []T {
	if len(list) < maxListed {
		return append(list, v)
	}
	s.omitted[what]++
	return list
}

// maxListed bounds each list a reading keeps (heading REFs, a line's
// PIDs, …): one set could repeat a segment without end.
const maxListed = 1000

// docHead is what every document starts with.
type docHead struct {
	Set           string       `json:"set"`                      // ST01
	ControlNumber string       `json:"control_number,omitempty"` // ST02
	Convention    string       `json:"convention,omitempty"`     // ST03 (5010)
	At            *At          `json:"at,omitempty"`             // of the ST; none for Guide JSON
	Interchange   *Interchange `json:"interchange,omitempty"`
	Group         *Group       `json:"group,omitempty"`
}

// docTail is what every document ends with.
type docTail struct {
	Segments        int       `json:"segment_count"`            // ST to SE, both counted
	Error           string    `json:"envelope_error,omitempty"` // the set was cut short
	Findings        []Finding `json:"findings,omitempty"`
	FindingsOmitted int       `json:"findings_omitted,omitempty"`
}

// maxDocFindings bounds the findings kept per document.
const maxDocFindings = 200

// document writes one set's reading as its segments arrive.
type document struct {
	obj      *object
	open     func() *object // starts the document's object in the report
	head     docHead
	r        reading
	scope    setScope
	findings findingList
	segments int
}

// newDocument starts the reading of a set; count sees every finding.
func newDocument(open func() *object, head docHead, r reading, count func(Finding)) *document {
	d := &document{open: open, head: head, r: r, segments: 1, findings: findingList{max: maxDocFindings}}
	note := func(f Finding) {
		count(f)
		d.findings.add(f)
	}
	d.scope = setScope{emit: d.emit, note: note, omitted: map[string]int{}}
	return d
}

func (d *document) start() {
	if d.obj != nil {
		return
	}
	d.obj = d.open()
	d.obj.fields(d.head)
	d.obj.fields(d.r.header())
}

func (d *document) emit(v any) {
	d.start()
	d.obj.item(d.r.listKey(), v)
}

func (d *document) add(seg x12.Segment, pos x12.Position, stray bool) {
	d.segments++
	d.scope.stray = stray
	d.r.add(seg, pos, &d.scope)
	d.scope.stray = false
}

// finish writes the rest of the document; err is set when the set was
// cut short by a broken envelope.
func (d *document) finish(se x12.Segment, pos x12.Position, err error) {
	if err == nil {
		d.segments++
	}
	tail := d.r.finish(se, pos, &d.scope)
	d.start()
	if key := d.r.listKey(); key != "" {
		d.obj.emptyList(key)
	}
	d.obj.fields(tail)
	d.noteOmitted()
	t := docTail{Segments: d.segments, Findings: d.findings.list, FindingsOmitted: d.findings.omitted}
	if err != nil {
		t.Error = err.Error()
	}
	d.obj.fields(t)
	d.obj.close()
}

func (d *document) noteOmitted() {
	whats := make([]string, 0, len(d.scope.omitted))
	for w := range d.scope.omitted {
		whats = append(whats, w)
	}
	sort.Strings(whats)
	for _, w := range whats {
		d.scope.note(Finding{Severity: "info", Code: "NOT-LISTED",
			Message: fmt.Sprintf("%d more %s beyond the first %d are counted, not listed", d.scope.omitted[w], w, maxListed)})
	}
}
