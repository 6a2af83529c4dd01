package core

import (
	"fmt"
	"strings"
)

// Code lists of the functional acknowledgments, from Stedi's X12
// reference (stedi.com/edi/x12-004010/element/715, 716, 717, 718, 720,
// 723 and x12-005010/element/620, 621). Codes beyond these are shown as
// they are.
var (
	groupStatusWords = map[string]string{ // 715 (AK901)
		"A": "accepted", "E": "accepted, but errors were noted", "P": "partially accepted, at least one transaction set was rejected",
		"R": "rejected", "M": "rejected, message authentication code failed", "W": "rejected, assurance failed validity tests",
		"X": "rejected, content after decryption could not be analyzed",
	}
	setStatusWords = map[string]string{ // 717 (AK501, IK501)
		"A": "accepted", "E": "accepted, but errors were noted", "R": "rejected",
		"M": "rejected, message authentication code failed", "W": "rejected, assurance failed validity tests",
		"X": "rejected, content after decryption could not be analyzed",
	}
	groupErrorWords = map[string]string{ // 716 (AK905-AK909)
		"1": "functional group not supported", "2": "functional group version not supported", "3": "functional group trailer missing",
		"4": "group control number in the header and trailer do not agree", "5": "number of included transaction sets does not match actual count",
		"6": "group control number violates syntax",
	}
	setErrorWords = map[string]string{ // 718 (AK502-AK506)
		"1": "transaction set not supported", "2": "transaction set trailer missing",
		"3": "transaction set control number in header and trailer do not match", "4": "number of included segments does not match actual count",
		"5": "one or more segments in error", "6": "missing or invalid transaction set identifier",
		"7": "missing or invalid transaction set control number", "23": "transaction set control number not unique within the functional group",
	}
	segmentErrorWords = map[string]string{ // 720 (AK304) and 620 (IK304)
		"1": "unrecognized segment ID", "2": "unexpected segment", "3": "mandatory segment missing", "4": "loop occurs over maximum times",
		"5": "segment exceeds maximum use", "6": "segment not in defined transaction set", "7": "segment not in proper sequence",
		"8": "segment has data element errors", "I4": `implementation "not used" segment present`,
		"I6": "implementation dependent segment missing", "I7": "implementation loop occurs under minimum times",
		"I8": "implementation segment below minimum use", "I9": `implementation dependent "not used" segment present`,
	}
	elementErrorWords = map[string]string{ // 723 (AK403) and 621 (IK403)
		"1": "mandatory data element missing", "2": "conditional required data element missing", "3": "too many data elements",
		"4": "data element too short", "5": "data element too long", "6": "invalid character in data element",
		"7": "invalid code value", "8": "invalid date", "9": "invalid time", "10": "exclusion condition violated",
		"12": "too many repetitions", "13": "too many components", "I6": "code value not used in implementation",
		"I9": "implementation dependent data element missing", "I10": `implementation "not used" data element present`,
		"I11": "implementation too few repetitions", "I12": "implementation pattern match failure",
		"I13": `implementation dependent "not used" data element present`,
	}
)

// Acknowledgment statuses as the connector records them.
const (
	FAAccepted   = "A"
	FAWithErrors = "E"
	FARejected   = "R"
	FAPartial    = "P" // group only: some sets accepted, some rejected
)

// Rejected reports whether a status (717 or 715) refuses the set: R and
// the security rejections M, W and X.
func Rejected(status string) bool {
	switch status {
	case "R", "M", "W", "X":
		return true
	}
	return false
}

func word(table map[string]string, code string) string {
	if w, ok := table[code]; ok {
		return w
	}
	return "code " + code
}

// StatusWords says a set status in words, e.g. "rejected (R)".
func StatusWords(status string) string {
	if status == "" {
		return "no status"
	}
	return fmt.Sprintf("%s (%s)", word(setStatusWords, status), status)
}

// Describe says what the partner said about one set: its status, the set
// errors, and each refused segment and element, e.g.
// "rejected (R): one or more segments in error; segment PO1 at position 6
// (loop PO1): segment has data element errors; element PO103 (355): invalid
// code value, got "XX"".
func (r SetResponse) Describe() string {
	parts := []string{StatusWords(r.Status)}
	for _, c := range r.Errors {
		parts[0] += "; " + word(setErrorWords, c)
	}
	for _, s := range r.Segments {
		parts = append(parts, s.Describe())
	}
	return strings.Join(parts, ": ")
}

// Describe names the refused segment, where it is, why, and its elements.
func (s SegmentError) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "segment %s", orDash(s.Segment))
	if s.Position > 0 {
		fmt.Fprintf(&b, " at position %d", s.Position)
	}
	if s.Loop != "" {
		fmt.Fprintf(&b, " (loop %s)", s.Loop)
	}
	if s.Code != "" {
		fmt.Fprintf(&b, ": %s", word(segmentErrorWords, s.Code))
	}
	for _, e := range s.Elements {
		b.WriteString("; " + e.describe(s.Segment))
	}
	return b.String()
}

func (e ElementError) describe(segment string) string {
	name := fmt.Sprintf("%s%02d", segment, e.Position)
	if e.Component > 0 {
		name += fmt.Sprintf("-%d", e.Component)
	}
	if e.Reference != "" {
		name += " (" + e.Reference + ")"
	}
	msg := "element " + name + ": " + word(elementErrorWords, e.Code)
	if e.Bad != "" {
		msg += fmt.Sprintf(", got %q", e.Bad)
	}
	return msg
}

// GroupWords says the group verdict in words with its errors.
func (fa *FunctionalAck) GroupWords() string {
	s := fmt.Sprintf("%s (%s)", word(groupStatusWords, fa.GroupStatus), fa.GroupStatus)
	for _, c := range fa.GroupErrors {
		s += "; " + word(groupErrorWords, c)
	}
	return s
}
