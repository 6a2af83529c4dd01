package core

// hasUpper reports an upper-case letter: a segment key holds one (its
// segment ID), an element key does not.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// elemRange fills out with elements first.. first+len(out)-1 as text,
// out[0] being first, in one pass over the segment's fields (elem scans
// them at every call, and a segment has up to fifteen product ID pairs).
func (o gobj) elemRange(first int, out []string) {
	clear(out)
	if o == nil {
		return
	}
	last := first + len(out) - 1
	for i := range o.fields {
		f := &o.fields[i]
		pos := elementPosition(f.key)
		if pos < first || pos > last || f.isNull() || out[pos-first] != "" {
			continue
		}
		if hasUpper(f.key) {
			if _, _, _, isSeg := guideKey(f.key); isSeg {
				continue
			}
		}
		out[pos-first] = f.textValue()
	}
}
