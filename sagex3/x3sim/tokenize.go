package x3sim

import "strings"

type tokenKind int

const (
	tokWord   tokenKind = iota // property names, operators, "and"
	tokString                  // 'text' with '' for a quote
	tokNumber                  // -12.5
	tokDate                    // @2026-11-26@ or @2026-11-26T10:00:00Z@, text without the @
)

type token struct {
	kind tokenKind
	text string
}

// tokenize splits a where clause into words and literals.
func tokenize(s string) ([]token, *apiError) {
	var tokens []token
	for i := 0; i < len(s); {
		c := s[i]
		var t token
		var n int
		var err *apiError
		switch {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '\'':
			t, n, err = scanString(s[i:])
		case c == '@':
			t, n, err = scanDate(s[i:])
		case c == '-' || c == '.' || isDigit(c):
			t, n = scanWhile(s[i:], tokNumber, func(c byte) bool { return isDigit(c) || c == '.' || c == '-' })
		case isWordByte(c):
			t, n = scanWhile(s[i:], tokWord, isWordByte)
		default:
			err = whereError("unexpected character '" + string(c) + "'")
		}
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, t)
		i += n
	}
	return tokens, nil
}

func scanString(s string) (token, int, *apiError) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return token{kind: tokString, text: b.String()}, i + 1, nil
	}
	return token{}, 0, whereError("unterminated string literal")
}

func scanDate(s string) (token, int, *apiError) {
	end := strings.IndexByte(s[1:], '@')
	if end < 0 {
		return token{}, 0, whereError("unterminated @date@ literal")
	}
	return token{kind: tokDate, text: s[1 : end+1]}, end + 2, nil
}

func scanWhile(s string, k tokenKind, ok func(byte) bool) (token, int) {
	n := 0
	for n < len(s) && ok(s[n]) {
		n++
	}
	return token{kind: k, text: s[:n]}, n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c == '_' || isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}
