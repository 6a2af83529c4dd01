package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// errFull unwinds a rendering once the output limit is reached; every
// open container still closes, so the output stays valid JSON.
var errFull = errors.New("output limit reached")

// Payload renders a stored body for reading. JSON is indented by two
// spaces, within lim; what does not fit is folded into a string saying
// how much it held: an object or
// array deeper than lim.Depth becomes "{…} 8984 values folded", the
// members past lim.Items one last entry "… 37 more members folded", a long
// string keeps its first lim.String characters. The output is itself
// valid JSON (so `show --json` can embed it) and every string in it is
// escaped for a terminal. Work is one pass over the body and stops at
// lim.Bytes of output. A body that is not valid JSON (X12) renders as Text.
func Payload(body []byte, lim Limits) (string, Folds) {
	if !json.Valid(body) {
		return Text(string(body), lim)
	}
	r := &jsonRenderer{dec: json.NewDecoder(bytes.NewReader(body)), lim: lim, size: len(body)}
	r.dec.UseNumber()
	tok, err := r.dec.Token()
	if err == nil {
		err = r.value(tok, 0)
	}
	if err != nil && !errors.Is(err, errFull) {
		// Not after json.Valid; should the decoder disagree, the body
		// is still shown, as text.
		return Text(string(body), lim)
	}
	return r.out.String(), r.folds
}

type jsonRenderer struct {
	dec   *json.Decoder
	lim   Limits
	size  int
	out   strings.Builder
	folds Folds
}

func (r *jsonRenderer) value(tok json.Token, depth int) error {
	switch t := tok.(type) {
	case json.Delim:
		if depth >= r.lim.Depth {
			n, err := r.skipContainer(t)
			r.folds.Containers++
			r.folds.Values += n
			r.quote(fmt.Sprintf("%c…%c %d values folded", t, closer(t), n))
			return err
		}
		return r.container(t, depth)
	case string:
		r.str(t)
	case json.Number:
		r.out.WriteString(t.String())
	case bool:
		fmt.Fprint(&r.out, t)
	case nil:
		r.out.WriteString("null")
	}
	return nil
}

// container writes an object or array whose opening delimiter was read.
func (r *jsonRenderer) container(open json.Delim, depth int) error {
	obj := open == '{'
	r.out.WriteByte(byte(open))
	n := 0
	var err error
	for r.dec.More() {
		if r.out.Len() >= r.lim.Bytes {
			r.folds.Bytes = r.size - int(r.dec.InputOffset())
			r.entry(obj, n, depth, fmt.Sprintf("… output limit reached: the last %d bytes are not shown", r.folds.Bytes))
			err = errFull
			n++
			break
		}
		if n == r.lim.Items {
			skipped, serr := r.skipMembers(obj)
			r.folds.Items += skipped
			r.entry(obj, n, depth, fmt.Sprintf("… %d more %s folded", skipped, itemWord(obj)))
			n++
			if serr != nil {
				return serr
			}
			break
		}
		if err = r.member(obj, n, depth); err != nil {
			n++
			break
		}
		n++
	}
	if err == nil {
		_, err = r.dec.Token() // the closing delimiter
	}
	if n > 0 {
		r.newline(depth)
	}
	r.out.WriteByte(byte(closer(open)))
	return err
}

// member writes the n-th member (object) or element (array).
func (r *jsonRenderer) member(obj bool, n, depth int) error {
	r.separate(n, depth)
	if obj {
		key, err := r.dec.Token()
		if err != nil {
			return err
		}
		k, _ := key.(string)
		r.str(k)
		r.out.WriteString(": ")
	}
	tok, err := r.dec.Token()
	if err != nil {
		return err
	}
	return r.value(tok, depth+1)
}

// entry writes a fold marker as the n-th member or element.
func (r *jsonRenderer) entry(obj bool, n, depth int, note string) {
	r.separate(n, depth)
	if obj {
		r.out.WriteString(`"…": `)
	}
	r.quote(note)
}

func (r *jsonRenderer) separate(n, depth int) {
	if n > 0 {
		r.out.WriteByte(',')
	}
	r.newline(depth + 1)
}

func (r *jsonRenderer) newline(depth int) {
	r.out.WriteByte('\n')
	for range depth {
		r.out.WriteString("  ")
	}
}

// skipContainer reads the rest of a container whose opening delimiter was
// read, counting the values inside (not the keys of objects).
func (r *jsonRenderer) skipContainer(open json.Delim) (int, error) {
	type level struct{ obj, keyNext bool }
	values := 0
	stack := []level{{obj: open == '{', keyNext: open == '{'}}
	for len(stack) > 0 {
		tok, err := r.dec.Token()
		if err != nil {
			return values, err
		}
		top := len(stack) - 1
		switch tok {
		case json.Delim('{'), json.Delim('['):
			values++
			stack = append(stack, level{obj: tok == json.Delim('{'), keyNext: tok == json.Delim('{')})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:top]
			if top > 0 { // the container just closed was a value of its parent
				stack[top-1].keyNext = stack[top-1].obj
			}
		default:
			if stack[top].keyNext {
				stack[top].keyNext = false // a key; its value follows
				continue
			}
			values++
			stack[top].keyNext = stack[top].obj
		}
	}
	return values, nil
}

// skipMembers reads the remaining members of the current container
// (keys and values) and counts them, leaving the closing delimiter.
func (r *jsonRenderer) skipMembers(obj bool) (int, error) {
	n := 0
	for r.dec.More() {
		if obj {
			if _, err := r.dec.Token(); err != nil {
				return n, err
			}
		}
		tok, err := r.dec.Token()
		if err != nil {
			return n, err
		}
		if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
			if _, err := r.skipContainer(d); err != nil {
				return n, err
			}
		}
		n++
	}
	return n, nil
}

// str writes a string value, cut to lim.String characters.
func (r *jsonRenderer) str(s string) {
	if n := utf8.RuneCountInString(s); n > r.lim.String {
		cut := 0
		for range r.lim.String {
			_, size := utf8.DecodeRuneInString(s[cut:])
			cut += size
		}
		r.folds.Chars += n - r.lim.String
		s = s[:cut] + fmt.Sprintf("… (%d more characters)", n-r.lim.String)
	}
	r.quote(s)
}

// quote writes s as a JSON string that is also safe for a terminal: the
// characters Clean would replace are written as \u escapes.
func (r *jsonRenderer) quote(s string) {
	r.out.WriteByte('"')
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case c == utf8.RuneError && size == 1:
			r.out.WriteString(`\ufffd`)
		case c == '"' || c == '\\':
			r.out.WriteByte('\\')
			r.out.WriteRune(c)
		case c == '\n':
			r.out.WriteString(`\n`)
		case c == '\t':
			r.out.WriteString(`\t`)
		case unsafe(c):
			fmt.Fprintf(&r.out, `\u%04x`, c)
		default:
			r.out.WriteRune(c)
		}
	}
	r.out.WriteByte('"')
}

func closer(open json.Delim) rune {
	if open == '{' {
		return '}'
	}
	return ']'
}

func itemWord(obj bool) string {
	if obj {
		return "members"
	}
	return "elements"
}
