package x3gql

import (
	"errors"
	"strconv"
	"strings"
)

// Xtrem's filter and orderBy arguments are strings holding a JSON-like
// object: unquoted keys, 'single' or "double" quoted strings, signed
// numbers (+1, -1), true/false/null, nested objects and lists, e.g.
// "{_updateStamp:{_gte:'2026-11-26T10:00:00.000Z'}}" or "{_updateStamp:+1}".
// Objects keep their key order, which orderBy needs.

type jsonLikeField struct {
	key   string
	value any // string, float64, bool, nil, []any or []jsonLikeField
}

type jsonLikeParser struct {
	s   string
	pos int
}

func parseJSONLike(s string) (any, error) {
	p := &jsonLikeParser{s: s}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	if p.skip(); p.pos != len(p.s) {
		return nil, p.errorf("unexpected text after the value")
	}
	return v, nil
}

func (p *jsonLikeParser) errorf(msg string) error {
	return errors.New(msg + " at offset " + strconv.Itoa(p.pos))
}

func (p *jsonLikeParser) skip() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *jsonLikeParser) value() (any, error) {
	p.skip()
	if p.pos >= len(p.s) {
		return nil, p.errorf("missing value")
	}
	switch c := p.s[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.list()
	case c == '\'' || c == '"':
		return p.quoted()
	case c == '+' || c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		word := p.word()
		switch word {
		case "true", "false":
			return word == "true", nil
		case "null":
			return nil, nil
		}
		return nil, p.errorf("unexpected " + strconv.Quote(word))
	}
}

func (p *jsonLikeParser) object() ([]jsonLikeField, error) {
	p.pos++ // {
	fields := []jsonLikeField{}
	for {
		p.skip()
		if p.pos < len(p.s) && p.s[p.pos] == '}' {
			p.pos++
			return fields, nil
		}
		key, err := p.key()
		if err != nil {
			return nil, err
		}
		if p.skip(); p.pos >= len(p.s) || p.s[p.pos] != ':' {
			return nil, p.errorf("expected ':' after " + strconv.Quote(key))
		}
		p.pos++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		fields = append(fields, jsonLikeField{key: key, value: v})
		if err := p.separator('}'); err != nil {
			return nil, err
		}
	}
}

func (p *jsonLikeParser) list() ([]any, error) {
	p.pos++ // [
	items := []any{}
	for {
		p.skip()
		if p.pos < len(p.s) && p.s[p.pos] == ']' {
			p.pos++
			return items, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		if err := p.separator(']'); err != nil {
			return nil, err
		}
	}
}

// separator passes a comma, or leaves the closing bracket for the caller.
func (p *jsonLikeParser) separator(closing byte) error {
	p.skip()
	switch {
	case p.pos < len(p.s) && p.s[p.pos] == ',':
		p.pos++
		return nil
	case p.pos < len(p.s) && p.s[p.pos] == closing:
		return nil
	}
	return p.errorf("expected ',' or '" + string(closing) + "'")
}

func (p *jsonLikeParser) key() (string, error) {
	p.skip()
	if p.pos < len(p.s) && (p.s[p.pos] == '\'' || p.s[p.pos] == '"') {
		return p.quoted()
	}
	if w := p.word(); w != "" {
		return w, nil
	}
	return "", p.errorf("expected a property name")
}

func (p *jsonLikeParser) word() string {
	start := p.pos
	for p.pos < len(p.s) && isNameByte(p.s[p.pos], p.pos == start) {
		p.pos++
	}
	return p.s[start:p.pos]
}

// quoted reads a string in the quote it starts with; a backslash escapes
// the next character.
func (p *jsonLikeParser) quoted() (string, error) {
	quote := p.s[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		p.pos++
		switch {
		case c == quote:
			return b.String(), nil
		case c == '\\' && p.pos < len(p.s):
			b.WriteByte(p.s[p.pos])
			p.pos++
		default:
			b.WriteByte(c)
		}
	}
	return "", p.errorf("unterminated string")
}

func (p *jsonLikeParser) number() (float64, error) {
	start := p.pos
	for p.pos < len(p.s) && strings.IndexByte("+-0123456789.eE", p.s[p.pos]) >= 0 {
		p.pos++
	}
	f, err := strconv.ParseFloat(p.s[start:p.pos], 64)
	if err != nil {
		return 0, p.errorf("bad number " + strconv.Quote(p.s[start:p.pos]))
	}
	return f, nil
}

// isNameByte tells whether c may stand in an unquoted key (a GraphQL-style
// name: a letter or underscore, then digits too).
func isNameByte(c byte, first bool) bool {
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9')
}
