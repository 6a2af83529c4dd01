package inspect

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
)

// jsonWriter appends the JSON of the report's values written once per
// document or line (lines, 850 and 810 headings and totals, the readings
// of 855s, 856s and 997s, document heads and tails) without
// reflection, byte for byte as encoding/json writes them (HTML characters
// unescaped) and laid out as appendLaidOut lays that out: objects one
// field per line, each array element on a line of its own, written
// compactly. Anything it has no code for (an interchange's or group's
// envelope, the summary) goes through encoding/json (jsonOut.compact):
// jsontypes.go lists the types it writes.
type jsonWriter struct {
	b      []byte
	depth  int     // indentation of the outermost value written
	flat   int     // > 0 while writing compactly: inside an array element, or a compact value
	frames []frame // the open objects and arrays
	out    *jsonOut
}

// frame is an open object or array.
type frame struct {
	array   bool
	members int
	flat    bool // its elements are written compactly (an array laid out)
}

func (w *jsonWriter) laidOut() bool { return w.flat == 0 }

// indentation is that of the members of the innermost open container.
func (w *jsonWriter) newline(extra int) {
	w.b = append(w.b, '\n')
	w.b = append(w.b, indent(w.depth+len(w.frames)-1+extra)...)
}

func (w *jsonWriter) open(c byte, array bool) {
	w.b = append(w.b, c)
	w.frames = append(w.frames, frame{array: array, flat: array && w.laidOut()})
}

func (w *jsonWriter) close(c byte) {
	f := w.frames[len(w.frames)-1]
	if f.flat && f.members > 0 {
		w.flat--
	}
	if f.members > 0 && w.laidOut() {
		w.newline(0)
	}
	w.frames = w.frames[:len(w.frames)-1]
	w.b = append(w.b, c)
}

// member starts a field or an element of the innermost container.
func (w *jsonWriter) member() {
	f := &w.frames[len(w.frames)-1]
	if f.members > 0 {
		if f.flat {
			w.flat--
		}
		w.b = append(w.b, ',')
	}
	f.members++
	if w.laidOut() {
		w.newline(1)
	}
	if f.flat {
		w.flat++
	}
}

func (w *jsonWriter) beginObject() { w.open('{', false) }
func (w *jsonWriter) endObject()   { w.close('}') }
func (w *jsonWriter) beginArray()  { w.open('[', true) }
func (w *jsonWriter) endArray()    { w.close(']') }

// key starts a field; k is a literal of the writers (no escaping needed).
func (w *jsonWriter) key(k string) {
	w.member()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	if w.laidOut() {
		w.b = append(w.b, `": `...)
		return
	}
	w.b = append(w.b, `":`...)
}

// element starts an array element.
func (w *jsonWriter) element() { w.member() }

func (w *jsonWriter) str(s string) {
	if !plainText(s) {
		w.b = append(w.b, w.out.compact(s)...) // escapes exactly as encoding/json does
		return
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, s...)
	w.b = append(w.b, '"')
}

// plainText reports a string encoding/json writes as it is, in quotes.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return false
		}
	}
	return true
}

// plainByte marks the bytes encoding/json writes as they are (printable
// ASCII but the quote and the backslash); others take its own escaping.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// number writes a json.Number as encoding/json does: "" is 0.
func (w *jsonWriter) number(n json.Number) {
	if n == "" {
		w.b = append(w.b, '0')
		return
	}
	if !validNumber(string(n)) {
		w.b = append(w.b, w.out.compact(n)...) // encoding/json's error
		return
	}
	w.b = append(w.b, n...)
}

// validNumber is JSON's number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func validNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	digits := func() int {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		s = s[n:]
		return n
	}
	if strings.HasPrefix(s, "0") {
		s = s[1:]
	} else if digits() == 0 {
		return false
	}
	if strings.HasPrefix(s, ".") {
		s = s[1:]
		if digits() == 0 {
			return false
		}
	}
	if len(s) > 0 && (s[0] == 'e' || s[0] == 'E') {
		s = strings.TrimLeft(s[1:], "+-")
		if digits() == 0 {
			return false
		}
	}
	return s == ""
}

// float writes a float64 as encoding/json does; the values it writes in
// exponent form (and NaN and infinities, which it refuses) go through it.
func (w *jsonWriter) float(f float64) {
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) || math.IsNaN(f) {
		w.b = append(w.b, w.out.compact(f)...)
		return
	}
	w.b = strconv.AppendFloat(w.b, f, 'f', -1, 64)
}

func (w *jsonWriter) int(n int64) { w.b = strconv.AppendInt(w.b, n, 10) }

func (w *jsonWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

func (w *jsonWriter) null() { w.b = append(w.b, "null"...) }

// strings writes a []string (null when nil).
func (w *jsonWriter) strings(list []string) {
	if list == nil {
		w.null()
		return
	}
	w.beginArray()
	for _, s := range list {
		w.element()
		w.str(s)
	}
	w.endArray()
}

// anyValue writes a value of a map[string]any: the scalars X3 columns
// hold by hand, anything else through encoding/json, laid out.
func (w *jsonWriter) anyValue(v any) {
	switch v := v.(type) {
	case nil:
		w.null()
	case string:
		w.str(v)
	case json.Number:
		w.number(v)
	case float64:
		w.float(v)
	case int:
		w.int(int64(v))
	case int64:
		w.int(v)
	case bool:
		w.bool(v)
	default:
		w.fallback(v)
	}
}

// fallback writes v through encoding/json, laid out where w lays out.
func (w *jsonWriter) fallback(v any) {
	compact := w.out.compact(v)
	if !w.laidOut() {
		w.b = append(w.b, compact...)
		return
	}
	w.b = appendLaidOut(w.b, compact, w.depth+len(w.frames))
}

// object writes a map[string]any with its keys in order, as encoding/json
// does (null when nil).
func (w *jsonWriter) object(m map[string]any) {
	if m == nil {
		w.null()
		return
	}
	var room [8]string // X3 column maps are small
	keys := room[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.beginObject()
	for _, k := range keys {
		w.member()
		w.str(k)
		w.b = append(w.b, ':')
		if w.laidOut() {
			w.b = append(w.b, ' ')
		}
		w.anyValue(m[k])
	}
	w.endObject()
}
