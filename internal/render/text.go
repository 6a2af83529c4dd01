package render

import (
	"fmt"
	"unicode/utf8"
)

// Text renders a body that is not JSON (X12, a plain error page) within
// lim.Bytes, control characters made visible by Clean.
func Text(s string, lim Limits) (string, Folds) {
	var f Folds
	if len(s) > lim.Bytes {
		cut := lim.Bytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		f.Bytes = len(s) - cut
		s = s[:cut] + fmt.Sprintf("\n… output limit reached: the last %d bytes are not shown", f.Bytes)
	}
	return Clean(s), f
}
