package inspect

import (
	"strings"

	"github.com/mlconnector/ml-connector/x12"
)

// AcknowledgedGroup is a 997's (or 999's) AK1: the group it answers.
type AcknowledgedGroup struct {
	FunctionalID      string `json:"functional_id"` // AK101: GS01 of that group
	FunctionalMeaning string `json:"functional_meaning,omitempty"`
	ControlNumber     string `json:"control_number"`    // AK102: its GS06
	Version           string `json:"version,omitempty"` // AK103 (5010): its GS08
}

// SetResponse is one AK2 loop: one acknowledged set.
type SetResponse struct {
	Set           string         `json:"set"`                  // AK201
	ControlNumber string         `json:"control_number"`       // AK202: its ST02
	Convention    string         `json:"convention,omitempty"` // AK203 (5010)
	Status        string         `json:"status"`               // AK501 / IK501 (717)
	StatusMeaning string         `json:"status_meaning,omitempty"`
	Accepted      bool           `json:"accepted"`         // A, or E (accepted with errors noted)
	Errors        []Code         `json:"errors,omitempty"` // AK502-506 (718)
	SegmentErrors []SegmentError `json:"segment_errors,omitempty"`
	At            At             `json:"at"`
}

// SegmentError is an AK3 (997) or IK3 (999).
type SegmentError struct {
	Segment       string         `json:"segment"`        // AK301
	Position      string         `json:"position"`       // AK302: in the set, ST = 1
	Loop          string         `json:"loop,omitempty"` // AK303
	Code          string         `json:"code,omitempty"` // AK304 (720; IK304: 620)
	Meaning       string         `json:"meaning,omitempty"`
	ElementErrors []ElementError `json:"element_errors,omitempty"`
}

// ElementError is an AK4 (997) or IK4 (999).
type ElementError struct {
	Position  string `json:"position"`            // AK401: element[.component[.repetition]]
	Reference string `json:"reference,omitempty"` // AK402: data element number
	Code      string `json:"code"`                // AK403 (723; IK403: 621)
	Meaning   string `json:"meaning,omitempty"`
	BadValue  string `json:"bad_value,omitempty"` // AK404
}

// Code is a code with its meaning in words.
type Code struct {
	Code    string `json:"code"`
	Meaning string `json:"meaning,omitempty"`
}

// GroupResponse is a 997's AK9.
type GroupResponse struct {
	Status        string `json:"status"` // AK901 (715)
	StatusMeaning string `json:"status_meaning,omitempty"`
	Included      string `json:"sets_included"`    // AK902
	Received      string `json:"sets_received"`    // AK903
	Accepted      string `json:"sets_accepted"`    // AK904
	Errors        []Code `json:"errors,omitempty"` // AK905-909 (716)
}

// ackReading reads a 997 or 999: the AK1, each AK2 loop as one set
// response (written out at its AK5), then the AK9.
type ackReading struct {
	group    AcknowledgedGroup
	set      *SetResponse
	response *GroupResponse
	other    []string
}

func (r *ackReading) header() any {
	return struct {
		Group *AcknowledgedGroup `json:"acknowledged_group"`
	}{&r.group}
}

func (r *ackReading) listKey() string { return "set_responses" }

func (r *ackReading) add(seg x12.Segment, pos x12.Position, s *setScope) {
	e := seg.Element
	if s.stray {
		r.other = capAppend(r.other, seg.String(), s, "other segments")
		return
	}
	switch seg.ID {
	case "AK1":
		r.group = AcknowledgedGroup{FunctionalID: e(1), FunctionalMeaning: functionalIDs.of(e(1)), ControlNumber: e(2), Version: e(3)}
	case "AK2":
		r.endSet(s)
		r.set = &SetResponse{Set: e(1), ControlNumber: e(2), Convention: e(3), At: at(pos)}
	case "AK3", "IK3":
		if r.open(seg, pos, s) {
			r.set.SegmentErrors = capAppend(r.set.SegmentErrors, SegmentError{Segment: e(1), Position: e(2), Loop: e(3),
				Code: e(4), Meaning: segmentErrorCodes.of(e(4))}, s, "AK3")
		}
	case "AK4", "IK4":
		r.readElementError(seg, pos, s)
	case "AK5", "IK5":
		if r.open(seg, pos, s) {
			r.set.Status, r.set.StatusMeaning = e(1), setAckCodes.of(e(1))
			r.set.Accepted = e(1) == "A" || e(1) == "E"
			r.set.Errors = codes(seg, 2, 6, setErrorCodes)
			r.endSet(s)
		}
	case "AK9":
		r.endSet(s)
		r.response = &GroupResponse{Status: e(1), StatusMeaning: groupAckCodes.of(e(1)), Included: e(2), Received: e(3),
			Accepted: e(4), Errors: codes(seg, 5, 9, groupErrorCodes)}
	default:
		r.other = capAppend(r.other, seg.String(), s, "other segments")
	}
}

// open reports whether an AK2 loop is open for seg, noting it when not.
func (r *ackReading) open(seg x12.Segment, pos x12.Position, s *setScope) bool {
	if r.set == nil {
		s.note(finding(x12.Warning, "NO-AK2", pos, seg.ID, "%s outside an AK2 loop: not read", seg.ID))
	}
	return r.set != nil
}

func (r *ackReading) readElementError(seg x12.Segment, pos x12.Position, s *setScope) {
	if !r.open(seg, pos, s) {
		return
	}
	errs := r.set.SegmentErrors
	if len(errs) == 0 {
		s.note(finding(x12.Warning, "NO-AK3", pos, seg.ID, "%s without an AK3 before it: not read", seg.ID))
		return
	}
	e := seg.Element
	last := &errs[len(errs)-1]
	position := strings.ReplaceAll(e(1), string(rune(x12.ComponentMark)), ".")
	last.ElementErrors = capAppend(last.ElementErrors, ElementError{Position: position, Reference: e(2), Code: e(3),
		Meaning: elementErrorCodes.of(e(3)), BadValue: e(4)}, s, "AK4")
}

func (r *ackReading) endSet(s *setScope) {
	if r.set != nil {
		s.emit(r.set)
		r.set = nil
	}
}

func (r *ackReading) finish(_ x12.Segment, pos x12.Position, s *setScope) any {
	r.endSet(s)
	if r.response == nil {
		s.note(finding(x12.Warning, "NO-AK9", pos, "SE", "%s", "no AK9: the group's status is unknown"))
	}
	return struct {
		Response *GroupResponse `json:"group_response,omitempty"`
		Other    []string       `json:"other_segments,omitempty"`
	}{r.response, r.other}
}

// codes reads the non-empty elements from..to of seg as codes of list.
func codes(seg x12.Segment, from, to int, list codeList) []Code {
	var out []Code
	for i := from; i <= to; i++ {
		if v := seg.Element(i); v != "" {
			out = append(out, Code{Code: v, Meaning: list.of(v)})
		}
	}
	return out
}
