package x12

import (
	"fmt"
	"slices"
)

// Skipped is a segment ToGuideJSONTolerant left out of the Guide JSON.
type Skipped struct {
	InSet   int // position in the set, ST = 1
	Segment Segment
	Reason  string
}

// ToGuideJSONTolerant is ToGuideJSON for partner files: a segment the
// Guide JSON table has no place for where it stands (a segment a partner
// adds inside a loop, one the connector's readers do not use, one that
// repeats where the guide holds one) is left out and reported instead of
// failing the whole set. The result is ToGuideJSON of the set without
// those segments, unindented (it is read by a program, not a person).
// After maxSkips segments it gives up.
func ToGuideJSONTolerant(t Transaction, maxSkips int) ([]byte, []Skipped, error) {
	root, skipped, err := toGuideTolerant(t, maxSkips, orderedTree{})
	if err != nil {
		return nil, skipped, err
	}
	return root.(*jsonObject).appendJSON(nil), skipped, nil
}

// ToGuideTreeTolerant is ToGuideJSONTolerant building its Guide JSON in
// tree (core.GuideTree: the tree core's readers take) instead of as text,
// for a reader that would only parse the text back. It returns the
// transaction object.
func ToGuideTreeTolerant(t Transaction, maxSkips int, tree GuideTree) (any, []Skipped, error) {
	return toGuideTolerant(t, maxSkips, tree)
}

// toGuideTolerant builds the set's tree in tree, leaving out what the
// table has no place for.
func toGuideTolerant(t Transaction, maxSkips int, tree GuideTree) (any, []Skipped, error) {
	segs := append([]Segment{t.ST}, t.Body...)
	pos := make([]int, len(segs)) // pos[i]: position in the set of segs[i]
	for i := range pos {
		pos[i] = i + 1
	}
	var skipped []Skipped
	for {
		root, w, err := buildGuide(t.SetID, segs, tree)
		bad, reason := -1, ""
		switch {
		case err != nil && (w == nil || w.failed < 0):
			return nil, skipped, err
		case err != nil:
			bad, reason = w.failed, err.Error()
		case w.pos < len(segs):
			bad, reason = w.pos, fmt.Sprintf("the %s Guide JSON table has no place for %s here", t.SetID, segs[w.pos].ID)
		default:
			slices.SortFunc(skipped, func(a, b Skipped) int { return a.InSet - b.InSet })
			return root, skipped, nil
		}
		if bad == 0 || len(skipped) == maxSkips {
			return nil, skipped, fmt.Errorf("%w: set %s: gave up at position %d (%s) after leaving out %d segments: %s",
				ErrToGuideJSON, t.SetID, pos[bad], segs[bad].ID, len(skipped), reason)
		}
		skipped = append(skipped, Skipped{InSet: pos[bad], Segment: segs[bad], Reason: reason})
		segs = append(segs[:bad:bad], segs[bad+1:]...)
		pos = append(pos[:bad:bad], pos[bad+1:]...)
	}
}
