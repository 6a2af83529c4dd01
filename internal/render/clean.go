// Package render turns stored data (partner documents, X3 records,
// Stedi's answers, error messages quoting them) into text for a terminal:
// control characters made visible, and payloads rendered within a bound
// of depth and size whatever their shape. The terminal UI and the query
// commands share it, so both show the same thing.
package render

import (
	"strings"
	"unicode/utf8"
)

// Clean makes s safe to print on a terminal: every control character but
// line feed and tab becomes a visible stand-in (ESC shows as ␛, BEL as ␇,
// carriage return as ␍), C1 controls, bidirectional overrides and invalid
// UTF-8 show as �. Partner data can then never move the cursor, change
// colours, ring the bell or reorder what an operator reads.
func Clean(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(standIn(r))
		}
		i += size
	}
	return b.String()
}

// clean reports whether s needs no change, without allocating.
func clean(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafe(r) {
			return false
		}
		i += size
	}
	return true
}

// unsafe reports whether r must not reach a terminal as it is.
func unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls: CSI (0x9b) starts an escape on some terminals
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidirectional embeddings and overrides
		return true
	}
	return false
}

// standIn is what r prints as: itself when safe, else its Unicode control
// picture (U+2400 + code for C0, U+2421 for DEL), else the replacement
// character.
func standIn(r rune) string {
	switch {
	case !unsafe(r):
		return string(r)
	case r < 0x20:
		return string(rune(0x2400 + r))
	case r == 0x7f:
		return "\u2421"
	}
	return string(utf8.RuneError)
}

// Line is Clean for a single row of a table or list: line breaks and runs
// of white space become one space as well.
func Line(s string) string {
	return Clean(strings.Join(strings.Fields(s), " "))
}
