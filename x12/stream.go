package x12

import (
	"fmt"
	"io"
)

// EventKind says what a Reader event is.
type EventKind int

// The events of a stream, in the order the envelope nests them.
const (
	InterchangeStart EventKind = iota // ISA
	GroupStart                        // GS
	SetStart                          // ST
	SetSegment                        // a segment between ST and SE
	SetEnd                            // SE
	GroupEnd                          // GE
	InterchangeEnd                    // IEA
)

// Event is one segment of the stream with what checking it found.
type Event struct {
	Kind    EventKind
	Segment Segment
	At      Position
	Notes   []Note
}

// Note is a Finding with its place in the stream. Finding.Index is
// At.Segment-1, which is the index Validate would give in a one-interchange
// file.
type Note struct {
	Finding
	At Position
}

// maxTrackedSets bounds the ST02s remembered per group for the duplicate
// check. GE01 has six digits, so a conforming group holds fewer sets.
const maxTrackedSets = 999999

type readerState int

const (
	outside readerState = iota
	inInterchange
	inGroup
	inSet
)

// Reader reads an X12 stream as events, one segment at a time, and checks
// it as it goes in Tolerant mode: envelope counts and control numbers,
// duplicate control numbers (GS06 within an interchange, ST02 within a
// group), each set's placement against its table (Placement) and CTT01.
// Only a broken envelope is an error (ErrSyntax): a GS outside an
// interchange, an ST outside a group, a set without SE, input that ends
// inside an envelope. Memory is bounded by one segment, the open loops of
// one set and the control numbers of one group.
type Reader struct {
	sc    *Scanner
	state readerState
	bare  bool // sets without envelope

	isa, gs, st       Segment
	isaAt, gsAt, stAt Position
	groups, sets      int
	groupIDs          map[string]int // GS06 → segment number, this interchange
	setIDs            map[string]int // ST02 → segment number, this group
	setIDsFull        bool

	segs      int // segments of the set so far, ST included
	placement *Placement
	line      string // the segment CTT01 counts in this set
	lines     int
	ctt       Segment
	cttAt     Position
}

// NewReader reads from r.
func NewReader(r io.Reader) *Reader { return &Reader{sc: NewScanner(r)} }

// Next returns the next event, io.EOF after the last one.
func (r *Reader) Next() (Event, error) {
	if !r.sc.Scan() {
		if err := r.sc.Err(); err != nil {
			return Event{}, err
		}
		if r.state != outside {
			return Event{}, fmt.Errorf("%w: input ends inside %s", ErrSyntax, r.where())
		}
		return Event{}, io.EOF
	}
	seg, at := r.sc.Segment(), r.sc.Position()
	switch r.state {
	case outside:
		return r.outside(seg, at)
	case inInterchange:
		return r.inInterchange(seg, at)
	case inGroup:
		return r.inGroup(seg, at)
	default:
		return r.inSet(seg, at)
	}
}

// Delimiters are those of the current interchange.
func (r *Reader) Delimiters() Delimiters { return r.sc.Delimiters() }

// Layout is how the current interchange is laid out so far.
func (r *Reader) Layout() Layout { return r.sc.Layout() }

// Bare reports sets read without an ISA/GS envelope.
func (r *Reader) Bare() bool { return r.bare }

// BytesRead is how much of the input was consumed.
func (r *Reader) BytesRead() int64 { return r.sc.BytesRead() }

func (r *Reader) outside(seg Segment, at Position) (Event, error) {
	switch {
	case seg.ID == "ISA":
		return r.startInterchange(seg, at)
	case seg.ID == "ST" && r.sc.Bare():
		ev, err := r.startSet(seg, at)
		if !r.bare {
			r.bare = true
			ev.Notes = append(ev.Notes, r.note(at, Finding{Severity: Warning, SegmentID: "ST", Code: "NO-ENVELOPE",
				Message: "the input has no ISA/GS envelope: sender, receiver and control numbers are unknown"}))
		}
		return ev, err
	}
	return Event{}, r.broken(seg, at, "ISA")
}

func (r *Reader) inInterchange(seg Segment, at Position) (Event, error) {
	switch seg.ID {
	case "GS":
		return r.startGroup(seg, at), nil
	case "IEA":
		return r.endInterchange(seg, at), nil
	}
	return Event{}, r.broken(seg, at, "GS or IEA")
}

func (r *Reader) inGroup(seg Segment, at Position) (Event, error) {
	switch seg.ID {
	case "ST":
		return r.startSet(seg, at)
	case "GE":
		return r.endGroup(seg, at), nil
	}
	return Event{}, r.broken(seg, at, "ST or GE")
}

func (r *Reader) inSet(seg Segment, at Position) (Event, error) {
	r.segs++
	at.InSet = r.segs
	switch seg.ID {
	case "SE":
		return r.endSet(seg, at), nil
	case "ISA", "IEA", "GS", "GE", "ST":
		return Event{}, fmt.Errorf("%w: segment %d: %s where the SE of set %s %q (segment %d) was expected",
			ErrSyntax, at.Segment, seg.ID, r.st.Element(1), r.st.Element(2), r.stAt.Segment)
	}
	return r.setSegment(seg, at), nil
}

func (r *Reader) startInterchange(isa Segment, at Position) (Event, error) {
	if len(isa.Elements) != 16 {
		return Event{}, fmt.Errorf("%w: segment %d: ISA has %d elements, want 16", ErrSyntax, at.Segment, len(isa.Elements))
	}
	r.state, r.isa, r.isaAt, r.groups = inInterchange, isa, at, 0
	r.groupIDs = map[string]int{}
	fs := &findings{mode: Tolerant}
	checkISA(fs, isa)
	return Event{Kind: InterchangeStart, Segment: isa, At: at, Notes: r.notes(fs, at)}, nil
}

func (r *Reader) startGroup(gs Segment, at Position) Event {
	r.state, r.gs, r.gsAt, r.sets = inGroup, gs, at, 0
	r.groups++
	r.setIDs, r.setIDsFull = map[string]int{}, false
	fs := &findings{mode: Tolerant}
	checkGS(fs, r.isa, gs, at.Segment-1)
	notes := r.notes(fs, at)
	if first, dup := r.groupIDs[gs.Element(6)]; dup {
		notes = append(notes, r.note(at, Finding{Severity: Warning, SegmentID: "GS", Code: "DUPLICATE-GS06",
			Message: fmt.Sprintf("GS06 %q was already used by the group at segment %d of this interchange (group control numbers must be unique within an interchange)", gs.Element(6), first)}))
	} else if len(r.groupIDs) < maxTrackedSets {
		r.groupIDs[gs.Element(6)] = at.Segment
	}
	return Event{Kind: GroupStart, Segment: gs, At: at, Notes: notes}
}

func (r *Reader) startSet(st Segment, at Position) (Event, error) {
	r.state, r.st, r.stAt, r.segs = inSet, st, at, 1
	r.sets++
	at.InSet = 1
	setID := st.Element(1)
	fs := &findings{mode: Tolerant}
	if !r.sc.Bare() {
		checkGS01(fs, r.gs, setID, at.Segment-1)
	}
	checkST(fs, st, at.Segment-1)
	notes := r.notes(fs, at)
	if r.setIDs == nil { // sets without a group
		r.setIDs = map[string]int{}
	}
	notes = append(notes, r.duplicateST02(st, at)...)
	var ok bool
	if r.placement, ok = NewPlacement(setID); !ok {
		notes = append(notes, r.note(at, Finding{Severity: Info, SegmentID: "ST", Code: "NO-TABLE",
			Message: fmt.Sprintf("no structure table for set %q", setID)}))
	}
	r.line, r.lines, r.ctt = lineCounted[setID], 0, Segment{}
	return Event{Kind: SetStart, Segment: st, At: at, Notes: notes}, nil
}

// duplicateST02 reports an ST02 already used in the group (X12 wants it
// unique there; a translator rejects the set with AK5 code 23).
func (r *Reader) duplicateST02(st Segment, at Position) []Note {
	id := st.Element(2)
	if first, dup := r.setIDs[id]; dup {
		return []Note{r.note(at, Finding{Severity: Warning, SegmentID: "ST", Code: "DUPLICATE-ST02",
			Message: fmt.Sprintf("ST02 %q was already used by the set at segment %d of this group (transaction set control numbers must be unique within a group)", id, first)})}
	}
	if len(r.setIDs) < maxTrackedSets {
		r.setIDs[id] = at.Segment
		return nil
	}
	if r.setIDsFull {
		return nil
	}
	r.setIDsFull = true
	return []Note{r.note(at, Finding{Severity: Info, SegmentID: "ST", Code: "DUPLICATE-ST02",
		Message: fmt.Sprintf("the group has more than %d sets: later ST02s are not checked for duplicates", maxTrackedSets)})}
}

func (r *Reader) setSegment(seg Segment, at Position) Event {
	var notes []Note
	if !validSegmentID(seg.ID) {
		notes = append(notes, r.note(at, Finding{Severity: Warning, SegmentID: truncate(seg.ID, 20), Code: "BAD-SEGMENT-ID",
			Message: fmt.Sprintf("%q is not a segment ID (2-3 upper-case letters or digits); kept, and not read", truncate(seg.ID, 20))}))
	} else if r.placement != nil {
		for _, f := range r.placement.Place(seg) {
			notes = append(notes, r.note(at, f))
		}
	}
	fs := &findings{mode: Tolerant}
	checkTrailingSeparator(fs, seg, at.Segment-1)
	notes = append(notes, r.notes(fs, at)...)
	switch seg.ID {
	case r.line:
		r.lines++
	case "CTT":
		r.ctt, r.cttAt = seg, at
	}
	return Event{Kind: SetSegment, Segment: seg, At: at, Notes: notes}
}

func (r *Reader) endSet(se Segment, at Position) Event {
	fs := &findings{mode: Tolerant}
	checkSE(fs, r.st, se, r.segs, at.Segment-1)
	checkTrailingSeparator(fs, se, at.Segment-1)
	notes := r.notes(fs, at)
	if r.placement != nil {
		for _, f := range r.placement.End() {
			notes = append(notes, r.note(at, f))
		}
	}
	if r.ctt.ID == "CTT" && r.line != "" {
		fs = &findings{mode: Tolerant}
		checkCTT01(fs, r.ctt, r.line, r.lines, r.cttAt.Segment-1)
		notes = append(notes, r.notes(fs, r.cttAt)...)
	}
	r.state, r.placement = inGroup, nil
	if r.sc.Bare() {
		r.state = outside
	}
	return Event{Kind: SetEnd, Segment: se, At: at, Notes: notes}
}

func (r *Reader) endGroup(ge Segment, at Position) Event {
	fs := &findings{mode: Tolerant}
	checkGE(fs, r.gs, ge, r.sets, at.Segment-1)
	checkTrailingSeparator(fs, ge, at.Segment-1)
	r.state, r.setIDs = inInterchange, nil
	return Event{Kind: GroupEnd, Segment: ge, At: at, Notes: r.notes(fs, at)}
}

func (r *Reader) endInterchange(iea Segment, at Position) Event {
	fs := &findings{mode: Tolerant}
	checkIEA(fs, r.isa, iea, r.groups, at.Segment-1)
	checkTrailingSeparator(fs, iea, at.Segment-1)
	notes := r.notes(fs, at)
	// Layout facts are complete only now; they belong to the whole interchange.
	fs = &findings{mode: Tolerant}
	checkLayout(fs, &Interchange{Delimiters: r.sc.Delimiters(), Layout: r.sc.Layout()})
	notes = append(notes, r.notes(fs, r.isaAt)...)
	r.state, r.groupIDs = outside, nil
	return Event{Kind: InterchangeEnd, Segment: iea, At: at, Notes: notes}
}

// notes places the findings of one check at a position.
func (r *Reader) notes(fs *findings, at Position) []Note {
	var out []Note
	for _, f := range fs.list {
		out = append(out, r.note(at, f))
	}
	return out
}

func (r *Reader) note(at Position, f Finding) Note {
	f.Index = at.Segment - 1
	return Note{Finding: f, At: at}
}

// broken is the error for a segment the envelope has no place for.
func (r *Reader) broken(seg Segment, at Position, want string) error {
	return fmt.Errorf("%w: segment %d: %s where %s was expected", ErrSyntax, at.Segment, truncate(seg.ID, 20), want)
}

// where names the envelope the input ended in.
func (r *Reader) where() string {
	switch r.state {
	case inInterchange:
		return fmt.Sprintf("the interchange %q of segment %d (no IEA)", r.isa.Element(13), r.isaAt.Segment)
	case inGroup:
		return fmt.Sprintf("the group %q of segment %d (no GE)", r.gs.Element(6), r.gsAt.Segment)
	}
	return fmt.Sprintf("set %s %q of segment %d (no SE)", r.st.Element(1), r.st.Element(2), r.stAt.Segment)
}
