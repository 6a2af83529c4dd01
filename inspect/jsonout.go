package inspect

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// jsonOut writes one indented JSON document piece by piece, so a report
// of any length is written as it is read and never held whole. Objects are
// opened, given fields (spliced from marshalled structs) and lists whose
// items are written one at a time, then closed. The first write error
// sticks and ends all writing.
type jsonOut struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONOut(w io.Writer) *jsonOut {
	o := &jsonOut{w: bufio.NewWriterSize(w, 64<<10)}
	o.enc = json.NewEncoder(&o.buf)
	o.enc.SetEscapeHTML(false) // the delimiters < > & are shown as they are
	return o
}

func (o *jsonOut) raw(s string) {
	if o.err == nil {
		_, o.err = o.w.WriteString(s)
	}
}

func (o *jsonOut) write(b []byte) {
	if o.err == nil {
		_, o.err = o.w.Write(b)
	}
}

// marshal encodes v indented for a value that starts at depth.
func (o *jsonOut) marshal(v any, depth int) []byte {
	o.buf.Reset()
	o.enc.SetIndent(indent(depth), "  ")
	if err := o.enc.Encode(v); err != nil && o.err == nil {
		o.err = err
	}
	return bytes.TrimSuffix(o.buf.Bytes(), []byte("\n"))
}

func (o *jsonOut) flush() error {
	if o.err == nil {
		o.err = o.w.Flush()
	}
	return o.err
}

func indent(depth int) string {
	const spaces = "                                "
	return spaces[:min(2*depth, len(spaces))]
}

// object is one JSON object being written at a depth.
type object struct {
	o       *jsonOut
	depth   int
	written int    // fields written so far (only zero or not matters)
	list    string // the open list's key
	items   int
}

func (o *jsonOut) object(depth int) *object {
	o.raw("{")
	return &object{o: o, depth: depth}
}

// fields appends the fields of v (a struct or map marshalling to an
// object); nil and objects with no fields add nothing.
func (b *object) fields(v any) {
	if v == nil {
		return
	}
	b.endList()
	inner := b.o.marshal(v, b.depth)
	if len(inner) < 2 || inner[0] != '{' {
		return // null
	}
	inner = bytes.TrimSpace(inner[1 : len(inner)-1]) // the fields, without their braces
	if len(inner) == 0 {
		return
	}
	b.sep()
	b.o.write(inner)
	b.written++
}

// field adds one field with a value written by the caller's marshalling.
func (b *object) field(key string, v any) {
	b.endList()
	b.sep()
	b.o.raw(string(b.o.marshal(key, 0)) + ": ")
	b.o.write(b.o.marshal(v, b.depth+1))
	b.written++
}

// item adds v to the list under key, opening the list at its first item.
func (b *object) item(key string, v any) {
	b.nextItem(key)
	b.o.write(b.o.marshal(v, b.depth+2))
}

// itemObject adds an object to the list under key that the caller writes
// field by field (and closes).
func (b *object) itemObject(key string) *object {
	b.nextItem(key)
	return b.o.object(b.depth + 2)
}

func (b *object) nextItem(key string) {
	if b.list != key {
		b.endList()
		b.sep()
		b.o.raw(string(b.o.marshal(key, 0)) + ": [")
		b.list, b.items = key, 0
		b.written++
	}
	if b.items > 0 {
		b.o.raw(",")
	}
	b.o.raw("\n" + indent(b.depth+2))
	b.items++
}

// emptyList adds "key": [] unless the list was opened.
func (b *object) emptyList(key string) {
	if b.list != key {
		b.endList()
		b.sep()
		b.o.raw(string(b.o.marshal(key, 0)) + ": []")
		b.written++
	}
}

func (b *object) endList() {
	if b.list == "" {
		return
	}
	if b.items > 0 {
		b.o.raw("\n" + indent(b.depth+1))
	}
	b.o.raw("]")
	b.list = ""
}

func (b *object) sep() {
	if b.written > 0 {
		b.o.raw(",")
	}
	b.o.raw("\n" + indent(b.depth+1))
}

func (b *object) close() {
	b.endList()
	if b.written > 0 {
		b.o.raw("\n" + indent(b.depth))
	}
	b.o.raw("}")
}
