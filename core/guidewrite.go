package core

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// writeGuide writes t as Guide JSON for a partner: with the names of its
// release from the set's table, or, where the partner's guide schema
// declares them, with the schema's own keys. From the schema come the
// variant keys (a segment or loop a guide splits by qualifier, such as
// reference_identification_REF_BM or name_N1_loop_ship_to, is put under
// the key whose schema admits its qualifier), whether a key holds an
// object or an array, the element names, and whether an element is a
// string or a number. Keys are written in the order the tree first
// names them, which is X12 segment order.
func writeGuide(t gtree, table setNames, release Release, guide Guide) json.RawMessage {
	w := guideWriter{table: table, release: release, index: map[GuideNode]*nodeIndex{}}
	var root GuideNode
	if guide != nil {
		root = guide.Root()
	}
	w.buf.WriteByte('{')
	for i, sec := range t.sections() {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.key(sec.name)
		w.object("", sec.parts, property(root, sec.name))
	}
	w.buf.WriteByte('}')
	return w.buf.Bytes()
}

type guideWriter struct {
	table   setNames
	release Release
	buf     bytes.Buffer
	index   map[GuideNode]*nodeIndex // what each schema node declares, read once per document
}

// nodeIndex is what one schema object declares: its keys by segment ID
// (segments and loops apart) and its element keys by position.
type nodeIndex struct {
	segments map[segmentRef][]string
	elements map[int]string
}

type segmentRef struct {
	id   string
	loop bool
}

func (w *guideWriter) indexOf(n GuideNode) *nodeIndex {
	if ix, ok := w.index[n]; ok {
		return ix
	}
	ix := &nodeIndex{segments: map[segmentRef][]string{}, elements: map[int]string{}}
	for _, k := range n.Keys() {
		if id, loop, _, ok := guideKey(k); ok {
			ref := segmentRef{id, loop}
			ix.segments[ref] = append(ix.segments[ref], k)
		} else if pos := elementPosition(k); pos > 0 {
			if _, dup := ix.elements[pos]; !dup {
				ix.elements[pos] = k
			}
		}
	}
	w.index[n] = ix
	return ix
}

// group is one key of an object with the parts written under it.
type group struct {
	key    string
	schema GuideNode // the key's schema; nil without a guide, or when the guide lacks the key
	parts  []gpart
}

// object writes a section or a loop iteration (parent is the loop's ID).
func (w *guideWriter) object(parent string, parts []gpart, schema GuideNode) {
	var groups []*group
	for _, p := range parts {
		key, prop := w.keyFor(p, schema)
		i := slices.IndexFunc(groups, func(g *group) bool { return g.key == key })
		if i < 0 {
			groups = append(groups, &group{key: key, schema: prop})
			i = len(groups) - 1
		}
		groups[i].parts = append(groups[i].parts, p)
	}
	w.buf.WriteByte('{')
	for i, g := range groups {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.key(g.key)
		w.group(parent, g)
	}
	w.buf.WriteByte('}')
}

// group writes one key's value: an object, or an array of them.
func (w *guideWriter) group(parent string, g *group) {
	many := g.parts[0].isLoop() || w.table.repeats(parent, g.parts[0].ID)
	if g.schema != nil {
		many = g.schema.IsArray() // the guide decides
	}
	many = many || len(g.parts) > 1
	item := itemsOf(g.schema)
	if many {
		w.buf.WriteByte('[')
	}
	for i, p := range g.parts {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		if p.isLoop() {
			w.object(p.ID, p.Body, item)
		} else {
			w.segment(p, item)
		}
	}
	if many {
		w.buf.WriteByte(']')
	}
}

// segment writes one segment's elements.
func (w *guideWriter) segment(p gpart, schema GuideNode) {
	w.buf.WriteByte('{')
	first := true
	for i, v := range p.Elems {
		if absent(v) {
			continue
		}
		if !first {
			w.buf.WriteByte(',')
		}
		first = false
		key := w.elementKey(p.ID, i+1, schema)
		w.key(key)
		if c, ok := v.(gcomposite); ok {
			w.composite(p.ID, i+1, c, property(schema, key))
			continue
		}
		b, _ := json.Marshal(conformValue(v, property(schema, key)))
		w.buf.Write(b)
	}
	w.buf.WriteByte('}')
}

// composite writes the components of element pos of segment id, keyed
// by the schema's names, else the release's.
func (w *guideWriter) composite(id string, pos int, c gcomposite, schema GuideNode) {
	w.buf.WriteByte('{')
	first := true
	for i, v := range c {
		if absent(v) {
			continue
		}
		if !first {
			w.buf.WriteByte(',')
		}
		first = false
		key := w.table.componentKey(id, pos, i+1, w.release)
		if schema != nil {
			if k, ok := w.indexOf(schema).elements[i+1]; ok {
				key = k
			}
		}
		w.key(key)
		b, _ := json.Marshal(conformValue(v, property(schema, key)))
		w.buf.Write(b)
	}
	w.buf.WriteByte('}')
}

func (w *guideWriter) key(k string) {
	b, _ := json.Marshal(k)
	w.buf.Write(b)
	w.buf.WriteByte(':')
}

// keyFor chooses the key of a part: the release's name, or the schema's
// key for its segment ID that admits its qualifiers.
func (w *guideWriter) keyFor(p gpart, schema GuideNode) (string, GuideNode) {
	base := w.table.segmentKey(p.ID, p.isLoop(), w.release)
	if schema == nil {
		return base, nil
	}
	best, bestScore := "", -1
	for _, k := range w.indexOf(schema).segments[segmentRef{p.ID, p.isLoop()}] {
		score, fits := w.qualifierScore(w.leadSchema(schema.Property(k), p), p.lead().Elems)
		switch {
		case !fits:
		case score > bestScore, score == bestScore && len(k) < len(best):
			best, bestScore = k, score
		}
	}
	if best == "" {
		best = w.fallbackKey(p, schema, base)
	}
	return best, schema.Property(best)
}

// fallbackKey is the key of a part no schema key admits: the release's
// name, or the schema's key for the segment without a variant; validation
// then says what is wrong with it.
func (w *guideWriter) fallbackKey(p gpart, schema GuideNode, base string) string {
	if schema.Property(base) != nil {
		return base
	}
	for _, k := range w.indexOf(schema).segments[segmentRef{p.ID, p.isLoop()}] {
		if _, _, variant, _ := guideKey(k); variant == "" {
			return k
		}
	}
	return base
}

// leadSchema is the schema of the segment that carries a part's
// qualifiers: the segment's own (array items entered), or for a loop its
// first segment's.
func (w *guideWriter) leadSchema(prop GuideNode, p gpart) GuideNode {
	item := itemsOf(prop)
	if !p.isLoop() || item == nil {
		return item
	}
	if keys := w.indexOf(item).segments[segmentRef{p.ID, false}]; len(keys) > 0 {
		return itemsOf(item.Property(keys[0]))
	}
	return nil
}

// qualifierScore checks a segment's values against the enums its schema
// declares: fits is false when one is outside its enum; score counts the
// enums met, so the most specific variant wins.
func (w *guideWriter) qualifierScore(schema GuideNode, elems []any) (score int, fits bool) {
	if schema == nil {
		return 0, true
	}
	for pos, k := range w.indexOf(schema).elements {
		if pos > len(elems) || absent(elems[pos-1]) {
			continue
		}
		enum := schema.Property(k).Enum()
		if len(enum) == 0 {
			continue
		}
		if !slices.Contains(enum, elemText(elems[pos-1])) {
			return 0, false
		}
		score++
	}
	return score, true
}

// elementKey is the schema's key for the position, else the release's.
func (w *guideWriter) elementKey(id string, pos int, schema GuideNode) string {
	if schema != nil {
		if k, ok := w.indexOf(schema).elements[pos]; ok {
			return k
		}
	}
	return w.table.elementKey(id, pos, w.release)
}

// conformValue gives a value the JSON type its schema asks for: a number
// as text where the guide wants a string, numeric text as a number where
// it wants a number.
func conformValue(v any, schema GuideNode) any {
	if schema == nil {
		return v
	}
	types := schema.Types()
	wantsString := slices.Contains(types, "string")
	wantsNumber := slices.Contains(types, "number") || slices.Contains(types, "integer")
	switch x := v.(type) {
	case string:
		if wantsNumber && !wantsString {
			if _, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
				return json.Number(strings.TrimSpace(x))
			}
		}
	case float64, int, json.Number:
		if wantsString && !wantsNumber {
			return elemText(x)
		}
	}
	return v
}

// property and itemsOf walk a schema that may be absent.
func property(n GuideNode, key string) GuideNode {
	if n == nil {
		return nil
	}
	return n.Property(key)
}

func itemsOf(n GuideNode) GuideNode {
	if n != nil && n.IsArray() {
		return n.Items()
	}
	return n
}
