package x12

import (
	"errors"
	"fmt"
	"strings"
)

// Segment is one X12 segment. Elements[0] is element 01. Composite
// components and repetitions are joined with ComponentMark and
// RepetitionMark (see the package documentation).
type Segment struct {
	ID       string
	Elements []string
}

// Element returns element n (1-based) or "" when absent.
func (s Segment) Element(n int) string {
	if n < 1 || n > len(s.Elements) {
		return ""
	}
	return s.Elements[n-1]
}

// Component returns component k (1-based) of the first repetition of
// element n, or "" when absent. Component(n, 1) of a simple element is the
// element itself.
func (s Segment) Component(n, k int) string {
	first, _, _ := strings.Cut(s.Element(n), string(rune(RepetitionMark)))
	parts := strings.Split(first, string(rune(ComponentMark)))
	if k < 1 || k > len(parts) {
		return ""
	}
	return parts[k-1]
}

// Repetitions returns the repetitions of element n (one value for a
// non-repeated element, none for an absent one).
func (s Segment) Repetitions(n int) []string {
	v := s.Element(n)
	if v == "" {
		return nil
	}
	return strings.Split(v, string(rune(RepetitionMark)))
}

// String renders the segment with DefaultDelimiters and no terminator, for
// messages and debugging. Values containing delimiters are shown as is.
func (s Segment) String() string {
	var b strings.Builder
	b.WriteString(s.ID)
	for _, e := range trimTrailingEmpty(s.Elements) {
		b.WriteByte(DefaultDelimiters.Element)
		b.WriteString(strings.NewReplacer(string(rune(ComponentMark)), ">", string(rune(RepetitionMark)), "^").Replace(e))
	}
	return b.String()
}

// Composite joins components into one composite element value.
func Composite(components ...string) string {
	return strings.Join(components, string(rune(ComponentMark)))
}

// Repeated joins values into one repeated element value.
func Repeated(values ...string) string {
	return strings.Join(values, string(rune(RepetitionMark)))
}

// trimTrailingEmpty drops trailing empty elements: X12 forbids a
// separator followed by nothing before the terminator.
func trimTrailingEmpty(elems []string) []string {
	n := len(elems)
	for n > 0 && elems[n-1] == "" {
		n--
	}
	return elems[:n]
}

// trimTrailingComponents drops trailing empty components of each
// repetition of a composite element, for the same reason.
func trimTrailingComponents(v string) string {
	if !strings.ContainsRune(v, ComponentMark) {
		return v
	}
	reps := strings.Split(v, string(rune(RepetitionMark)))
	for i, r := range reps {
		reps[i] = strings.TrimRight(r, string(rune(ComponentMark)))
	}
	return strings.Join(reps, string(rune(RepetitionMark)))
}

var errDelimiterInData = errors.New("x12: value contains a delimiter")

// validSegmentID reports whether id looks like an X12 segment ID (2 or 3
// upper-case letters or digits, starting with a letter).
func validSegmentID(id string) bool {
	if len(id) < 2 || len(id) > 3 || id[0] < 'A' || id[0] > 'Z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if !(id[i] >= 'A' && id[i] <= 'Z' || id[i] >= '0' && id[i] <= '9') {
			return false
		}
	}
	return true
}

// appendSegment writes seg with delimiters d, trimming trailing empty
// elements and components, and rejects data that contains a delimiter
// because X12 has no escape.
func appendSegment(buf []byte, seg Segment, d Delimiters) ([]byte, error) {
	if !validSegmentID(seg.ID) {
		return buf, fmt.Errorf("x12: invalid segment ID %q", seg.ID)
	}
	buf = append(buf, seg.ID...)
	for i, e := range trimTrailingEmpty(seg.Elements) {
		buf = append(buf, d.Element)
		var err error
		if buf, err = appendValue(buf, trimTrailingComponents(e), d); err != nil {
			return buf, fmt.Errorf("%s%02d: %w", seg.ID, i+1, err)
		}
	}
	return append(buf, d.Segment), nil
}

// appendValue maps the in-memory marks to the target delimiters.
func appendValue(buf []byte, v string, d Delimiters) ([]byte, error) {
	for i := 0; i < len(v); i++ {
		switch b := v[i]; {
		case b == ComponentMark:
			if d.Component == 0 {
				return buf, fmt.Errorf("x12: composite value %q but no component separator", v)
			}
			buf = append(buf, d.Component)
		case b == RepetitionMark:
			if d.Repetition == 0 {
				return buf, fmt.Errorf("x12: repeated value %q but no repetition separator (version < 00402?)", v)
			}
			buf = append(buf, d.Repetition)
		case d.is(b):
			return buf, fmt.Errorf("%w: %q contains %q", errDelimiterInData, v, b)
		default:
			buf = append(buf, b)
		}
	}
	return buf, nil
}
