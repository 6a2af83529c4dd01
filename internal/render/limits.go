package render

import (
	"fmt"
	"strings"
)

// Limits bound what one payload renders to, so an input of any size or
// shape (a 54 kB event nesting 9,000 objects, a megabyte of one string)
// costs a bounded screen and bounded memory to show.
type Limits struct {
	Depth  int // nesting levels shown; a deeper object or array folds into one line
	Items  int // members or elements shown per object or array
	String int // characters shown of one string
	Bytes  int // output size; once reached, the rest of the input is left unread
}

// Default is what the terminal UI and `show` use.
var Default = Limits{Depth: 16, Items: 500, String: 2000, Bytes: 256 << 10}

// Folds counts what a rendering left out, so the reader is told.
type Folds struct {
	Containers int // objects or arrays deeper than Limits.Depth, each shown as one line
	Values     int // values inside those containers
	Items      int // members or elements past Limits.Items
	Chars      int // characters of strings past Limits.String
	Bytes      int // bytes of input not read once Limits.Bytes were written
}

// Any reports whether anything was folded.
func (f Folds) Any() bool { return f != Folds{} }

// String says what was folded, e.g. "folded: 1 object or array deeper than
// 16 levels (8984 values inside)"; empty when nothing was.
func (f Folds) String() string {
	if !f.Any() {
		return ""
	}
	var parts []string
	if f.Containers > 0 {
		parts = append(parts, fmt.Sprintf("%d object(s) or array(s) deeper than the levels shown (%d values inside)", f.Containers, f.Values))
	}
	if f.Items > 0 {
		parts = append(parts, fmt.Sprintf("%d member(s) or element(s) past the first of their object or array", f.Items))
	}
	if f.Chars > 0 {
		parts = append(parts, fmt.Sprintf("%d character(s) of long strings", f.Chars))
	}
	if f.Bytes > 0 {
		parts = append(parts, fmt.Sprintf("the last %d byte(s), past the output limit", f.Bytes))
	}
	return "folded: " + strings.Join(parts, "; ")
}
