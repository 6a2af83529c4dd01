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

// elemRange returns elements first..last as text, index 0 being first, in
// one pass over the segment's keys (elem scans them at every call, and a
// segment has up to ten product ID pairs).
func (o gobj) elemRange(first, last int) []string {
	out := make([]string, last-first+1)
	for k, v := range o {
		pos := elementPosition(k)
		if pos < first || pos > last || v == nil || out[pos-first] != "" {
			continue
		}
		if hasUpper(k) {
			if _, _, _, isSeg := guideKey(k); isSeg {
				continue
			}
		}
		out[pos-first] = text(v)
	}
	return out
}
