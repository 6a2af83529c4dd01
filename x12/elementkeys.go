package x12

import "sync"

// elementKeyRows caches elementKey per segment ID: converting a large file
// builds the same few hundred keys millions of times.
var elementKeyRows sync.Map // segment ID → *[maxCachedPosition]elementKeyType

// maxCachedPosition bounds the positions cached per segment (element
// positions are two digits).
const maxCachedPosition = 100

type elementKeyType struct {
	key string
	typ byte
}

// cachedElementKey is elementKey, made once per segment ID and position.
func cachedElementKey(id string, pos int) (string, byte) {
	if pos < 1 || pos >= maxCachedPosition {
		return elementKey(id, pos)
	}
	row, ok := elementKeyRows.Load(id)
	if !ok {
		var r [maxCachedPosition]elementKeyType
		for p := 1; p < len(r); p++ {
			r[p].key, r[p].typ = elementKey(id, p)
		}
		row, _ = elementKeyRows.LoadOrStore(id, &r)
	}
	e := row.(*[maxCachedPosition]elementKeyType)[pos]
	return e.key, e.typ
}
