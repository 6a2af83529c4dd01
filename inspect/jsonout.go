package inspect

import (
	"bytes"
	"encoding/json"
	"sync"
)

// jsonOut writes one indented JSON document piece by piece, so a report
// of any length is written as it is read and never held whole. Objects are
// opened, given fields (spliced from marshalled structs) and lists whose
// items are written one at a time, then closed. The text collects in a
// buffer the caller takes (take) and passes on in order (sequencer).
type jsonOut struct {
	dst  []byte
	lay  []byte // marshal's result, reused
	flat []byte // item's result, reused
	buf  bytes.Buffer
	enc  *json.Encoder
	w    jsonWriter // writes the hot types without encoding/json
	err  error      // the first encoding error
}

func newJSONOut() *jsonOut {
	o := &jsonOut{dst: getText()}
	o.enc = json.NewEncoder(&o.buf)
	o.enc.SetEscapeHTML(false) // the delimiters < > & are shown as they are
	return o
}

func (o *jsonOut) raw(s string) { o.dst = append(o.dst, s...) }

func (o *jsonOut) write(b []byte) { o.dst = append(o.dst, b...) }

// take returns the text written so far and starts afresh in a buffer
// from textBuffers (the sequencer gives taken text back once written).
func (o *jsonOut) take() []byte {
	b := o.dst
	o.dst = getText()
	return b
}

// textBuffers recycles the buffers text is written in: a large file's
// report passes through a few of them instead of a gigabyte of new ones.
var textBuffers sync.Pool

func getText() []byte {
	if b, ok := textBuffers.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 64<<10)
}

func putText(b []byte) {
	if cap(b) >= 64<<10 && cap(b) <= 4<<20 {
		textBuffers.Put(&b)
	}
}

// jsonOuts recycles the workers' writers with their encoding buffers.
var jsonOuts = sync.Pool{New: func() any { return newJSONOut() }}

// marshal encodes v laid out for a value that starts at depth: objects
// one field per line, and each element of an array on a line of its own,
// written compactly. Lists of lines, parties or acknowledgments read as
// tables, and a large file's report stays near the size of its data.
func (o *jsonOut) marshal(v any, depth int) []byte {
	if b, ok := o.writeFast(o.lay[:0], v, depth, 0); ok {
		o.lay = b
		return b
	}
	o.lay = appendLaidOut(o.lay[:0], o.compact(v), depth)
	return o.lay
}

// compactItem is compact(v), by jsonWriter where it can.
func (o *jsonOut) compactItem(v any) []byte {
	if b, ok := o.writeFast(o.flat[:0], v, 0, 1); ok {
		o.flat = b
		return b
	}
	return o.compact(v)
}

// writeFast appends v by jsonWriter to dst, laid out from depth unless
// flat; false when jsonWriter does not write v's type.
func (o *jsonOut) writeFast(dst []byte, v any, depth, flat int) ([]byte, bool) {
	o.w = jsonWriter{b: dst, depth: depth, flat: flat, frames: o.w.frames[:0], out: o}
	if !o.w.value(v) {
		return dst, false
	}
	return o.w.b, true
}

// compact encodes v on one line.
func (o *jsonOut) compact(v any) []byte {
	o.buf.Reset()
	if err := o.enc.Encode(v); err != nil && o.err == nil {
		o.err = err
	}
	return bytes.TrimSuffix(o.buf.Bytes(), []byte("\n"))
}

// appendLaidOut appends the compact JSON value v (as encoding/json writes
// it: valid, without white space) laid out from depth.
func appendLaidOut(dst, v []byte, depth int) []byte {
	if len(v) < 2 || (v[0] != '{' && v[0] != '[') || v[1] == '}' || v[1] == ']' {
		return append(dst, v...)
	}
	dst = append(dst, v[0])
	for i := 1; v[i] != '}' && v[i] != ']'; {
		dst = append(append(dst, '\n'), indent(depth+1)...)
		end := valueEnd(v, i)
		if v[0] == '[' {
			dst = append(dst, v[i:end]...)
		} else { // a key, then its value
			dst = append(append(dst, v[i:end]...), ':', ' ')
			i = end + 1
			end = valueEnd(v, i)
			dst = appendLaidOut(dst, v[i:end], depth+1)
		}
		if i = end; v[i] == ',' {
			dst = append(dst, ',')
			i++
		}
	}
	return append(append(append(dst, '\n'), indent(depth)...), v[len(v)-1])
}

// valueEnd returns the index just past the JSON value starting at v[i].
func valueEnd(v []byte, i int) int {
	switch v[i] {
	case '"':
		for j := i + 1; ; j++ {
			switch v[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
	case '{', '[':
		nest := 0
		for j := i; ; j++ {
			switch v[j] {
			case '"':
				j = valueEnd(v, j) - 1
			case '{', '[':
				nest++
			case '}', ']':
				if nest--; nest == 0 {
					return j + 1
				}
			}
		}
	}
	j := i // a number, true, false or null
	for j < len(v) && v[j] != ',' && v[j] != '}' && v[j] != ']' {
		j++
	}
	return j
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
// An item is written on one line: a list of lines reads as a table, and a
// large file's report is written without an indentation pass.
func (b *object) item(key string, v any) {
	b.nextItem(key)
	b.o.write(b.o.compactItem(v))
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
