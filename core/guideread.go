package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// decodeGuide parses a Guide JSON transaction and finds its
// {heading, detail, summary} object inside the wrappers seen in practice:
// a bare transaction (Stedi's output), {"payload": …} (Stedi's bootstrap
// sample), {"transactionSets": […]} and the legacy {"artifact": {"detail": …}}.
func decodeGuide(raw []byte) (gobj, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	return guideRoot(v)
}

// guideRoot finds the transaction object in decoded Guide JSON, or takes
// the one a GuideTree built.
func guideRoot(v any) (gobj, error) {
	if built, ok := v.(gobj); ok && built != nil {
		return built, nil
	}
	if root := transactionRoot(v, 0); root != nil {
		return decodedObject(root), nil
	}
	return nil, errors.New("no Guide JSON transaction (an object with heading and detail) found")
}

func transactionRoot(v any, depth int) map[string]any {
	o, ok := v.(map[string]any)
	if !ok || depth > 4 {
		if arr, isArr := v.([]any); isArr && len(arr) > 0 && depth <= 4 {
			return transactionRoot(arr[0], depth+1)
		}
		return nil
	}
	if _, h := o["heading"]; h {
		return o
	}
	if _, d := o["detail"]; d && o["summary"] != nil {
		return o
	}
	for _, k := range []string{"payload", "transaction", "transactionSets", "transaction_sets", "artifact", "detail"} {
		if inner, ok := o[k]; ok {
			if root := transactionRoot(inner, depth+1); root != nil {
				return root
			}
		}
	}
	return nil
}

// guideKey splits a segment or loop key into its segment ID, whether it
// is a loop, and the guide variant suffix. Element and section keys have
// no segment ID (ok = false).
func guideKey(k string) (id string, loop bool, variant string, ok bool) {
	for rest := k; rest != ""; {
		t, after, _ := strings.Cut(rest, "_")
		rest = after
		if !isSegmentID(t) {
			continue
		}
		if loop = rest == "loop" || strings.HasPrefix(rest, "loop_"); loop {
			rest = strings.TrimPrefix(rest[len("loop"):], "_")
		}
		return t, loop, rest, true
	}
	return "", false, "", false
}

// isSegmentID accepts tokens like BAK, N1, PO1, TD5: upper-case letters and
// digits with at least one letter.
func isSegmentID(t string) bool {
	if len(t) < 2 || len(t) > 3 {
		return false
	}
	letter := false
	for _, r := range t {
		switch {
		case r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letter
}

// section returns heading, detail or summary (empty when absent).
func (o gobj) section(name string) gobj {
	if f := o.get(name); f != nil && f.kind == valueObject {
		return f.val.(gobj)
	}
	return nil
}

// variantObj is a segment or loop object with the variant its key named.
type variantObj struct {
	obj     gobj
	variant string
}

// find returns every segment (loop=false) or loop iteration (loop=true)
// with the given segment ID, whichever variant key holds it, in key order
// and array order.
func (o gobj) find(id string, loop bool) []variantObj {
	var room [4]variantKey // most look-ups match one key or none
	var out []variantObj
	for _, k := range o.matching(id, loop, room[:0]) {
		if k.field.kind == valueObject {
			out = append(out, variantObj{k.field.val.(gobj), k.variant})
			continue
		}
		for _, item := range *k.field.val.(*[]any) {
			if m, ok := item.(gobj); ok {
				out = append(out, variantObj{m, k.variant})
			}
		}
	}
	return out
}

// matching appends to keys the fields holding segment id (or loops led
// by it), in key order.
func (o gobj) matching(id string, loop bool, keys []variantKey) []variantKey {
	if o == nil {
		return keys
	}
	for i := range o.fields {
		f := &o.fields[i]
		if (f.kind != valueObject && f.kind != valueArray) || !strings.Contains(f.key, id) {
			continue // id is one of a matching key's tokens: most keys are passed over here
		}
		if kid, kloop, variant, ok := guideKey(f.key); ok && kid == id && kloop == loop {
			keys = append(keys, variantKey{f, variant})
		}
	}
	if len(keys) > 1 {
		slices.SortFunc(keys, func(a, b variantKey) int { return strings.Compare(a.field.key, b.field.key) })
	}
	return keys
}

// variantKey is a field find matched, with its key's variant.
type variantKey struct {
	field   *guideField
	variant string
}

// first is the field's object, or the first object of its array.
func (k variantKey) first() gobj {
	if k.field.kind == valueObject {
		return k.field.val.(gobj)
	}
	for _, item := range *k.field.val.(*[]any) {
		if m, ok := item.(gobj); ok {
			return m
		}
	}
	return nil
}

// segments returns every segment with the given ID.
func (o gobj) segments(id string) []gobj {
	var out []gobj
	for _, v := range o.find(id, false) {
		out = append(out, v.obj)
	}
	return out
}

// segment returns the first segment with the given ID, or nil: find's
// first, without making its list.
func (o gobj) segment(id string) gobj {
	var room [4]variantKey
	for _, k := range o.matching(id, false, room[:0]) {
		if m := k.first(); m != nil {
			return m
		}
	}
	return nil
}

// loops returns every iteration of the loops led by the given segment ID.
func (o gobj) loops(id string) []gobj {
	var out []gobj
	for _, v := range o.find(id, true) {
		out = append(out, v.obj)
	}
	return out
}

// elem returns element pos (1-based) of a segment: the key ending in its
// two-digit position, whatever the element's name.
func (o gobj) elem(pos int) any {
	if f := o.elemField(pos); f != nil {
		return f.value()
	}
	return nil
}

func (o gobj) elemField(pos int) *guideField {
	if o == nil {
		return nil
	}
	for i := range o.fields {
		f := &o.fields[i]
		if f.isNull() || elementPosition(f.key) != pos {
			continue
		}
		// A segment key holds an upper-case segment ID; element keys
		// are lower case, which spares splitting them.
		if !hasUpper(f.key) {
			return f
		}
		if _, _, _, isSeg := guideKey(f.key); !isSeg {
			return f
		}
	}
	return nil
}

// str returns an element as text ("" when absent).
func (o gobj) str(pos int) string {
	if f := o.elemField(pos); f != nil {
		return f.textValue()
	}
	return ""
}

// text is an element value as text ("" when absent).
func text(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// num returns a numeric element, accepting numbers and numeric strings
// (Stedi's own examples carry "0008").
func (o gobj) num(pos int) (float64, bool) {
	s := o.str(pos)
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// date returns a date element as YYYY-MM-DD, accepting CCYYMMDD too.
func (o gobj) date(pos int) string { return isoDate(o.str(pos)) }

// isoDate normalises YYYY-MM-DD and CCYYMMDD; anything else is returned
// unchanged so the caller can report it.
func isoDate(s string) string {
	if len(s) == 8 && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	if len(s) > 10 && s[10] == 'T' {
		return s[:10]
	}
	return s
}

// ProductID is one product/service ID qualifier and value pair (element 235).
type ProductID struct {
	Qualifier string `json:"qualifier"`
	ID        string `json:"id"`
}

// productIDs reads the qualifier/ID pairs of a segment starting at
// position first (PO106/PO107…, LIN02/LIN03…, ACK07/ACK08…).
func (o gobj) productIDs(first, pairs int) []ProductID {
	var room [32]string // LIN has the most pairs: 15
	vals := room[:]
	if 2*pairs > len(room) {
		vals = make([]string, 2*pairs)
	}
	vals = vals[:2*pairs]
	o.elemRange(first, vals)
	var out []ProductID
	for i := range pairs {
		q, id := vals[2*i], vals[2*i+1]
		if q != "" && id != "" {
			out = append(out, ProductID{Qualifier: q, ID: id})
		}
	}
	return out
}

// GuideSetID tells which transaction set a Guide JSON document is: ST01
// when present, else 855 for a BAK and 856 for a BSN.
func GuideSetID(raw []byte) (string, error) {
	root, err := decodeGuide(raw)
	if err != nil {
		return "", err
	}
	heading := root.section("heading")
	if st := heading.segment("ST"); st != nil && st.str(1) != "" {
		return st.str(1), nil
	}
	switch {
	case heading.segment("BAK") != nil:
		return string(Kind855), nil
	case heading.segment("BSN") != nil:
		return string(Kind856), nil
	}
	return "", errors.New("cannot tell the transaction set: no ST01, BAK or BSN in the heading")
}
