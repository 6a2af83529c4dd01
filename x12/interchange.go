package x12

// Interchange is one parsed ISA…IEA envelope, kept close enough to the
// source that Encode writes it back byte for byte (apart from line breaks
// and trailing empty elements).
type Interchange struct {
	// ISA holds the 16 ISA elements verbatim, padding included, so
	// unpadded fields stay visible to Validate.
	ISA        Segment
	Delimiters Delimiters
	Groups     []Group
	IEA        Segment
	Layout     Layout
}

// Group is one GS…GE functional group.
type Group struct {
	GS   Segment
	Sets []Transaction
	GE   Segment
}

// Layout records how the source was laid out, for the validator: these are
// facts the segments themselves no longer show.
type Layout struct {
	BOM          bool // a UTF-8 byte order mark preceded the ISA
	FixedISA     bool // all 16 ISA separators sat at their fixed offsets
	MissingISA16 bool // no component separator between ISA15 and the terminator
	LineBreaks   bool // CR or LF after segment terminators
	BlankLines   bool // empty lines between segments
}

// Segments returns every segment of the interchange in file order, ISA
// first; the index into this slice is the Finding.Index Validate reports.
func (ic *Interchange) Segments() []Segment {
	out := []Segment{ic.ISA}
	for _, g := range ic.Groups {
		out = append(out, g.GS)
		for _, t := range g.Sets {
			out = append(out, t.ST)
			out = append(out, t.Body...)
			out = append(out, t.SE)
		}
		out = append(out, g.GE)
	}
	return append(out, ic.IEA)
}

// Encode writes the interchange back as parsed, with its own delimiters
// and no line breaks: ISA fields, control numbers and counts are kept
// verbatim (use Render to recompute them). Trailing empty elements are
// dropped, as X12 requires.
func (ic *Interchange) Encode() ([]byte, error) {
	d := ic.Delimiters
	buf, err := appendISA(make([]byte, 0, 4096), ic.ISA.Elements, d)
	if err != nil {
		return nil, err
	}
	for _, s := range ic.Segments()[1:] {
		if buf, err = appendSegment(buf, s, d); err != nil {
			return nil, err
		}
	}
	return buf, nil
}
