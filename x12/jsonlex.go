package x12

import (
	"encoding/json"
	"fmt"
	"io"
)

// jsonLexer yields the tokens of a JSON document that json.Valid already
// accepted, with the same types and methods the guide reader used from
// json.Decoder (Token, More). It only scans: the document is known to be
// well formed, so commas and colons can be skipped as separators. It is
// several times faster than json.Decoder.Token, which allocates for every
// token, and Guide JSON goes through here for every document sent.
type jsonLexer struct {
	data []byte
	pos  int
}

func newJSONLexer(data []byte) (*jsonLexer, error) {
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v) // for a precise message
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	return &jsonLexer{data: data}, nil
}

// skip moves past white space and separators.
func (l *jsonLexer) skip() {
	for l.pos < len(l.data) {
		switch l.data[l.pos] {
		case ' ', '\t', '\n', '\r', ',', ':':
			l.pos++
		default:
			return
		}
	}
}

// More reports whether the current array or object has another element.
func (l *jsonLexer) More() bool {
	l.skip()
	return l.pos < len(l.data) && l.data[l.pos] != ']' && l.data[l.pos] != '}'
}

// Token returns the next token: json.Delim, string, json.Number, bool or
// nil; io.EOF at the end.
func (l *jsonLexer) Token() (json.Token, error) {
	l.skip()
	if l.pos >= len(l.data) {
		return nil, io.EOF
	}
	c := l.data[l.pos]
	switch {
	case c == '{' || c == '}' || c == '[' || c == ']':
		l.pos++
		return json.Delim(c), nil
	case c == '"':
		return l.str()
	case c == 't':
		l.pos += len("true")
		return true, nil
	case c == 'f':
		l.pos += len("false")
		return false, nil
	case c == 'n':
		l.pos += len("null")
		return nil, nil
	default:
		return l.number(), nil
	}
}

func (l *jsonLexer) str() (json.Token, error) {
	start := l.pos
	escaped := false
	for l.pos++; l.data[l.pos] != '"'; l.pos++ {
		if l.data[l.pos] == '\\' {
			escaped = true
			l.pos++ // the escaped character, which may be a quote
		}
	}
	l.pos++
	if !escaped {
		return string(l.data[start+1 : l.pos-1]), nil
	}
	var s string
	err := json.Unmarshal(l.data[start:l.pos], &s)
	return s, err
}

func (l *jsonLexer) number() json.Token {
	start := l.pos
	for l.pos < len(l.data) {
		switch c := l.data[l.pos]; {
		case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			l.pos++
			continue
		}
		break
	}
	return json.Number(l.data[start:l.pos])
}
