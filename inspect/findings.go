package inspect

import (
	"fmt"

	"github.com/mlconnector/ml-connector/x12"
)

// Finding is one thing noticed while reading, and where.
type Finding struct {
	Severity string `json:"severity"` // info, warning, error
	Code     string `json:"code"`     // stable short code, e.g. OUT-OF-PLACE, DUPLICATE-ST02, SE01
	Segment  string `json:"segment,omitempty"`
	Message  string `json:"message"`
	At       *At    `json:"at,omitempty"`
}

func fromNote(n x12.Note) Finding {
	a := at(n.At)
	return Finding{Severity: n.Severity.String(), Code: n.Code, Segment: n.SegmentID, Message: n.Message, At: &a}
}

// finding is a Finding of inspect's own reading.
func finding(sev x12.Severity, code string, pos x12.Position, seg, format string, args ...any) Finding {
	a := at(pos)
	return Finding{Severity: sev.String(), Code: code, Segment: seg, Message: fmt.Sprintf(format, args...), At: &a}
}

// findingList keeps the first max findings and counts the others, so a
// file with a problem in every segment still reads in bounded memory.
type findingList struct {
	max     int
	list    []Finding
	omitted int
}

func (l *findingList) add(f Finding) {
	if len(l.list) < l.max {
		l.list = append(l.list, f)
		return
	}
	l.omitted++
}
