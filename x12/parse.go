package x12

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// ErrSyntax marks every error returned by Parse, ParseSegments and Sets.
var ErrSyntax = errors.New("x12: syntax")

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// isaSeparatorOffsets are the byte offsets of the 16 element separators
// of a fixed-width ISA; ISA16 follows at 104 and the terminator at 105.
var isaSeparatorOffsets = [16]int{3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103}

// Parse reads one interchange in tolerant mode: delimiters come from the
// ISA (fixed offsets, or by counting separators when the ISA is not padded),
// and a UTF-8 BOM, CR/LF after terminators, blank lines and a newline used
// as the terminator are all accepted. What was tolerated is recorded in
// Interchange.Layout for Validate.
func Parse(data []byte) (*Interchange, error) {
	ic := &Interchange{}
	data, ic.Layout.BOM = bytes.CutPrefix(data, utf8BOM)
	data = bytes.TrimLeft(data, " \t\r\n")
	d, layout, err := isaDelimiters(data)
	if err != nil {
		return nil, err
	}
	ic.Delimiters = d
	ic.Layout.FixedISA, ic.Layout.MissingISA16 = layout.FixedISA, layout.MissingISA16
	segs, lines, err := tokenize(data, d)
	if err != nil {
		return nil, err
	}
	ic.Layout.LineBreaks, ic.Layout.BlankLines = lines.LineBreaks, lines.BlankLines
	if len(segs[0].Elements) != 16 {
		return nil, fmt.Errorf("%w: ISA has %d elements, want 16", ErrSyntax, len(segs[0].Elements))
	}
	ic.ISA = segs[0]
	ic.Delimiters.Repetition = repetitionSeparator(ic.ISA, d)
	remapMarks(segs[1:], ic.Delimiters)
	if err := ic.assemble(segs[1:]); err != nil {
		return nil, err
	}
	return ic, nil
}

// isaDelimiters finds the separators. The strict path trusts the fixed
// offsets; the tolerant path counts 16 element separators, which copes
// with ISAs whose fields were not padded (common in samples copied from
// PDF guides).
func isaDelimiters(data []byte) (Delimiters, Layout, error) {
	if len(data) < 4 || string(data[:3]) != "ISA" {
		return Delimiters{}, Layout{}, fmt.Errorf("%w: input does not start with ISA", ErrSyntax)
	}
	el := data[3]
	if fixedISA(data, el) {
		return Delimiters{Element: el, Component: data[104], Segment: data[105]}, Layout{FixedISA: true}, nil
	}
	seen, i := 0, 0
	for i = 0; i < len(data) && seen < 16; i++ {
		if data[i] == el {
			seen++
		}
	}
	if seen < 16 || i >= len(data) {
		return Delimiters{}, Layout{}, fmt.Errorf("%w: ISA has fewer than 16 elements", ErrSyntax)
	}
	// i is just past the 16th separator. An ISA16 that is CR, LF or "~" is
	// really the terminator of an ISA whose ISA16 was left empty.
	if c := data[i]; c == '\r' || c == '\n' || c == '~' {
		return Delimiters{Element: el, Segment: c}, Layout{MissingISA16: true}, nil
	}
	if i+1 >= len(data) {
		return Delimiters{}, Layout{}, fmt.Errorf("%w: ISA has no segment terminator", ErrSyntax)
	}
	return Delimiters{Element: el, Component: data[i], Segment: data[i+1]}, Layout{}, nil
}

func fixedISA(data []byte, el byte) bool {
	if len(data) < 106 {
		return false
	}
	for _, off := range isaSeparatorOffsets {
		if data[off] != el {
			return false
		}
	}
	// ISA16 must not be the element separator, and the terminator follows it.
	return data[104] != el && data[105] != el
}

// repetitionSeparator returns ISA11 when it is a repetition separator:
// only from version 00402 on, and never a letter or digit, because a "U"
// left in a 00501 ISA11 would otherwise split data such as "USD".
func repetitionSeparator(isa Segment, d Delimiters) byte {
	v, ver := isa.Element(11), isa.Element(12)
	if len(v) != 1 || ver < "00402" || isAlnum(v[0]) || v[0] == ' ' || d.is(v[0]) {
		return 0
	}
	return v[0]
}

type lineInfo struct{ LineBreaks, BlankLines bool }

// tokenize splits data into segments on the terminator and elements on the
// element separator. CR and LF around segments are layout, not data. The
// last segment may lack its terminator.
func tokenize(data []byte, d Delimiters) ([]Segment, lineInfo, error) {
	var segs []Segment
	var li lineInfo
	for len(data) > 0 {
		raw, rest, _ := bytes.Cut(data, []byte{d.Segment})
		data = rest
		trimmed := bytes.Trim(raw, "\r\n")
		li.LineBreaks = li.LineBreaks || len(trimmed) != len(raw)
		blank := len(bytes.TrimSpace(trimmed)) == 0
		if bytes.Count(raw, []byte{'\n'}) > 1 || (blank && d.Segment == '\n' && len(rest) > 0) {
			li.BlankLines = true
		}
		if blank {
			continue
		}
		seg, err := splitSegment(trimmed, d, len(segs))
		if err != nil {
			return nil, li, err
		}
		segs = append(segs, seg)
	}
	if len(segs) == 0 {
		return nil, li, fmt.Errorf("%w: no segments", ErrSyntax)
	}
	return segs, li, nil
}

// splitSegment converts the segment to one string and slices the
// elements out of it: one allocation for the text, one for the slice.
func splitSegment(raw []byte, d Delimiters, index int) (Segment, error) {
	fields := strings.Split(string(raw), string(d.Element))
	if !validSegmentID(fields[0]) {
		return Segment{}, fmt.Errorf("%w: segment %d: invalid segment ID %q", ErrSyntax, index, truncate(fields[0], 20))
	}
	return Segment{ID: fields[0], Elements: fields[1:]}, nil
}

// remapMarks replaces the file's component and repetition separators by
// the in-memory marks. The ISA is excluded: its ISA11 and ISA16 are the
// separators themselves.
func remapMarks(segs []Segment, d Delimiters) {
	if d.Component == 0 && d.Repetition == 0 {
		return
	}
	for _, s := range segs {
		for i, e := range s.Elements {
			s.Elements[i] = remapValue(e, d)
		}
	}
}

func remapValue(v string, d Delimiters) string {
	var b []byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case d.Component != 0 && c == d.Component:
			c = ComponentMark
		case d.Repetition != 0 && c == d.Repetition:
			c = RepetitionMark
		default:
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(v)), v[:i]...)
		}
		b = append(b, c)
	}
	if b == nil {
		return v
	}
	return string(b)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// assemble builds groups and sets from the segments after the ISA.
func (ic *Interchange) assemble(segs []Segment) error {
	i := 0
	for i < len(segs) && segs[i].ID == "GS" {
		g := Group{GS: segs[i]}
		i++
		for i < len(segs) && segs[i].ID == "ST" {
			sets, next, err := readSet(segs, i)
			if err != nil {
				return err
			}
			g.Sets = append(g.Sets, sets)
			i = next
		}
		if i >= len(segs) || segs[i].ID != "GE" {
			return unexpected(segs, i, "GE or ST")
		}
		g.GE = segs[i]
		ic.Groups = append(ic.Groups, g)
		i++
	}
	if i >= len(segs) || segs[i].ID != "IEA" {
		return unexpected(segs, i, "IEA or GS")
	}
	ic.IEA = segs[i]
	if i+1 < len(segs) {
		return unexpected(segs, i+1, "end of input after IEA")
	}
	return nil
}

// readSet reads ST … SE starting at segs[i].
func readSet(segs []Segment, i int) (Transaction, int, error) {
	t := Transaction{ST: segs[i], SetID: segs[i].Element(1)}
	for j := i + 1; j < len(segs); j++ {
		switch segs[j].ID {
		case "SE":
			t.Body, t.SE = segs[i+1:j], segs[j]
			return t, j + 1, nil
		case "ISA", "IEA", "GS", "GE", "ST":
			return t, j, unexpected(segs, j, "SE")
		}
	}
	return t, len(segs), unexpected(segs, len(segs), "SE")
}

// unexpected reports segs[i] (1-based from the ISA) where want was due.
func unexpected(segs []Segment, i int, want string) error {
	if i >= len(segs) {
		return fmt.Errorf("%w: input ends where %s was expected", ErrSyntax, want)
	}
	return fmt.Errorf("%w: segment %d: %s where %s was expected", ErrSyntax, i+1, segs[i].ID, want)
}

// ParseSegments tokenizes data that has no envelope (or whose envelope is
// to be treated as plain segments) with the given delimiters. A UTF-8 BOM
// and CR/LF around segments are ignored; component and repetition
// separators become the in-memory marks (except inside an ISA).
func ParseSegments(data []byte, d Delimiters) ([]Segment, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	data = bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	segs, _, err := tokenize(data, d)
	if err != nil {
		return nil, err
	}
	for i := range segs {
		if segs[i].ID != "ISA" {
			remapMarks(segs[i:i+1], d)
		}
	}
	return segs, nil
}

// Sets groups a flat segment list into transaction sets (ST … SE),
// ignoring envelope segments around them.
func Sets(segs []Segment) ([]Transaction, error) {
	var out []Transaction
	for i := 0; i < len(segs); {
		switch segs[i].ID {
		case "ST":
			t, next, err := readSet(segs, i)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
			i = next
		case "ISA", "IEA", "GS", "GE":
			i++
		default:
			return nil, unexpected(segs, i, "ST")
		}
	}
	return out, nil
}
