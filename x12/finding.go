package x12

import "fmt"

// Severity ranks a Finding.
type Severity int

// Severities, least severe first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Mode selects how strict Validate is.
type Mode int

const (
	// Strict is for what we produce: every deviation is an error.
	Strict Mode = iota
	// Tolerant is for what partners send: envelope count, control-number
	// and layout deviations are warnings; content errors stay errors.
	Tolerant
)

// Finding is one validation result.
type Finding struct {
	Severity  Severity
	Index     int    // segment index in Interchange.Segments() (ISA = 0), -1 for the whole input
	SegmentID string // ID of the segment at Index
	Code      string // stable short code, e.g. "SE01", "GS01", "ORDER"; see Validate
	Message   string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s %s at %d (%s): %s", f.Severity, f.Code, f.Index, f.SegmentID, f.Message)
}

// findings accumulates results with the severity policy of one mode.
type findings struct {
	mode Mode
	list []Finding
}

func (fs *findings) add(sev Severity, index int, id, code, format string, args ...any) {
	fs.list = append(fs.list, Finding{Severity: sev, Index: index, SegmentID: id, Code: code, Message: fmt.Sprintf(format, args...)})
}

// envelope adds a finding about counts, control numbers or layout: an
// error in Strict mode, a warning in Tolerant mode.
func (fs *findings) envelope(index int, id, code, format string, args ...any) {
	sev := Error
	if fs.mode == Tolerant {
		sev = Warning
	}
	fs.add(sev, index, id, code, format, args...)
}
