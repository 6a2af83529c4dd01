package x12

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

var errEnvelopeInBody = errors.New("x12: envelope segment inside a transaction body")

// Render writes one interchange holding one functional group with the given
// sets, in the layout Stedi generates: fixed-width ISA, ST02 0001, 0002, …,
// SE01/GE01/IEA01 counted, trailing empty elements omitted, no line breaks.
// All sets must map to the same GS01 (850→PO, 810→IN, 855→PR, 856→SH,
// 860→PC, 997→FA).
func Render(env Envelope, sets ...Transaction) (string, error) {
	env, err := env.normalized()
	if err != nil {
		return "", err
	}
	fid, err := groupFunctionalID(sets)
	if err != nil {
		return "", err
	}
	d := env.Delimiters
	ctl := fmt.Sprintf("%09d", env.ControlNumber)
	buf, err := appendISA(make([]byte, 0, 256+estimateSize(sets)), isaFields(env, ctl), d)
	if err != nil {
		return "", err
	}
	segs := []Segment{{ID: "GS", Elements: []string{
		fid, env.SenderApp, env.ReceiverApp,
		env.Date.Format("20060102"), env.Date.Format("1504"), ctl, "X", env.Release,
	}}}
	for i, t := range sets {
		if buf, err = appendSet(buf, segs, t, fmt.Sprintf("%04d", i+1), d); err != nil {
			return "", fmt.Errorf("x12: set %d (%s): %w", i+1, t.SetID, err)
		}
		segs = nil
	}
	for _, s := range []Segment{
		{ID: "GE", Elements: []string{strconv.Itoa(len(sets)), ctl}},
		{ID: "IEA", Elements: []string{"1", ctl}},
	} {
		if buf, err = appendSegment(buf, s, d); err != nil {
			return "", err
		}
	}
	return string(buf), nil
}

// groupFunctionalID derives GS01 and checks every set agrees, since a
// functional group carries one kind of document.
func groupFunctionalID(sets []Transaction) (string, error) {
	if len(sets) == 0 {
		return "", errors.New("x12: no transaction sets to render")
	}
	var fid string
	for i, t := range sets {
		f, ok := FunctionalID(t.SetID)
		if !ok {
			return "", fmt.Errorf("x12: set %d: unsupported transaction set ID %q", i+1, t.SetID)
		}
		if fid != "" && f != fid {
			return "", fmt.Errorf("x12: set %d: %s (GS01 %s) cannot share a group with GS01 %s", i+1, t.SetID, f, fid)
		}
		fid = f
	}
	return fid, nil
}

func isaFields(env Envelope, ctl string) []string {
	isa11 := "U"
	if d := env.Delimiters; d.Repetition != 0 {
		isa11 = string(d.Repetition)
	}
	return []string{
		"00", strings.Repeat(" ", 10), "00", strings.Repeat(" ", 10),
		env.SenderQual, pad15(env.SenderID), env.ReceiverQual, pad15(env.ReceiverID),
		env.Date.Format("060102"), env.Date.Format("1504"), isa11, env.Version,
		ctl, string(env.AckRequested), string(env.Usage), string(env.Delimiters.Component),
	}
}

func pad15(s string) string { return s + strings.Repeat(" ", max(0, 15-len(s))) }

// appendISA writes the ISA verbatim: ISA11 and ISA16 are delimiters
// themselves, so they bypass the delimiter-in-data check that applies to
// the other fields.
func appendISA(buf []byte, f []string, d Delimiters) ([]byte, error) {
	if len(f) != 16 {
		return buf, fmt.Errorf("x12: ISA has %d elements, want 16", len(f))
	}
	buf = append(buf, "ISA"...)
	for i, v := range f {
		if i != 10 && i != 15 {
			for j := 0; j < len(v); j++ {
				if d.is(v[j]) || v[j] == ComponentMark || v[j] == RepetitionMark {
					return buf, fmt.Errorf("%w: ISA%02d %q", errDelimiterInData, i+1, v)
				}
			}
		}
		buf = append(buf, d.Element)
		buf = append(buf, v...)
	}
	return append(buf, d.Segment), nil
}

// appendSet writes lead (the GS before the first set), then ST, the body
// and a recomputed SE.
func appendSet(buf []byte, lead []Segment, t Transaction, ctl string, d Delimiters) ([]byte, error) {
	segs := append(lead, Segment{ID: "ST", Elements: []string{t.SetID, ctl}})
	for _, s := range t.Body {
		if isEnvelopeID(s.ID) {
			return buf, fmt.Errorf("%w: %s", errEnvelopeInBody, s.ID)
		}
	}
	segs = append(segs, t.Body...)
	segs = append(segs, Segment{ID: "SE", Elements: []string{strconv.Itoa(len(t.Body) + 2), ctl}})
	var err error
	for _, s := range segs {
		if buf, err = appendSegment(buf, s, d); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

func isEnvelopeID(id string) bool {
	switch id {
	case "ISA", "IEA", "GS", "GE", "ST", "SE":
		return true
	}
	return false
}

func estimateSize(sets []Transaction) int {
	n := 0
	for _, t := range sets {
		n += 40 * (len(t.Body) + 2)
	}
	return n
}
