package x12

import (
	"errors"
	"fmt"
)

// Delimiters are the four separator characters of an interchange.
// Repetition is only meaningful from control version 00402 on; a zero
// Repetition or Component means "none".
type Delimiters struct {
	Element    byte
	Component  byte
	Repetition byte
	Segment    byte
}

// DefaultDelimiters are the separators Stedi uses: * > ^ ~.
var DefaultDelimiters = Delimiters{Element: '*', Component: '>', Repetition: '^', Segment: '~'}

// In-memory marks for composite components and element repetitions; see the
// package documentation.
const (
	ComponentMark  = '\x1f'
	RepetitionMark = '\x1e'
)

var errBadDelimiters = errors.New("x12: invalid delimiters")

// check reports delimiters that cannot produce a parseable file: missing
// element or segment separators, duplicates, or characters that also occur
// in ordinary data (letters, digits, space).
func (d Delimiters) check() error {
	if d.Element == 0 || d.Segment == 0 {
		return fmt.Errorf("%w: element and segment separators are required", errBadDelimiters)
	}
	seen := map[byte]string{}
	for _, c := range []struct {
		name string
		b    byte
	}{{"element", d.Element}, {"component", d.Component}, {"repetition", d.Repetition}, {"segment", d.Segment}} {
		if c.b == 0 {
			continue
		}
		if isAlnum(c.b) || c.b == ' ' {
			return fmt.Errorf("%w: %s separator %q is a data character", errBadDelimiters, c.name, c.b)
		}
		if other, dup := seen[c.b]; dup {
			return fmt.Errorf("%w: %s and %s separators are both %q", errBadDelimiters, other, c.name, c.b)
		}
		seen[c.b] = c.name
	}
	return nil
}

// is reports whether b is one of the active delimiters.
func (d Delimiters) is(b byte) bool {
	return b == d.Element || b == d.Segment ||
		(d.Component != 0 && b == d.Component) ||
		(d.Repetition != 0 && b == d.Repetition)
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}
