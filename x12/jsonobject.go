package x12

import (
	"bytes"
	"encoding/json"
)

// jsonValue is an ordered JSON tree: Guide JSON key order is segment
// order, which Go maps would lose.
type jsonValue interface {
	appendJSON(buf []byte) []byte
}

type jsonObject struct {
	keys []string
	vals map[string]jsonValue
}

type jsonArray []jsonValue

// jsonRaw is an encoded JSON scalar.
type jsonRaw string

func newObject() *jsonObject { return &jsonObject{vals: map[string]jsonValue{}} }

func (o *jsonObject) has(key string) bool { _, ok := o.vals[key]; return ok }

func (o *jsonObject) set(key string, v jsonValue) {
	if !o.has(key) {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// push appends v to the array under key, creating it at its first use.
func (o *jsonObject) push(key string, v jsonValue) {
	arr, _ := o.vals[key].(*jsonArray)
	if arr == nil {
		arr = &jsonArray{}
		o.set(key, arr)
	}
	*arr = append(*arr, v)
}

func (o *jsonObject) appendJSON(buf []byte) []byte {
	buf = append(buf, '{')
	for i, k := range o.keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = jsonString(k).appendJSON(buf)
		buf = append(buf, ':')
		buf = o.vals[k].appendJSON(buf)
	}
	return append(buf, '}')
}

func (a *jsonArray) appendJSON(buf []byte) []byte {
	buf = append(buf, '[')
	for i, v := range *a {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = v.appendJSON(buf)
	}
	return append(buf, ']')
}

func (r jsonRaw) appendJSON(buf []byte) []byte { return append(buf, r...) }

// jsonText is a string value, encoded only when written out.
type jsonText string

func (t jsonText) appendJSON(buf []byte) []byte {
	b, _ := json.Marshal(string(t)) // a string always marshals
	return append(buf, b...)
}

func jsonString(s string) jsonText { return jsonText(s) }

// indentJSON pretty-prints v with two-space indentation.
func indentJSON(v jsonValue) []byte {
	var out bytes.Buffer
	_ = json.Indent(&out, v.appendJSON(nil), "", "  ") // our own output is valid JSON
	return out.Bytes()
}
