package x12

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxSegmentLen bounds one segment read by a Scanner. No X12 segment of
// the sets the connector reads comes near it; input without a terminator
// for this long is not X12, and reading on would hold it all in memory.
const MaxSegmentLen = 1 << 20

// isaWindow is how much a Scanner looks ahead to find an ISA's
// delimiters: 106 bytes for a fixed-width ISA, more for an unpadded one
// with long values.
const isaWindow = 512

// Scanner reads the segments of an X12 stream one at a time, in bounded
// memory whatever the input's size: several interchanges one after the
// other (each with its own delimiters, found in its ISA), a UTF-8 BOM,
// CR/LF after terminators, blank lines, a newline as the terminator, and
// a bare ST…SE set without an envelope (its delimiters found in the ST).
// It only tokenizes; envelope order is Reader's business.
type Scanner struct {
	r      *bufio.Reader
	d      Delimiters
	layout Layout
	seg    Segment
	at     Position
	read   int64 // bytes consumed so far
	count  int   // segments returned so far
	bare   bool  // the input has no envelope
	start  bool  // before the first segment
	buf    []byte
	fields []string // a block the segments' elements are cut from
	err    error
}

// Position locates a segment in the input.
type Position struct {
	Segment int   // 1-based number of the segment in the input
	Offset  int64 // byte offset of its first character
	InSet   int   // position in its transaction set, ST = 1 (as AK302 counts); 0 outside a set
}

// NewScanner reads from r.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: bufio.NewReaderSize(r, 64<<10), start: true}
}

// Scan advances to the next segment; false at the end of the input or on
// an error (Err tells which).
func (s *Scanner) Scan() bool {
	if s.err != nil {
		return false
	}
	for {
		if err := s.skipSpace(); err != nil {
			if s.start && errors.Is(err, io.EOF) {
				err = fmt.Errorf("%w: no segments", ErrSyntax)
			}
			return s.fail(err)
		}
		if s.start {
			if err := s.begin(); err != nil {
				return s.fail(err)
			}
		} else if s.atISA() {
			if err := s.detectISA(); err != nil {
				return s.fail(err)
			}
		}
		offset := s.read
		raw, err := s.readSegment()
		if err != nil {
			return s.fail(err)
		}
		trimmed := bytes.TrimRight(raw, "\r\n")
		if len(trimmed) == 0 {
			continue // two terminators in a row
		}
		s.count++
		s.at = Position{Segment: s.count, Offset: offset}
		s.seg = s.split(trimmed)
		return true
	}
}

// Segment is the segment Scan read.
func (s *Scanner) Segment() Segment { return s.seg }

// Position is where the segment Scan read starts (InSet is left to Reader).
func (s *Scanner) Position() Position { return s.at }

// Delimiters are those of the current interchange.
func (s *Scanner) Delimiters() Delimiters { return s.d }

// Layout is how the current interchange is laid out so far.
func (s *Scanner) Layout() Layout { return s.layout }

// Bare reports an input that is a set (or sets) without ISA/GS envelope.
func (s *Scanner) Bare() bool { return s.bare }

// BytesRead is how much of the input was consumed.
func (s *Scanner) BytesRead() int64 { return s.read }

// Err is the error that stopped Scan, nil at a clean end of input.
func (s *Scanner) Err() error {
	if errors.Is(s.err, io.EOF) {
		return nil
	}
	return s.err
}

func (s *Scanner) fail(err error) bool {
	s.err = err
	return false
}

// skipSpace consumes whitespace before a segment (io.EOF at the end) and
// notes line breaks: one after a terminator is layout, a second one (or
// any, when the terminator is itself a newline) is a blank line.
func (s *Scanner) skipSpace() error {
	newlines := 0
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return err
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			if !s.start && newlines > 0 {
				s.layout.LineBreaks = true
				s.layout.BlankLines = s.layout.BlankLines || newlines > 1 || s.d.Segment == '\n'
			}
			return s.r.UnreadByte()
		}
		if c == '\n' {
			newlines++
		}
		s.read++
	}
}

// begin handles the first segment: a BOM, then an ISA or a bare ST.
func (s *Scanner) begin() error {
	s.start = false
	if head, _ := s.r.Peek(3); bytes.Equal(head, utf8BOM) {
		s.r.Discard(3)
		s.read += 3
		s.layout.BOM = true
		if err := s.skipSpace(); err != nil {
			return fmt.Errorf("%w: no segments", ErrSyntax)
		}
	}
	if s.atISA() {
		bom := s.layout.BOM
		err := s.detectISA()
		s.layout.BOM = bom
		return err
	}
	return s.detectBare()
}

// atISA reports whether the next segment is an ISA: "ISA" and a separator.
func (s *Scanner) atISA() bool {
	head, _ := s.r.Peek(4)
	return len(head) == 4 && string(head[:3]) == "ISA" && !isAlnum(head[3]) && head[3] != ' '
}

// detectISA takes the delimiters of the interchange that starts here.
func (s *Scanner) detectISA() error {
	window, err := s.r.Peek(isaWindow)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return err
	}
	d, layout, err := isaDelimiters(window)
	if err != nil {
		return fmt.Errorf("%w (at byte %d)", err, s.read)
	}
	s.d, s.layout, s.bare = d, layout, false
	return nil
}

// detectBare takes the delimiters of an input that starts with ST: the
// byte after "ST" separates elements and the first byte after ST's
// values (ST02, ST03 are letters and digits) ends the segment.
func (s *Scanner) detectBare() error {
	window, _ := s.r.Peek(isaWindow)
	if len(window) < 4 || string(window[:2]) != "ST" || isAlnum(window[2]) || window[2] == ' ' {
		return fmt.Errorf("%w: input starts with neither ISA nor ST", ErrSyntax)
	}
	d := Delimiters{Element: window[2]}
	for _, c := range window[3:] {
		if isAlnum(c) || c == ' ' || c == d.Element {
			continue
		}
		d.Segment = c
		if c == '\r' {
			d.Segment = '\n'
		}
		break
	}
	if d.Segment == 0 {
		return fmt.Errorf("%w: no segment terminator after ST", ErrSyntax)
	}
	s.d, s.bare = d, true
	return nil
}

// readSegment returns the bytes up to the terminator (excluded), or to the
// end of the input for a last segment without one. The slice is valid
// until the next read.
func (s *Scanner) readSegment() ([]byte, error) {
	line, err := s.r.ReadSlice(s.d.Segment)
	s.read += int64(len(line))
	if err == nil {
		return line[:len(line)-1], nil
	}
	if errors.Is(err, io.EOF) {
		if len(line) == 0 {
			return nil, io.EOF
		}
		return line, nil
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	s.buf = append(s.buf[:0], line...)
	for {
		line, err = s.r.ReadSlice(s.d.Segment)
		s.read += int64(len(line))
		s.buf = append(s.buf, line...)
		if len(s.buf) > MaxSegmentLen {
			return nil, fmt.Errorf("%w: segment %d is longer than %d bytes (no %q terminator)", ErrSyntax, s.count+1, MaxSegmentLen, s.d.Segment)
		}
		switch {
		case err == nil:
			return s.buf[:len(s.buf)-1], nil
		case errors.Is(err, io.EOF):
			return s.buf, nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return nil, err
		}
	}
}

// split turns the segment's bytes into a Segment. The ISA is kept verbatim
// (its ISA11 and ISA16 are the separators themselves); other segments get
// the in-memory component and repetition marks. A segment ID that is not
// one is kept as read: whether that is fatal is the caller's call.
func (s *Scanner) split(raw []byte) Segment {
	fields := s.fieldSpace(bytes.Count(raw, []byte{s.d.Element}) + 1)
	text := string(raw)
	for i := range len(fields) - 1 {
		end := strings.IndexByte(text, s.d.Element)
		fields[i], text = text[:end], text[end+1:]
	}
	fields[len(fields)-1] = text
	seg := Segment{ID: fields[0], Elements: fields[1:]}
	if seg.ID == "ISA" {
		s.d.Repetition = repetitionSeparator(seg, s.d)
		return seg
	}
	if s.d.Component != 0 && bytes.IndexByte(raw, s.d.Component) >= 0 ||
		s.d.Repetition != 0 && bytes.IndexByte(raw, s.d.Repetition) >= 0 {
		for i, e := range seg.Elements {
			seg.Elements[i] = remapValue(e, s.d)
		}
	}
	return seg
}

// fieldSpace is room for n fields, cut from a block of them: a file has
// millions of segments, and their element lists need not be allocated one
// by one. Its capacity is n, so an append never reaches a neighbour's.
func (s *Scanner) fieldSpace(n int) []string {
	const block = 1024
	if n > block/8 {
		return make([]string, n)
	}
	if cap(s.fields)-len(s.fields) < n {
		s.fields = make([]string, 0, block)
	}
	start := len(s.fields)
	s.fields = s.fields[:start+n]
	return s.fields[start : start+n : start+n]
}
