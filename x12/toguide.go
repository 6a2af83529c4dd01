package x12

import (
	"errors"
	"fmt"
	"strings"
)

// ErrToGuideJSON marks every error returned by ToGuideJSON.
var ErrToGuideJSON = errors.New("x12: to guide json")

// ToGuideJSON converts one parsed 855 or 856 into Guide JSON ({heading,
// detail, summary}) with the keys and nesting of Stedi's guides
// (stedi-api.md §7). Values become Guide JSON values: dates YYYY-MM-DD,
// times HH:MM[:SS], numeric elements JSON numbers. 856 HL loops nest by
// HL02 and keep their hierarchical_level_HL segment. SE is left out, as in
// Stedi's outbound samples. Segments the set's table does not place are an
// error rather than silently dropped.
func ToGuideJSON(t Transaction) ([]byte, error) {
	segs := t.Body
	if t.ST.ID == "ST" {
		segs = append([]Segment{t.ST}, t.Body...)
	}
	root, w, err := buildGuide(t.SetID, segs, orderedTree{})
	if err != nil {
		return nil, err
	}
	if w.pos < len(segs) {
		return nil, fmt.Errorf("%w: set %s: segment %d (%s) is not where the table expects it, or unknown to it",
			ErrToGuideJSON, t.SetID, w.pos, segs[w.pos].ID)
	}
	return indentJSON(root.(*jsonObject)), nil
}

// buildGuide walks segs against the set's table, building the tree in
// tree. It stops at the first segment it cannot place: w.pos < len(segs)
// then, or an error with w.failed set to the index of the segment at fault.
func buildGuide(setID string, segs []Segment, tree GuideTree) (any, *guideWriter, error) {
	nodes, ok := guideTables[setID]
	if !ok {
		return nil, nil, fmt.Errorf("%w: no table for set %q (have 855, 856)", ErrToGuideJSON, setID)
	}
	w := &guideWriter{tree: tree, segs: segs, hl: map[string]any{}, failed: -1}
	root := tree.Object(3)
	sections := map[string]any{}
	for _, sec := range []string{"heading", "detail", "summary"} {
		sections[sec] = tree.Object(0)
		tree.Set(root, sec, sections[sec])
	}
	for _, n := range nodes {
		if err := w.node(n, sections[n.Section]); err != nil {
			return nil, w, err
		}
	}
	return root, w, nil
}

// guideWriter walks the segments greedily against a table, like the
// validator's matcher, writing JSON as it goes.
type guideWriter struct {
	tree   GuideTree
	segs   []Segment
	pos    int
	hl     map[string]any // 856 HL loop objects by HL01
	failed int            // index of the segment an error is about
}

// node consumes every consecutive occurrence of n into obj.
func (w *guideWriter) node(n guideNode, obj any) error {
	for w.pos < len(w.segs) && w.segs[w.pos].ID == n.ID {
		seg := w.segs[w.pos]
		w.failed = w.pos
		w.pos++
		elems := w.elements(seg)
		if n.Loop == nil {
			if err := w.putSegment(obj, n, elems); err != nil {
				return err
			}
			continue
		}
		lead := w.failed
		iter := w.tree.Object(min(len(n.Loop)+1, 4)) // few loops hold more
		w.tree.Set(iter, n.Lead, elems)
		for _, child := range n.Loop {
			if err := w.node(child, iter); err != nil {
				return err
			}
		}
		if err := w.placeLoop(n, seg, iter, obj); err != nil {
			w.failed = lead
			return err
		}
	}
	return nil
}

func (w *guideWriter) putSegment(obj any, n guideNode, elems any) error {
	if n.Many {
		w.tree.Push(obj, n.Key, elems)
		return nil
	}
	if w.tree.Has(obj, n.Key) {
		return fmt.Errorf("%w: %s repeated where the guide allows one", ErrToGuideJSON, n.ID)
	}
	w.tree.Set(obj, n.Key, elems)
	return nil
}

// placeLoop adds a loop iteration to its parent: by position, or for HL
// loops under the HL whose HL01 equals this HL02.
func (w *guideWriter) placeLoop(n guideNode, lead Segment, iter, obj any) error {
	key := n.Key
	if n.Variant != nil {
		key += n.Variant(lead)
	}
	if !n.Nest {
		w.tree.Push(obj, key, iter)
		return nil
	}
	id, parent := lead.Element(1), lead.Element(2)
	if _, dup := w.hl[id]; dup || id == "" {
		return fmt.Errorf("%w: HL01 %q missing or not unique", ErrToGuideJSON, id)
	}
	w.hl[id] = iter
	if parent == "" {
		w.tree.Push(obj, key, iter)
		return nil
	}
	p, ok := w.hl[parent]
	if !ok {
		return fmt.Errorf("%w: HL %s refers to parent %q, which does not precede it", ErrToGuideJSON, id, parent)
	}
	w.tree.Push(p, key, iter)
	return nil
}

// elements turns a segment's non-empty elements into a keyed object.
func (w *guideWriter) elements(seg Segment) any {
	n := 0
	for _, v := range seg.Elements {
		if v != "" {
			n++
		}
	}
	obj := w.tree.Object(n)
	for i, v := range seg.Elements {
		if v == "" {
			continue
		}
		key, typ := cachedElementKey(seg.ID, i+1)
		switch {
		case strings.ContainsRune(v, RepetitionMark):
			for _, r := range strings.Split(v, string(rune(RepetitionMark))) {
				w.tree.Push(obj, key, w.item(r, typ))
			}
		case strings.ContainsRune(v, ComponentMark):
			w.tree.Set(obj, key, w.composite(v))
		default:
			text, number := scalarValue(v, typ)
			w.tree.SetScalar(obj, key, text, number)
		}
	}
	return obj
}

// item is one repetition of an element: a composite or a scalar.
func (w *guideWriter) item(v string, typ byte) any {
	if strings.ContainsRune(v, ComponentMark) {
		return w.composite(v)
	}
	return w.tree.Scalar(scalarValue(v, typ))
}

// composite is an object with generic component keys (no composite is in
// the 855/856 tables).
func (w *guideWriter) composite(v string) any {
	parts := strings.Split(v, string(rune(ComponentMark)))
	obj := w.tree.Object(len(parts))
	for i, c := range parts {
		if c != "" {
			w.tree.SetScalar(obj, fmt.Sprintf("component_%02d", i+1), c, false)
		}
	}
	return obj
}

// scalarValue is an element's Guide JSON value as text, and whether it
// is a JSON number (else a string).
func scalarValue(v string, typ byte) (string, bool) {
	switch typ {
	case tDate:
		if shaped(v, "dddddddd") {
			return v[:4] + "-" + v[4:6] + "-" + v[6:], false
		}
	case tTime:
		if shaped(v, "dddd") {
			return v[:2] + ":" + v[2:], false
		}
		if shaped(v, "dddddd") {
			return v[:2] + ":" + v[2:4] + ":" + v[4:], false
		}
	case tNumber:
		if n, err := formatNumber(v); err == nil && isPlainNumber(v) {
			return n, true
		}
	case tN2:
		if allDigits(strings.TrimPrefix(v, "-")) {
			if n, err := formatNumber(v + "e-2"); err == nil {
				return n, true
			}
		}
	}
	return v, false
}

// isPlainNumber accepts the X12 R/N shapes: optional sign, digits, at most
// one point. It keeps exponents and stray text as strings.
func isPlainNumber(v string) bool {
	v = strings.TrimPrefix(v, "-")
	ip, fp, _ := strings.Cut(v, ".")
	return (ip != "" || fp != "") && (ip == "" || allDigits(ip)) && (fp == "" || allDigits(fp))
}
