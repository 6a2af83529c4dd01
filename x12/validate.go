package x12

import (
	"strconv"
	"time"
)

// isaWidths are the fixed widths of ISA01..ISA16 (x12.md §1.1).
var isaWidths = [16]int{2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1}

// Validate checks an interchange. Codes reported:
//
//	envelope (error in Strict, warning in Tolerant): BOM, ISA-WIDTH, ISA09,
//	ISA10, ISA11, ISA13, ISA15, ISA16, IEA01, IEA02, GS04, GS05, GS06, GE01,
//	GE02, ST02, SE01, SE02, TRAILING-SEP;
//	content (always errors): GS01, REQUIRED, REPEAT, ORDER, CTT01;
//	information: ISA12 (differs from GS08), NEWLINE-TERMINATOR, BLANK-LINES,
//	NO-TABLE (set without a structure table).
func Validate(ic *Interchange, mode Mode) []Finding {
	fs := &findings{mode: mode}
	checkLayout(fs, ic)
	checkISA(fs, ic.ISA)
	idx := 1
	for _, g := range ic.Groups {
		idx = checkGroup(fs, ic, g, idx)
	}
	checkIEA(fs, ic.ISA, ic.IEA, len(ic.Groups), idx)
	checkTrailingSeparators(fs, ic.Segments())
	return fs.list
}

// ValidateSet checks one transaction set on its own (for files without an
// envelope); Index 0 is its ST.
func ValidateSet(t Transaction, mode Mode) []Finding {
	fs := &findings{mode: mode}
	checkSet(fs, t, 0)
	checkTrailingSeparators(fs, append(append([]Segment{t.ST}, t.Body...), t.SE))
	return fs.list
}

func checkLayout(fs *findings, ic *Interchange) {
	if ic.Layout.BOM {
		fs.envelope(-1, "", "BOM", "input starts with a UTF-8 byte order mark")
	}
	if ic.Delimiters.Segment == '\n' || ic.Delimiters.Segment == '\r' {
		fs.add(Info, 0, "ISA", "NEWLINE-TERMINATOR", "the segment terminator is a line break")
	}
	if ic.Layout.BlankLines {
		fs.add(Info, -1, "", "BLANK-LINES", "blank lines between segments")
	}
}

func checkISA(fs *findings, isa Segment) {
	for i, w := range isaWidths {
		if v := isa.Element(i + 1); len(v) != w {
			fs.envelope(0, "ISA", "ISA-WIDTH", "ISA%02d %q is %d characters, want %d", i+1, v, len(v), w)
		}
	}
	if _, err := time.Parse("060102", isa.Element(9)); err != nil {
		fs.envelope(0, "ISA", "ISA09", "ISA09 %q is not a YYMMDD date", isa.Element(9))
	}
	if !validTime(isa.Element(10), 4, 4) {
		fs.envelope(0, "ISA", "ISA10", "ISA10 %q is not an HHMM time", isa.Element(10))
	}
	if v, ver := isa.Element(11), isa.Element(12); ver >= "00402" && len(v) == 1 && (isAlnum(v[0]) || v[0] == ' ') {
		fs.envelope(0, "ISA", "ISA11", "ISA11 %q is the repetition separator from version 00402 on (here %s) and must not be a data character", v, ver)
	}
	if v := isa.Element(13); !allDigits(v) {
		fs.envelope(0, "ISA", "ISA13", "ISA13 %q is not a number", v)
	}
	if v := isa.Element(15); v != "P" && v != "T" && v != "I" {
		fs.envelope(0, "ISA", "ISA15", "ISA15 %q is not P, T or I", v)
	}
	if isa.Element(16) == "" {
		fs.envelope(0, "ISA", "ISA16", "no component separator in ISA16")
	}
}

// checkGroup validates GS, its sets and GE; idx is the index of the GS.
// It returns the index after the GE.
func checkGroup(fs *findings, ic *Interchange, g Group, idx int) int {
	gsIdx := idx
	checkGS(fs, ic.ISA, g.GS, gsIdx)
	idx++
	for _, t := range g.Sets {
		checkGS01(fs, g.GS, t.SetID, gsIdx)
		checkSet(fs, t, idx)
		idx += len(t.Body) + 2
	}
	checkGE(fs, g.GS, g.GE, len(g.Sets), idx)
	return idx + 1
}

// checkGS checks the group header on its own; idx is its index.
func checkGS(fs *findings, isa, gs Segment, idx int) {
	if _, err := time.Parse("20060102", gs.Element(4)); err != nil {
		fs.envelope(idx, "GS", "GS04", "GS04 %q is not a CCYYMMDD date", gs.Element(4))
	}
	if !validTime(gs.Element(5), 4, 8) {
		fs.envelope(idx, "GS", "GS05", "GS05 %q is not an HHMM[SS[DD]] time", gs.Element(5))
	}
	if v := gs.Element(6); !allDigits(v) || len(v) > 9 {
		fs.envelope(idx, "GS", "GS06", "GS06 %q is not a 1-9 digit number", v)
	}
	if isa12, gs08 := isa.Element(12), gs.Element(8); len(gs08) < 5 || gs08[:5] != isa12 {
		fs.add(Info, idx, "GS", "ISA12", "ISA12 %s differs from the GS08 release %s", isa12, gs08)
	}
}

// checkGS01 compares the group's functional ID with a set of the group.
func checkGS01(fs *findings, gs Segment, setID string, idx int) {
	if want, ok := FunctionalID(setID); ok && gs.Element(1) != want {
		fs.add(Error, idx, "GS", "GS01", "GS01 %q does not match set %s (want %s)", gs.Element(1), setID, want)
	}
}

// checkGE checks the group trailer against the sets counted; idx is its index.
func checkGE(fs *findings, gs, ge Segment, sets, idx int) {
	if v := ge.Element(1); v != strconv.Itoa(sets) {
		fs.envelope(idx, "GE", "GE01", "GE01 %q, but the group has %d sets", v, sets)
	}
	if ge.Element(2) != gs.Element(6) {
		fs.envelope(idx, "GE", "GE02", "GE02 %q differs from GS06 %q", ge.Element(2), gs.Element(6))
	}
}

// checkIEA checks the interchange trailer; idx is its index.
func checkIEA(fs *findings, isa, iea Segment, groups, idx int) {
	if v := iea.Element(1); v != strconv.Itoa(groups) {
		fs.envelope(idx, "IEA", "IEA01", "IEA01 %q, but the interchange has %d groups", v, groups)
	}
	if iea.Element(2) != isa.Element(13) {
		fs.envelope(idx, "IEA", "IEA02", "IEA02 %q differs from ISA13 %q", iea.Element(2), isa.Element(13))
	}
}

// checkSet validates ST/SE and the body; idx is the index of the ST.
func checkSet(fs *findings, t Transaction, idx int) {
	checkST(fs, t.ST, idx)
	checkSE(fs, t.ST, t.SE, len(t.Body)+2, idx+len(t.Body)+1)
	checkStructure(fs, t, idx+1)
	checkLineCount(fs, t, idx+1)
}

// checkST checks the set header on its own; idx is its index.
func checkST(fs *findings, st Segment, idx int) {
	if n := len(st.Element(2)); n < 4 || n > 9 {
		fs.envelope(idx, "ST", "ST02", "ST02 %q must be 4-9 characters", st.Element(2))
	}
}

// checkSE checks the set trailer against the segments counted (ST and SE
// included); idx is its index.
func checkSE(fs *findings, st, se Segment, segments, idx int) {
	if want := strconv.Itoa(segments); se.Element(1) != want {
		fs.envelope(idx, "SE", "SE01", "SE01 %q, but the set has %s segments including ST and SE", se.Element(1), want)
	}
	if se.Element(2) != st.Element(2) {
		fs.envelope(idx, "SE", "SE02", "SE02 %q differs from ST02 %q", se.Element(2), st.Element(2))
	}
}

// checkLineCount compares CTT01 with the number of line segments.
func checkLineCount(fs *findings, t Transaction, base int) {
	line, ok := lineCounted[t.SetID]
	if !ok {
		return
	}
	count, ctt := 0, -1
	for i, s := range t.Body {
		switch s.ID {
		case line:
			count++
		case "CTT":
			ctt = i
		}
	}
	if ctt >= 0 {
		checkCTT01(fs, t.Body[ctt], line, count, base+ctt)
	}
}

// checkCTT01 compares CTT01 with the count of line segments; idx is the
// CTT's index.
func checkCTT01(fs *findings, ctt Segment, line string, count, idx int) {
	if ctt.Element(1) != strconv.Itoa(count) {
		fs.add(Error, idx, "CTT", "CTT01", "CTT01 %q, but the set has %d %s segments", ctt.Element(1), count, line)
	}
}

// checkTrailingSeparators reports segments that end with an element
// separator (parsed as a trailing empty element).
func checkTrailingSeparators(fs *findings, segs []Segment) {
	for i, s := range segs {
		checkTrailingSeparator(fs, s, i)
	}
}

func checkTrailingSeparator(fs *findings, s Segment, idx int) {
	if s.ID != "ISA" && len(s.Elements) > 0 && s.Elements[len(s.Elements)-1] == "" {
		fs.envelope(idx, s.ID, "TRAILING-SEP", "%s ends with an element separator", s.ID)
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// validTime checks HHMM[SS[D…]] with min..max digits.
func validTime(s string, min, max int) bool {
	if len(s) < min || len(s) > max || !allDigits(s) {
		return false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[2:4])
	return h < 24 && m < 60
}
