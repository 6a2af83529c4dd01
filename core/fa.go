package core

import (
	"errors"
	"fmt"
	"strconv"
)

// Kinds of the functional acknowledgments partners send for what they
// receive: the 997 (any release) and the 999 (005010X231), which Stedi
// recommends for healthcare sets only but some partners send anyway.
const (
	Kind997 Kind = "997"
	Kind999 Kind = "999"
)

// IsFunctionalAck reports whether k is a 997 or a 999.
func IsFunctionalAck(k Kind) bool { return k == Kind997 || k == Kind999 }

// faSegments is the one table of the functional acknowledgments' layout:
// each role, the segment IDs that play it, and where its codes are. The
// reader finds segments by ID and elements by position (guideread.go), so
// the Guide JSON key names, which differ, need no table of their own:
//
//	role           004010 997 / 005010 997                   005010X231 999
//	group header   functional_group_response_header_AK1      (same)
//	set loop       transaction_set_response_header_AK2_loop  (same)
//	segment note   data_segment_note_AK3(_loop)              implementation_data_segment_note_IK3(_loop)
//	element note   data_element_note_AK4                     implementation_data_element_note_IK4(_loop)
//	set trailer    transaction_set_response_trailer_AK5      implementation_transaction_set_response_trailer_IK5
//	group trailer  functional_group_response_trailer_AK9     (same)
//
// AK1, AK2, AK5 and AK9 keys are those of Stedi's bootstrap 997 sample
// (Stedi-Demos/bootstrap, src/resources/X12/5010/997/outbound.json). AK401
// is a composite in 004010 and 005010 (element position, component
// position, and from 005010 the repetition): its key holds an object.
//
// UNCONFIRMED: the AK3/AK4 and IK3/IK4/IK5 key names are Stedi's segment
// names (stedi.com/edi/x12-004010/segment/AK3 …) in its snake_case key
// style, not seen in a Stedi sample; the reader does not depend on them.
var faSegments = struct {
	groupHeader, setHeader, groupTrailer string
	segmentNote, elementNote, setTrailer []string
}{
	groupHeader: "AK1", setHeader: "AK2", groupTrailer: "AK9",
	segmentNote: []string{"AK3", "IK3"}, elementNote: []string{"AK4", "IK4"}, setTrailer: []string{"AK5", "IK5"},
}

// FunctionalAck is a partner's 997 (or 999) as the connector reads it:
// which functional group it answers and, per transaction set, the
// verdict and the segments and elements it refused.
type FunctionalAck struct {
	SetID         string        `json:"set_id"`         // ST01: 997 or 999
	ControlNumber string        `json:"control_number"` // ST02 of the acknowledgment itself
	GroupID       string        `json:"group_id"`       // AK101: GS01 of the group acknowledged (PO, IN)
	GroupControl  int64         `json:"group_control"`  // AK102: its GS06
	Version       string        `json:"version,omitempty"`
	GroupStatus   string        `json:"group_status"` // AK901 (element 715)
	GroupErrors   []string      `json:"group_errors,omitempty"`
	Included      int           `json:"included,omitempty"` // AK902
	Received      int           `json:"received,omitempty"` // AK903
	Accepted      int           `json:"accepted,omitempty"` // AK904
	Sets          []SetResponse `json:"sets"`
}

// SetResponse is one AK2 loop: the verdict on one transaction set.
type SetResponse struct {
	SetID    string         `json:"set_id"`  // AK201: 850, 810
	Control  string         `json:"control"` // AK202: the set's ST02
	Status   string         `json:"status"`  // AK501/IK501 (element 717): A, E, R, M, W, X
	Errors   []string       `json:"errors,omitempty"`
	Segments []SegmentError `json:"segments,omitempty"`
}

// SegmentError is one AK3/IK3: a segment the partner refused.
type SegmentError struct {
	Segment  string         `json:"segment"`  // AK301
	Position int            `json:"position"` // AK302: counted from ST = 1
	Loop     string         `json:"loop,omitempty"`
	Code     string         `json:"code,omitempty"` // AK304 (720) / IK304 (620)
	Elements []ElementError `json:"elements,omitempty"`
}

// ElementError is one AK4/IK4: an element of that segment.
type ElementError struct {
	Position  int    `json:"position"`            // AK401-1
	Component int    `json:"component,omitempty"` // AK401-2
	Reference string `json:"reference,omitempty"` // AK402: data element number
	Code      string `json:"code"`                // AK403 (723) / IK403 (621)
	Bad       string `json:"bad,omitempty"`       // AK404
}

// Read997 reads the Guide JSON of a 997 or 999. Without AK1 there is no
// group to match, and the document is refused.
func Read997(raw []byte) (*FunctionalAck, error) {
	root, err := decodeGuide(raw)
	if err != nil {
		return nil, err
	}
	return read997(root)
}

// read997 reads the transaction object of a 997 or 999.
func read997(root gobj) (*FunctionalAck, error) {
	sections := []gobj{root.section("heading"), root.section("detail"), root.section("summary")}
	ak1 := firstSegment(sections, faSegments.groupHeader)
	if ak1 == nil {
		return nil, errors.New("functional acknowledgment has no AK1 (functional_group_response_header_AK1): no group to match")
	}
	fa := &FunctionalAck{GroupID: ak1.str(1), Version: ak1.str(3)}
	var err error
	if fa.GroupControl, err = strconv.ParseInt(ak1.str(2), 10, 64); err != nil {
		return nil, fmt.Errorf("AK102 (group control number) %q is not a number", ak1.str(2))
	}
	if st := firstSegment(sections, "ST"); st != nil {
		fa.SetID, fa.ControlNumber = st.str(1), st.str(2)
	}
	if ak9 := firstSegment(sections, faSegments.groupTrailer); ak9 != nil {
		fa.GroupStatus, fa.GroupErrors = ak9.str(1), codes(ak9, 5, 9)
		fa.Included, fa.Received, fa.Accepted = ak9.int(2), ak9.int(3), ak9.int(4)
	}
	for _, s := range sections {
		for _, loop := range s.loops(faSegments.setHeader) {
			fa.Sets = append(fa.Sets, readSetResponse(loop))
		}
	}
	if fa.GroupStatus == "" && len(fa.Sets) == 0 {
		return nil, errors.New("functional acknowledgment has neither AK9 nor AK2 loops: it says nothing about the group")
	}
	return fa, nil
}

func readSetResponse(loop gobj) SetResponse {
	r := SetResponse{}
	if ak2 := loop.segment(faSegments.setHeader); ak2 != nil {
		r.SetID, r.Control = ak2.str(1), ak2.str(2)
	}
	if ak5 := anySegment(loop, faSegments.setTrailer); ak5 != nil {
		r.Status, r.Errors = ak5.str(1), codes(ak5, 2, 6)
	}
	for _, id := range faSegments.segmentNote {
		for _, note := range loop.loops(id) {
			r.Segments = append(r.Segments, readSegmentError(note.segment(id), note))
		}
		for _, seg := range loop.segments(id) { // a guide may hold the note without its loop
			r.Segments = append(r.Segments, readSegmentError(seg, nil))
		}
	}
	return r
}

func readSegmentError(seg, loop gobj) SegmentError {
	e := SegmentError{Segment: seg.str(1), Position: seg.int(2), Loop: seg.str(3), Code: seg.str(4)}
	if loop == nil {
		return e
	}
	for _, id := range faSegments.elementNote {
		notes := loop.segments(id)
		for _, l := range loop.loops(id) { // the 999 wraps IK4 in a loop with its CTX
			notes = append(notes, l.segment(id))
		}
		for _, n := range notes {
			if n != nil {
				e.Elements = append(e.Elements, readElementError(n))
			}
		}
	}
	return e
}

// readElementError reads AK4/IK4; AK401 is a composite object in 004010
// and later, a plain number before.
func readElementError(n gobj) ElementError {
	e := ElementError{Reference: n.str(2), Code: n.str(3), Bad: n.str(4)}
	if pos, ok := n.elem(1).(gobj); ok {
		e.Position, e.Component = pos.int(1), pos.int(2)
	} else {
		e.Position = n.int(1)
	}
	return e
}

// firstSegment is the first segment id found in any of the sections.
func firstSegment(sections []gobj, id string) gobj {
	for _, s := range sections {
		if seg := s.segment(id); seg != nil {
			return seg
		}
	}
	return nil
}

// anySegment is the first segment of o whose ID is one of ids.
func anySegment(o gobj, ids []string) gobj {
	for _, id := range ids {
		if seg := o.segment(id); seg != nil {
			return seg
		}
	}
	return nil
}

// codes collects the non-empty elements from..to of a segment.
func codes(o gobj, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		if c := o.str(i); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// int reads a numeric element as an integer; 0 when absent or not a number.
func (o gobj) int(pos int) int {
	f, _ := o.num(pos)
	return int(f)
}
