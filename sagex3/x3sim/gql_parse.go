package x3sim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The part of GraphQL the simulator understands: one operation (query or
// mutation, named or not, with variable definitions), fields with aliases,
// arguments and selections, and every literal kind. Fragments and
// directives are refused.

type gqlOperation struct {
	kind       string // "query" or "mutation"
	selections []gqlField
}

type gqlField struct {
	alias, name string
	args        map[string]gqlValue
	selections  []gqlField
}

func (f gqlField) key() string {
	if f.alias != "" {
		return f.alias
	}
	return f.name
}

// gqlValue is a literal (already in JSON form) or a variable reference.
type gqlValue struct {
	variable string
	literal  any
}

type gqlParser struct {
	src string
	pos int
}

type gqlSyntaxError struct{ msg string }

func (e *gqlSyntaxError) Error() string { return "Syntax Error: " + e.msg }

func parseGraphQL(src string) (op gqlOperation, err error) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*gqlSyntaxError)
			if !ok {
				panic(r)
			}
			err = se
		}
	}()
	p := &gqlParser{src: src}
	op = p.operation()
	if p.skip(); p.pos < len(p.src) {
		p.fail("only one operation per request is supported")
	}
	return op, nil
}

func (p *gqlParser) fail(format string, args ...any) {
	panic(&gqlSyntaxError{fmt.Sprintf(format, args...) + fmt.Sprintf(" (at offset %d)", p.pos)})
}

// skip passes whitespace, commas (insignificant in GraphQL) and comments.
func (p *gqlParser) skip() {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			p.pos++
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *gqlParser) peek() byte {
	p.skip()
	if p.pos >= len(p.src) {
		return 0
	}
	return p.src[p.pos]
}

func (p *gqlParser) expect(c byte) {
	if p.peek() != c {
		p.fail("expected %q", string(c))
	}
	p.pos++
}

func (p *gqlParser) name() string {
	p.skip()
	start := p.pos
	for p.pos < len(p.src) && isNameByte(p.src[p.pos], p.pos == start) {
		p.pos++
	}
	if p.pos == start {
		p.fail("expected a name")
	}
	return p.src[start:p.pos]
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9')
}

func (p *gqlParser) operation() gqlOperation {
	op := gqlOperation{kind: "query"}
	if p.peek() != '{' {
		switch kind := p.name(); kind {
		case "query", "mutation":
			op.kind = kind
		default:
			p.fail("unsupported operation %q", kind)
		}
		if c := p.peek(); c != '{' && c != '(' {
			p.name() // operation name
		}
		if p.peek() == '(' {
			p.variableDefinitions()
		}
	}
	op.selections = p.selectionSet()
	return op
}

// variableDefinitions reads ($a: Type, $b: [Type!]! = default); types are
// not checked.
func (p *gqlParser) variableDefinitions() {
	p.expect('(')
	for p.peek() != ')' {
		p.expect('$')
		p.name()
		p.expect(':')
		p.typeRef()
		if p.peek() == '=' {
			p.pos++
			p.value()
		}
	}
	p.pos++
}

func (p *gqlParser) typeRef() {
	if p.peek() == '[' {
		p.pos++
		p.typeRef()
		p.expect(']')
	} else {
		p.name()
	}
	if p.peek() == '!' {
		p.pos++
	}
}

func (p *gqlParser) selectionSet() []gqlField {
	p.expect('{')
	var fields []gqlField
	for p.peek() != '}' {
		if p.peek() == 0 {
			p.fail("unterminated selection set")
		}
		if p.peek() == '.' || p.peek() == '@' {
			p.fail("fragments and directives are not supported")
		}
		fields = append(fields, p.field())
	}
	p.pos++
	if len(fields) == 0 {
		p.fail("empty selection set")
	}
	return fields
}

func (p *gqlParser) field() gqlField {
	f := gqlField{name: p.name()}
	if p.peek() == ':' {
		p.pos++
		f.alias, f.name = f.name, p.name()
	}
	if p.peek() == '(' {
		p.pos++
		f.args = map[string]gqlValue{}
		for p.peek() != ')' {
			name := p.name()
			p.expect(':')
			f.args[name] = p.value()
		}
		p.pos++
	}
	if p.peek() == '{' {
		f.selections = p.selectionSet()
	}
	return f
}

// value reads a literal into JSON form (numbers as json.Number), or a
// variable reference.
func (p *gqlParser) value() gqlValue {
	switch c := p.peek(); {
	case c == '$':
		p.pos++
		return gqlValue{variable: p.name()}
	case c == '"':
		return gqlValue{literal: p.stringLiteral()}
	case c == '-' || (c >= '0' && c <= '9'):
		return gqlValue{literal: p.number()}
	case c == '[':
		p.pos++
		list := []any{}
		for p.peek() != ']' {
			list = append(list, p.constant())
		}
		p.pos++
		return gqlValue{literal: list}
	case c == '{':
		p.pos++
		obj := map[string]any{}
		for p.peek() != '}' {
			name := p.name()
			p.expect(':')
			obj[name] = p.constant()
		}
		p.pos++
		return gqlValue{literal: obj}
	default:
		switch n := p.name(); n {
		case "true", "false":
			return gqlValue{literal: n == "true"}
		case "null":
			return gqlValue{literal: nil}
		default:
			return gqlValue{literal: n} // an enum value travels as its name
		}
	}
}

// constant is a value inside a list or object literal; variables are not
// supported there.
func (p *gqlParser) constant() any {
	v := p.value()
	if v.variable != "" {
		p.fail("variables inside list or object literals are not supported")
	}
	return v.literal
}

func (p *gqlParser) number() json.Number {
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte("+-0123456789.eE", p.src[p.pos]) >= 0 {
		p.pos++
	}
	n := json.Number(p.src[start:p.pos])
	if _, err := n.Float64(); err != nil {
		p.fail("bad number %q", string(n))
	}
	return n
}

// stringLiteral reads "…" with GraphQL's escapes (those of JSON).
func (p *gqlParser) stringLiteral() string {
	if strings.HasPrefix(p.src[p.pos:], `"""`) {
		p.fail("block strings are not supported")
	}
	start := p.pos
	p.pos++
	for p.pos < len(p.src) && p.src[p.pos] != '"' {
		if p.src[p.pos] == '\\' {
			p.pos++
		}
		p.pos++
	}
	if p.pos >= len(p.src) {
		p.fail("unterminated string")
	}
	p.pos++
	s, err := strconv.Unquote(p.src[start:p.pos])
	if err != nil || !utf8.ValidString(s) {
		var js string
		if json.Unmarshal([]byte(p.src[start:p.pos]), &js) != nil {
			p.fail("bad string literal")
		}
		return js
	}
	return s
}
