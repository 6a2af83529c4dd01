package x12

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrGuideJSON marks every error returned by FromGuideJSON.
var ErrGuideJSON = errors.New("x12: guide json")

// FromGuideJSON converts one Guide JSON transaction ({heading, detail,
// summary}) into the segments between ST and SE, exclusive, in the order
// the keys appear in the JSON. setID is ST01. ST and SE found in the JSON
// are dropped because Render recomputes them. The key conventions are those
// of stedi-api.md §7.2: "_loop" keys are loops, other keys are segments
// whose ID is the last "_"-separated token shaped like a segment ID, and
// element keys end in a two-digit position. N2 elements (TDS01–04, SAC05,
// CSH03) carry real values in Guide JSON and are written with their two
// implied decimals (37.5 → 3750), as Stedi does.
func FromGuideJSON(raw []byte) (setID string, body []Segment, err error) {
	// The lexer keeps the number text (floats would reformat 12.50 or 1e2).
	dec, err := newJSONLexer(raw)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", ErrGuideJSON, err)
	}
	g := &guideReader{dec: dec}
	if err := g.transaction(); err != nil {
		return "", nil, err
	}
	if g.setID == "" {
		return "", nil, fmt.Errorf("%w: no transaction_set_header_ST with element 01 (set ID)", ErrGuideJSON)
	}
	return g.setID, g.body, nil
}

// guideReader walks the JSON token stream; Go maps would lose key order,
// and key order is segment order.
type guideReader struct {
	dec   *jsonLexer
	setID string
	body  []Segment
}

func (g *guideReader) transaction() error {
	ok, err := g.openOrNull('{', "$")
	if err != nil {
		return err
	}
	if !ok {
		return g.errorf("$", "transaction is null")
	}
	for g.dec.More() {
		key, err := g.key("$")
		if err != nil {
			return err
		}
		switch key {
		case "heading", "detail", "summary":
			if err := g.section(key); err != nil {
				return err
			}
		default:
			return g.errorf(key, "unknown top-level key (want heading, detail or summary)")
		}
	}
	if _, err := g.dec.Token(); err != nil { // the closing '}'
		return g.wrap("$", err)
	}
	if _, err := g.dec.Token(); err != io.EOF {
		return g.errorf("$", "trailing data after the transaction object")
	}
	return nil
}

// section reads heading, detail or summary: an object, or null for none.
func (g *guideReader) section(path string) error {
	ok, err := g.openOrNull('{', path)
	if err != nil || !ok {
		return err
	}
	return g.members(path)
}

// members reads, after its '{', one object whose keys are segments and
// loops (a section or one loop iteration).
func (g *guideReader) members(path string) error {
	for g.dec.More() {
		key, err := g.key(path)
		if err != nil {
			return err
		}
		p := path + "." + key
		if strings.Contains(key, "_loop") {
			err = g.repeated(p, g.members)
		} else {
			err = g.segment(p, key)
		}
		if err != nil {
			return err
		}
	}
	_, err := g.dec.Token()
	return g.wrap(path, err)
}

// repeated reads an array of objects, a single object or null, and calls
// one after the '{' of each object. Guides differ on whether a segment or
// loop is an array or an object (N4 is both in Stedi's own samples).
func (g *guideReader) repeated(path string, one func(string) error) error {
	tok, err := g.dec.Token()
	if err != nil {
		return g.wrap(path, err)
	}
	switch tok {
	case nil:
		return nil
	case json.Delim('{'):
		return one(path)
	case json.Delim('['):
	default:
		return g.errorf(path, "expected an object or an array of objects, got %v", tok)
	}
	for i := 0; g.dec.More(); i++ {
		p := path + "[" + strconv.Itoa(i) + "]"
		ok, err := g.openOrNull('{', p)
		if err != nil {
			return err
		}
		if ok {
			if err := one(p); err != nil {
				return err
			}
		}
	}
	_, err = g.dec.Token()
	return g.wrap(path, err)
}

func (g *guideReader) segment(path, key string) error {
	id := segmentIDFromKey(key)
	if id == "" {
		return g.errorf(path, "key is neither a loop (_loop) nor a segment (no segment ID token such as _REF)")
	}
	return g.repeated(path, func(p string) error {
		elems, err := g.elements(p)
		if err != nil {
			return err
		}
		switch id {
		case "ST":
			g.setID = strings.TrimSpace(firstOr(elems))
		case "SE":
		default:
			elems = trimTrailingEmpty(elems)
			if len(elems) == 0 {
				// "REF~" is not valid X12; an empty object is a mapping bug.
				return g.errorf(p, "segment has no element values")
			}
			if elems, err = scaleN2(id, elems); err != nil {
				return g.errorf(p, "%v", err)
			}
			g.body = append(g.body, Segment{ID: id, Elements: elems})
		}
		return nil
	})
}

func firstOr(elems []string) string {
	if len(elems) == 0 {
		return ""
	}
	return elems[0]
}

// elements reads, after its '{', one segment object into positional
// elements.
func (g *guideReader) elements(path string) ([]string, error) {
	var elems []string
	for g.dec.More() {
		key, err := g.key(path)
		if err != nil {
			return nil, err
		}
		pos, ok := positionFromKey(key)
		if !ok {
			return nil, g.errorf(path+"."+key, "element key does not end in _NN")
		}
		v, err := g.elementValue(path, key)
		if err != nil {
			return nil, err
		}
		for len(elems) < pos {
			elems = append(elems, "")
		}
		if elems[pos-1] != "" {
			return nil, g.errorf(path+"."+key, "position %02d given twice", pos)
		}
		elems[pos-1] = v
	}
	_, err := g.dec.Token()
	return elems, g.wrap(path, err)
}

// elementValue reads a scalar, a composite (object) or a repeated element
// (array of scalars or composites). The element's path (parent.key) is
// built only when needed: this runs for every element of every document.
func (g *guideReader) elementValue(parent, key string) (string, error) {
	tok, err := g.dec.Token()
	if err != nil {
		return "", g.wrap(parent+"."+key, err)
	}
	switch tok {
	case json.Delim('{'):
		return g.composite(parent + "." + key)
	case json.Delim('['):
		return g.repetition(parent + "." + key)
	}
	if s, ok := tok.(string); ok && !strings.ContainsAny(s, controlMarks) {
		return x12Text(s), nil // the common case, without building the path
	}
	return g.scalar(parent+"."+key, tok)
}

// controlMarks are the in-memory component and repetition marks, which no
// value may contain.
var controlMarks = string([]rune{ComponentMark, RepetitionMark})

// composite reads the components of a composite after its '{'.
func (g *guideReader) composite(path string) (string, error) {
	var comps []string
	for g.dec.More() {
		key, err := g.key(path)
		if err != nil {
			return "", err
		}
		p := path + "." + key
		pos, ok := positionFromKey(key)
		if !ok {
			return "", g.errorf(p, "component key does not end in _NN")
		}
		tok, err := g.dec.Token()
		if err != nil {
			return "", g.wrap(p, err)
		}
		v, err := g.scalar(p, tok)
		if err != nil {
			return "", err
		}
		for len(comps) < pos {
			comps = append(comps, "")
		}
		comps[pos-1] = v
	}
	_, err := g.dec.Token()
	return Composite(trimTrailingEmpty(comps)...), g.wrap(path, err)
}

// repetition reads a repeated element after its '['.
func (g *guideReader) repetition(path string) (string, error) {
	var reps []string
	for i := 0; g.dec.More(); i++ {
		p := path + "[" + strconv.Itoa(i) + "]"
		tok, err := g.dec.Token()
		if err != nil {
			return "", g.wrap(p, err)
		}
		var v string
		switch tok {
		case json.Delim('{'):
			v, err = g.composite(p)
		case json.Delim('['):
			err = g.errorf(p, "nested arrays are not an X12 element")
		default:
			v, err = g.scalar(p, tok)
		}
		if err != nil {
			return "", err
		}
		reps = append(reps, v)
	}
	_, err := g.dec.Token()
	return Repeated(reps...), g.wrap(path, err)
}

// scalar converts a JSON scalar to its X12 text.
func (g *guideReader) scalar(path string, tok json.Token) (string, error) {
	switch t := tok.(type) {
	case nil:
		return "", nil
	case string:
		if strings.ContainsAny(t, controlMarks) {
			return "", g.errorf(path, "value contains a control character")
		}
		return x12Text(t), nil
	case json.Number:
		s, err := formatNumber(string(t))
		if err != nil {
			return "", g.errorf(path, "%v", err)
		}
		return s, nil
	}
	return "", g.errorf(path, "unsupported value %v (want string, number, null, object or array)", tok)
}

func (g *guideReader) key(path string) (string, error) {
	tok, err := g.dec.Token()
	if err != nil {
		return "", g.wrap(path, err)
	}
	k, ok := tok.(string)
	if !ok {
		return "", g.errorf(path, "expected a key, got %v", tok)
	}
	return k, nil
}

// openOrNull consumes an opening delimiter (true) or a null (false).
func (g *guideReader) openOrNull(want json.Delim, path string) (bool, error) {
	tok, err := g.dec.Token()
	if err != nil {
		return false, g.wrap(path, err)
	}
	if tok == nil {
		return false, nil
	}
	if d, ok := tok.(json.Delim); ok && d == want {
		return true, nil
	}
	return false, g.errorf(path, "expected %q, got %v", want, tok)
}

func (g *guideReader) errorf(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrGuideJSON, path, fmt.Sprintf(format, args...))
}

func (g *guideReader) wrap(path string, err error) error {
	if err == nil {
		return nil
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w: %s: %w", ErrGuideJSON, path, err)
}

// segmentIDFromKey returns the last "_"-separated token of key shaped like
// a segment ID: variant suffixes follow the ID
// (reference_information_REF_customer_order → REF).
func segmentIDFromKey(key string) string {
	toks := strings.Split(key, "_")
	for i := len(toks) - 1; i >= 0; i-- {
		if validSegmentID(toks[i]) {
			return toks[i]
		}
	}
	return ""
}

// positionFromKey reads the trailing _NN of an element or component key.
func positionFromKey(key string) (int, bool) {
	n := len(key)
	if n < 4 || key[n-3] != '_' || !isDigit(key[n-2]) || !isDigit(key[n-1]) {
		return 0, false
	}
	pos := int(key[n-2]-'0')*10 + int(key[n-1]-'0')
	return pos, pos > 0
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
