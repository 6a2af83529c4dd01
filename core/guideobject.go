package core

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

// gobj is one object of an inbound Guide JSON document: its fields in the
// order they were built (GuideTree) or, decoded from text, in key order.
// Readers look segments up by segment ID and elements by position rather
// than by full key, because key names vary with the X12 release
// (reference_information_REF in 5010, reference_identification_REF in
// 4010) and with guide variants (party_identification_N1_loop_ship_to,
// HL_loop_order); see stedi-api.md §7.2. An object holds a segment's
// elements or a loop's segments, a few fields: a look-up is a pass over
// them. A nil gobj is an empty object.
type gobj = *guideObject

type guideObject struct {
	fields []guideField
}

// guideField is one key and its value: a scalar's text (a JSON string or
// number) kept unboxed, an object, an array, or another decoded value.
type guideField struct {
	key  string
	kind valueKind
	text string // valueString, valueNumber
	val  any    // valueObject: gobj; valueArray: *[]any (items gobj or scalars); valueOther: bool, nil, float64
}

type valueKind uint8

const (
	valueString valueKind = iota
	valueNumber
	valueObject
	valueArray
	valueOther
)

// value is the field's value as encoding/json decodes it with UseNumber,
// with objects as gobj.
func (f *guideField) value() any {
	switch f.kind {
	case valueString:
		return f.text
	case valueNumber:
		return json.Number(f.text)
	case valueArray:
		return *f.val.(*[]any)
	}
	return f.val
}

// isNull reports a JSON null, which readers take as absent.
func (f *guideField) isNull() bool { return f.kind == valueOther && f.val == nil }

// textValue is text(f.value()) without boxing a scalar.
func (f *guideField) textValue() string {
	switch f.kind {
	case valueString:
		return strings.TrimSpace(f.text)
	case valueNumber:
		return f.text
	case valueOther:
		return text(f.val)
	}
	return ""
}

// get is the field under key, nil when there is none.
func (o gobj) get(key string) *guideField {
	if o == nil {
		return nil
	}
	for i := range o.fields {
		if o.fields[i].key == key {
			return &o.fields[i]
		}
	}
	return nil
}

// put sets key to f's value, in place when the key is there.
func (o gobj) put(f guideField) {
	if old := o.get(f.key); old != nil {
		*old = f
		return
	}
	o.fields = append(o.fields, f)
}

// decodedObject converts an object encoding/json decoded (UseNumber) to
// a gobj: its fields in key order, objects within converted too.
func decodedObject(m map[string]any) gobj {
	o := &guideObject{fields: make([]guideField, 0, len(m))}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		o.fields = append(o.fields, decodedField(k, m[k]))
	}
	return o
}

func decodedField(key string, v any) guideField {
	switch v := v.(type) {
	case string:
		return guideField{key: key, kind: valueString, text: v}
	case json.Number:
		return guideField{key: key, kind: valueNumber, text: string(v)}
	case map[string]any:
		return guideField{key: key, kind: valueObject, val: decodedObject(v)}
	case []any:
		items := decodedArray(v)
		return guideField{key: key, kind: valueArray, val: &items}
	}
	return guideField{key: key, kind: valueOther, val: v}
}

func decodedArray(arr []any) []any {
	out := make([]any, len(arr))
	for i, v := range arr {
		switch v := v.(type) {
		case map[string]any:
			out[i] = decodedObject(v)
		case []any:
			out[i] = decodedArray(v)
		default:
			out[i] = v
		}
	}
	return out
}
