package x12

import "sync"

// maxCachedPosition bounds the positions cached per segment (element
// positions are two digits).
const maxCachedPosition = 100

type elementKeyType struct {
	key string
	typ byte
}

type elementKeyRow [maxCachedPosition]elementKeyType

func newElementKeyRow(id string) *elementKeyRow {
	var r elementKeyRow
	for p := 1; p < len(r); p++ {
		r[p].key, r[p].typ = elementKey(id, p)
	}
	return &r
}

// tableKeyRows holds elementKey of every segment the tables name, made
// once at the first look-up (after every init has filled elementNames):
// converting a large file builds the same few hundred keys millions of
// times. Read only once made, it needs no lock.
var (
	tableKeyRows     map[string]*elementKeyRow
	tableKeyRowsOnce sync.Once
)

// otherKeyRows caches the generic keys of segments the tables do not name.
var otherKeyRows sync.Map // segment ID → *elementKeyRow

// cachedElementKey is elementKey, made once per segment ID and position.
func cachedElementKey(id string, pos int) (string, byte) {
	if pos < 1 || pos >= maxCachedPosition {
		return elementKey(id, pos)
	}
	tableKeyRowsOnce.Do(func() {
		tableKeyRows = make(map[string]*elementKeyRow, len(elementNames))
		for id := range elementNames {
			tableKeyRows[id] = newElementKeyRow(id)
		}
	})
	row, ok := tableKeyRows[id]
	if !ok {
		r, _ := otherKeyRows.Load(id)
		if r == nil {
			r, _ = otherKeyRows.LoadOrStore(id, newElementKeyRow(id))
		}
		row = r.(*elementKeyRow)
	}
	e := row[pos]
	return e.key, e.typ
}
