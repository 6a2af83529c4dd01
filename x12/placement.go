package x12

import (
	"fmt"
	"sync"
)

// Placement follows the segments of one transaction set through its
// standard table as they arrive, for reading partner files. Unlike
// Validate's order check it never stops: a segment the table does not
// know (UNKNOWN-SEGMENT) or does not expect where it stands (OUT-OF-PLACE,
// say a segment a partner adds inside a loop that does not list it) is
// reported and stepped over, and what follows is placed as if it were
// not there. REQUIRED and REPEAT are the table's other findings.
//
// It walks like an X12 translator: a segment is looked for from the
// current position onwards in the innermost open loop, then in the loops
// around it (closing the inner ones); a loop's first segment met again
// starts its next iteration. It holds one frame per open loop, so its
// memory does not grow with the set.
type Placement struct {
	set    string
	known  map[string]bool
	frames []frame
}

type frame struct {
	set      string // the set's ID in its outermost frame, "" in a loop's
	lead     string // the segment that opened it: ST, or the loop's first
	rules    []rule
	required int   // 1 + the index of the last required rule, 0 for none
	at       int   // index of the rule matched last, -1 before the first
	counts   []int // occurrences of each rule in this iteration
}

func newFrame(set, lead string, rules []rule, required int) frame {
	return frame{set: set, lead: lead, rules: rules, required: required, at: -1, counts: make([]int, len(rules))}
}

// name is how findings call the frame: "set 850", "PO1 loop".
func (f *frame) name() string {
	if f.set != "" {
		return "set " + f.set
	}
	return f.lead + " loop"
}

// requiredEnd is 1 + the index of the last rule with a minimum, 0 for
// none: most loops require nothing after their first segment, and
// missing need not look at their rules each time one closes.
func requiredEnd(rules []rule) int {
	end := 0
	for k, r := range rules {
		if r.Min > 0 {
			end = k + 1
		}
	}
	return end
}

// knownBySet caches the segment IDs of each set's table: a file can hold
// a great many sets of the same kind.
var knownBySet sync.Map // set ID → map[string]bool

// NewPlacement returns the walker for a set, false when the set has no
// table (every segment would be unknown).
func NewPlacement(setID string) (*Placement, bool) {
	rules, ok := setTables[setID]
	if !ok {
		return nil, false
	}
	known, ok := knownBySet.Load(setID)
	if !ok {
		known, _ = knownBySet.LoadOrStore(setID, knownIDs(rules, map[string]bool{}))
	}
	return &Placement{set: setID, known: known.(map[string]bool),
		frames: []frame{newFrame(setID, "ST", rules, requiredEnd(rules))}}, true
}

// Place places one segment of the set body (ST and SE excluded). The
// findings it returns have no Index: the caller knows the position.
func (p *Placement) Place(seg Segment) []Finding {
	if !p.known[seg.ID] {
		return []Finding{{Severity: Warning, SegmentID: seg.ID, Code: "UNKNOWN-SEGMENT",
			Message: fmt.Sprintf("%s is not in the %s table; kept, and not read", seg.ID, p.set)}}
	}
	for d := len(p.frames) - 1; d >= 0; d-- {
		j := p.frames[d].find(seg.ID)
		if j < 0 {
			continue
		}
		var out []Finding
		for len(p.frames) > d+1 {
			out = append(out, p.close()...)
		}
		f := &p.frames[d]
		out = append(out, f.advance(j)...)
		if r := f.rules[j]; r.Loop != nil {
			p.push(r)
		}
		return out
	}
	top := p.frames[len(p.frames)-1]
	return []Finding{{Severity: Warning, SegmentID: seg.ID, Code: "OUT-OF-PLACE",
		Message: fmt.Sprintf("%s is not where the %s table expects it (in the %s, after %s); kept, and read where it stands",
			seg.ID, p.set, top.name(), top.last())}}
}

// push opens a loop, reusing the counts of a frame closed at that depth
// (a set's lines open the same loop again and again).
func (p *Placement) push(r rule) {
	n := len(p.frames)
	if n < cap(p.frames) {
		if old := p.frames[:n+1][n]; cap(old.counts) >= len(r.Loop) {
			counts := old.counts[:len(r.Loop)]
			clear(counts)
			p.frames = append(p.frames, frame{lead: r.ID, rules: r.Loop, required: r.loopRequired, at: -1, counts: counts})
			return
		}
	}
	p.frames = append(p.frames, newFrame("", r.ID, r.Loop, r.loopRequired))
}

// End closes every open loop at the set's SE.
func (p *Placement) End() []Finding {
	var out []Finding
	for len(p.frames) > 0 {
		out = append(out, p.close()...)
	}
	return out
}

// close ends the innermost loop: its required segments not seen are missing.
func (p *Placement) close() []Finding {
	f := p.frames[len(p.frames)-1]
	p.frames = p.frames[:len(p.frames)-1]
	return f.missing(f.at+1, len(f.rules))
}

// find returns the index of the rule for id at or after the current one.
func (f *frame) find(id string) int {
	for j := max(f.at, 0); j < len(f.rules); j++ {
		if f.rules[j].ID == id {
			return j
		}
	}
	return -1
}

// advance moves to rule j: the required rules jumped over are missing, and
// rule j may now occur once too often.
func (f *frame) advance(j int) []Finding {
	out := f.missing(f.at+1, j)
	if j != f.at {
		f.at = j
	}
	f.counts[j]++
	if r := f.rules[j]; r.Max > 0 && f.counts[j] == r.Max+1 {
		out = append(out, Finding{Severity: Error, SegmentID: r.ID, Code: "REPEAT",
			Message: fmt.Sprintf("%s: more than %d %s", f.name(), r.Max, r.ID)})
	}
	return out
}

// missing lists the required rules in [from, to) that did not occur.
func (f *frame) missing(from, to int) []Finding {
	var out []Finding
	for k := max(from, 0); k < min(to, f.required); k++ {
		if r := f.rules[k]; r.Min > 0 && f.counts[k] == 0 {
			what := r.ID
			if r.Loop != nil {
				what += " loop"
			}
			out = append(out, Finding{Severity: Error, SegmentID: r.ID, Code: "REQUIRED",
				Message: fmt.Sprintf("%s: required %s missing", f.name(), what)})
		}
	}
	return out
}

// last names the segment the frame matched last.
func (f frame) last() string {
	if f.at < 0 {
		return f.lead
	}
	return f.rules[f.at].ID
}
