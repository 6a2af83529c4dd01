package inspect

import (
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// At locates something in the file.
type At struct {
	Segment int   `json:"segment"`          // 1-based number of the segment in the file
	Offset  int64 `json:"offset"`           // byte offset of its first character
	InSet   int   `json:"in_set,omitempty"` // position in its set, ST = 1 (as a 997's AK302 counts)
}

func at(p x12.Position) At { return At{Segment: p.Segment, Offset: p.Offset, InSet: p.InSet} }

// Interchange is what an ISA says.
type Interchange struct {
	Index         int        `json:"index"`          // 1-based, in the file
	ControlNumber string     `json:"control_number"` // ISA13
	Sender        Party      `json:"sender"`         // ISA05, ISA06
	Receiver      Party      `json:"receiver"`       // ISA07, ISA08
	Date          string     `json:"date"`           // ISA09, YYYY-MM-DD when it is a date
	Time          string     `json:"time"`           // ISA10, HH:MM
	Version       string     `json:"version"`        // ISA12, e.g. 00401
	Usage         string     `json:"usage"`          // ISA15: P, T or I
	UsageMeaning  string     `json:"usage_meaning,omitempty"`
	AckRequested  string     `json:"ack_requested"` // ISA14: 0 or 1 (a TA1 is asked for)
	Authorization Credential `json:"authorization"` // ISA01, ISA02
	Security      Credential `json:"security"`      // ISA03, ISA04
	Delimiters    Delimiters `json:"delimiters"`
	At            At         `json:"at"`
}

// Party is an interchange sender or receiver.
type Party struct {
	Qualifier string `json:"qualifier"` // ISA05/07: 01 DUNS, 12 phone, 14 DUNS+suffix, ZZ mutually defined, …
	ID        string `json:"id"`        // padding removed
}

// Credential is ISA01/02 or ISA03/04. The value itself is never shown:
// ISA02 and ISA04 may hold a password.
type Credential struct {
	Qualifier string `json:"qualifier"`
	Present   bool   `json:"present"`
}

// Delimiters are the separators of an interchange, as characters.
type Delimiters struct {
	Element    string `json:"element"`
	Component  string `json:"component,omitempty"`
	Repetition string `json:"repetition,omitempty"`
	Segment    string `json:"segment"`
}

// Group is what a GS says.
type Group struct {
	Index             int    `json:"index"`         // 1-based, in its interchange
	FunctionalID      string `json:"functional_id"` // GS01
	FunctionalMeaning string `json:"functional_meaning,omitempty"`
	Sender            string `json:"sender"`         // GS02
	Receiver          string `json:"receiver"`       // GS03
	Date              string `json:"date"`           // GS04, YYYY-MM-DD when it is a date
	Time              string `json:"time"`           // GS05
	ControlNumber     string `json:"control_number"` // GS06
	Agency            string `json:"agency"`         // GS07: X
	Version           string `json:"version"`        // GS08, e.g. 004010VICS
	Release           string `json:"release"`        // its version and release, e.g. 004010
	Industry          string `json:"industry,omitempty"`
	At                At     `json:"at"`
}

func readInterchange(isa x12.Segment, d x12.Delimiters, index int, pos x12.Position) *Interchange {
	e := isa.Element
	return &Interchange{Index: index, ControlNumber: e(13),
		Sender:   Party{Qualifier: e(5), ID: strings.TrimSpace(e(6))},
		Receiver: Party{Qualifier: e(7), ID: strings.TrimSpace(e(8))},
		Date:     isoDate(e(9), "060102"), Time: isoTime(e(10)), Version: e(12),
		Usage: e(15), UsageMeaning: usageIndicator.of(e(15)), AckRequested: e(14),
		Authorization: Credential{Qualifier: e(1), Present: strings.TrimSpace(e(2)) != ""},
		Security:      Credential{Qualifier: e(3), Present: strings.TrimSpace(e(4)) != ""},
		Delimiters:    delimiters(d), At: at(pos)}
}

func readGroup(gs x12.Segment, index int, pos x12.Position) *Group {
	e := gs.Element
	g := &Group{Index: index, FunctionalID: e(1), FunctionalMeaning: functionalIDs.of(e(1)), Sender: e(2), Receiver: e(3),
		Date: isoDate(e(4), "20060102"), Time: isoTime(e(5)), ControlNumber: e(6), Agency: e(7), Version: e(8), At: at(pos)}
	g.Release, g.Industry = e(8), ""
	if len(e(8)) > 6 {
		g.Release, g.Industry = e(8)[:6], e(8)[6:]
	}
	return g
}

func delimiters(d x12.Delimiters) Delimiters {
	str := func(b byte) string {
		if b == 0 {
			return ""
		}
		return string(rune(b))
	}
	return Delimiters{Element: str(d.Element), Component: str(d.Component), Repetition: str(d.Repetition), Segment: str(d.Segment)}
}

// isoDate turns an X12 date into YYYY-MM-DD; text that is not one is kept.
// ISA09 has two-digit years: Go's rule places 69-99 in the 1900s.
func isoDate(v, layout string) string {
	t, err := time.Parse(layout, v)
	if err != nil {
		return v
	}
	return t.Format(time.DateOnly)
}

// isoTime turns HHMM[SS[D..]] into HH:MM[:SS[.D..]]; other text is kept.
func isoTime(v string) string {
	if len(v) < 4 || strings.Trim(v, "0123456789") != "" {
		return v
	}
	out := v[:2] + ":" + v[2:4]
	if len(v) >= 6 {
		out += ":" + v[4:6]
	}
	if len(v) > 6 {
		out += "." + v[6:]
	}
	return out
}
