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
	root, w, err := buildGuide(t.SetID, segs)
	if err != nil {
		return nil, err
	}
	if w.pos < len(segs) {
		return nil, fmt.Errorf("%w: set %s: segment %d (%s) is not where the table expects it, or unknown to it",
			ErrToGuideJSON, t.SetID, w.pos, segs[w.pos].ID)
	}
	return indentJSON(root), nil
}

// buildGuide walks segs against the set's table. It stops at the first
// segment it cannot place: w.pos < len(segs) then, or an error with
// w.failed set to the index of the segment at fault.
func buildGuide(setID string, segs []Segment) (*jsonObject, *guideWriter, error) {
	nodes, ok := guideTables[setID]
	if !ok {
		return nil, nil, fmt.Errorf("%w: no table for set %q (have 855, 856)", ErrToGuideJSON, setID)
	}
	w := &guideWriter{segs: segs, hl: map[string]*jsonObject{}, failed: -1}
	root := newObject()
	for _, sec := range []string{"heading", "detail", "summary"} {
		root.set(sec, newObject())
	}
	for _, n := range nodes {
		if err := w.node(n, root.vals[n.Section].(*jsonObject)); err != nil {
			return nil, w, err
		}
	}
	return root, w, nil
}

// guideWriter walks the segments greedily against a table, like the
// validator's matcher, writing JSON as it goes.
type guideWriter struct {
	segs   []Segment
	pos    int
	hl     map[string]*jsonObject // 856 HL loop objects by HL01
	failed int                    // index of the segment an error is about
}

// node consumes every consecutive occurrence of n into obj.
func (w *guideWriter) node(n guideNode, obj *jsonObject) error {
	for w.pos < len(w.segs) && w.segs[w.pos].ID == n.ID {
		seg := w.segs[w.pos]
		w.failed = w.pos
		w.pos++
		elems, err := elementsObject(seg)
		if err != nil {
			return err
		}
		if n.Loop == nil {
			if err := putSegment(obj, n, elems); err != nil {
				return err
			}
			continue
		}
		lead := w.failed
		iter := newObject()
		iter.set(n.Lead, elems)
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

func putSegment(obj *jsonObject, n guideNode, elems *jsonObject) error {
	if n.Many {
		obj.push(n.Key, elems)
		return nil
	}
	if obj.has(n.Key) {
		return fmt.Errorf("%w: %s repeated where the guide allows one", ErrToGuideJSON, n.ID)
	}
	obj.set(n.Key, elems)
	return nil
}

// placeLoop adds a loop iteration to its parent: by position, or for HL
// loops under the HL whose HL01 equals this HL02.
func (w *guideWriter) placeLoop(n guideNode, lead Segment, iter, obj *jsonObject) error {
	key := n.Key
	if n.Variant != nil {
		key += n.Variant(lead)
	}
	if !n.Nest {
		obj.push(key, iter)
		return nil
	}
	id, parent := lead.Element(1), lead.Element(2)
	if _, dup := w.hl[id]; dup || id == "" {
		return fmt.Errorf("%w: HL01 %q missing or not unique", ErrToGuideJSON, id)
	}
	w.hl[id] = iter
	if parent == "" {
		obj.push(key, iter)
		return nil
	}
	p, ok := w.hl[parent]
	if !ok {
		return fmt.Errorf("%w: HL %s refers to parent %q, which does not precede it", ErrToGuideJSON, id, parent)
	}
	p.push(key, iter)
	return nil
}

// elementsObject turns a segment's non-empty elements into a keyed object.
func elementsObject(seg Segment) (*jsonObject, error) {
	obj := newObject()
	for i, v := range seg.Elements {
		if v == "" {
			continue
		}
		key, typ := cachedElementKey(seg.ID, i+1)
		val, err := elementJSON(v, typ)
		if err != nil {
			return nil, fmt.Errorf("%w: %s%02d: %w", ErrToGuideJSON, seg.ID, i+1, err)
		}
		obj.set(key, val)
	}
	return obj, nil
}

// elementJSON converts repetitions to an array and composites to an object
// with generic component keys (no composite is in the 855/856 tables).
func elementJSON(v string, typ byte) (jsonValue, error) {
	if strings.ContainsRune(v, RepetitionMark) {
		arr := jsonArray{}
		for _, r := range strings.Split(v, string(rune(RepetitionMark))) {
			e, err := elementJSON(r, typ)
			if err != nil {
				return nil, err
			}
			arr = append(arr, e)
		}
		return &arr, nil
	}
	if strings.ContainsRune(v, ComponentMark) {
		obj := newObject()
		for i, c := range strings.Split(v, string(rune(ComponentMark))) {
			if c != "" {
				obj.set(fmt.Sprintf("component_%02d", i+1), jsonString(c))
			}
		}
		return obj, nil
	}
	return scalarJSON(v, typ), nil
}

// scalarJSON applies the element type; values that do not fit their type
// stay strings so nothing is lost.
func scalarJSON(v string, typ byte) jsonValue {
	switch typ {
	case tDate:
		if shaped(v, "dddddddd") {
			return jsonString(v[:4] + "-" + v[4:6] + "-" + v[6:])
		}
	case tTime:
		if shaped(v, "dddd") {
			return jsonString(v[:2] + ":" + v[2:])
		}
		if shaped(v, "dddddd") {
			return jsonString(v[:2] + ":" + v[2:4] + ":" + v[4:])
		}
	case tNumber:
		if n, err := formatNumber(v); err == nil && isPlainNumber(v) {
			return jsonRaw(n)
		}
	case tN2:
		if allDigits(strings.TrimPrefix(v, "-")) {
			if n, err := formatNumber(v + "e-2"); err == nil {
				return jsonRaw(n)
			}
		}
	}
	return jsonString(v)
}

// isPlainNumber accepts the X12 R/N shapes: optional sign, digits, at most
// one point. It keeps exponents and stray text as strings.
func isPlainNumber(v string) bool {
	v = strings.TrimPrefix(v, "-")
	ip, fp, _ := strings.Cut(v, ".")
	return (ip != "" || fp != "") && (ip == "" || allDigits(ip)) && (fp == "" || allDigits(fp))
}
