package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// A guide tree is a Guide JSON transaction in release-neutral form:
// segments by X12 segment ID, elements by position. The mappings build
// one (map850.go, map810.go) and writeGuide names it for the partner's
// release (guidenames.go) or its guide schema (guidewrite.go), so the
// mapping code exists once whatever the release or the guide.

// gpart is one segment, or one iteration of a loop.
type gpart struct {
	ID    string  // segment ID; a loop's is its first segment's
	Elems []any   // a segment's elements, position 1 first; nil or "" is absent
	Body  []gpart // a loop iteration: its first segment, then what follows it
}

func (p gpart) isLoop() bool { return p.Body != nil }

// lead is a loop iteration's first segment (the part itself for a segment).
func (p gpart) lead() gpart {
	if p.isLoop() && len(p.Body) > 0 {
		return p.Body[0]
	}
	return p
}

// gtree is one transaction: the parts of each section in X12 order.
type gtree struct {
	Heading, Detail, Summary []gpart
}

// sections pairs each section's Guide JSON key with its parts.
func (t gtree) sections() []struct {
	name  string
	parts []gpart
} {
	return []struct {
		name  string
		parts []gpart
	}{{"heading", t.Heading}, {"detail", t.Detail}, {"summary", t.Summary}}
}

// seg is a segment with its elements from position 1.
func seg(id string, elems ...any) gpart { return gpart{ID: id, Elems: elems} }

// gcomposite is a composite element: its components from position 1
// (nil or "" is absent), such as POC05's unit of measure (C001).
type gcomposite []any

// iteration is one iteration of the loop led by lead.
func iteration(lead gpart, rest ...gpart) gpart {
	return gpart{ID: lead.ID, Body: append([]gpart{lead}, rest...)}
}

// text renders an element value as its X12 text ("" when absent).
func elemText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	}
	return ""
}

func absent(v any) bool {
	if c, ok := v.(gcomposite); ok {
		for _, x := range c {
			if !absent(x) {
				return false
			}
		}
		return true
	}
	return v == nil || v == ""
}

// readGuideTree reads a Guide JSON transaction (as ml-connector or anyone
// wrote it) back into a tree: keys give segment IDs and loops (guideKey),
// element keys their position, key order segment order. Variant names are
// dropped: writeGuide names the parts again.
func readGuideTree(raw []byte) (gtree, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := orderedValue(dec)
	if err != nil {
		return gtree{}, fmt.Errorf("not JSON: %w", err)
	}
	root, ok := v.(*ordered)
	if !ok {
		return gtree{}, errors.New("not a Guide JSON object")
	}
	var t gtree
	for i, k := range root.keys {
		sec, ok := root.vals[i].(*ordered)
		if !ok && root.vals[i] != nil {
			return gtree{}, fmt.Errorf("%s is not an object", k)
		}
		parts, err := sectionParts(sec)
		if err != nil {
			return gtree{}, fmt.Errorf("%s: %w", k, err)
		}
		switch k {
		case "heading":
			t.Heading = parts
		case "detail":
			t.Detail = parts
		case "summary":
			t.Summary = parts
		default:
			return gtree{}, fmt.Errorf("unknown top-level key %q", k)
		}
	}
	return t, nil
}

// ordered is a JSON object with its keys in document order.
type ordered struct {
	keys []string
	vals []any
}

// orderedValue decodes one value: *ordered, []any, string, json.Number,
// bool or nil.
func orderedValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := &ordered{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := orderedValue(dec)
			if err != nil {
				return nil, err
			}
			o.keys, o.vals = append(o.keys, k.(string)), append(o.vals, v)
		}
		_, err = dec.Token()
		return o, err
	case json.Delim('['):
		var arr []any
		for dec.More() {
			v, err := orderedValue(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err = dec.Token()
		return arr, err
	}
	return tok, nil
}

// sectionParts turns a section or a loop iteration into parts.
func sectionParts(o *ordered) ([]gpart, error) {
	if o == nil {
		return nil, nil
	}
	var out []gpart
	for i, k := range o.keys {
		id, loop, _, ok := guideKey(k)
		if !ok {
			return nil, fmt.Errorf("key %q names no segment", k)
		}
		for _, item := range objectsOf(o.vals[i]) {
			if loop {
				body, err := sectionParts(item)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", k, err)
				}
				out = append(out, gpart{ID: id, Body: body})
				continue
			}
			out = append(out, gpart{ID: id, Elems: elementsOf(item)})
		}
	}
	return out, nil
}

// objectsOf is an object, or the objects of an array (guides hold a
// segment or loop either way).
func objectsOf(v any) []*ordered {
	switch v := v.(type) {
	case *ordered:
		return []*ordered{v}
	case []any:
		var out []*ordered
		for _, e := range v {
			if o, ok := e.(*ordered); ok {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// elementsOf places a segment's element values by the _NN of their keys.
func elementsOf(o *ordered) []any {
	var elems []any
	for i, k := range o.keys {
		pos := elementPosition(k)
		if pos == 0 {
			continue
		}
		for len(elems) < pos {
			elems = append(elems, nil)
		}
		elems[pos-1] = o.vals[i]
		if c, ok := o.vals[i].(*ordered); ok {
			elems[pos-1] = gcomposite(elementsOf(c)) // components are keyed _NN too
		}
	}
	return elems
}

// elementPosition reads the trailing _NN (two digits) of an element key;
// 0 if none. Readers call it for every key they look at.
func elementPosition(key string) int {
	n := len(key)
	if n < 4 || key[n-3] != '_' || !isDigit(key[n-2]) || !isDigit(key[n-1]) {
		return 0
	}
	return int(key[n-2]-'0')*10 + int(key[n-1]-'0')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
