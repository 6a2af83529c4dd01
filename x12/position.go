package x12

import (
	"fmt"
	"sync"
)

// positionSuffixes are "_01" … "_99", the endings of Guide JSON element
// keys, made once: inspect builds millions of keys on a large file.
var positionSuffixes = func() (out [100]string) {
	for i := range out {
		out[i] = fmt.Sprintf("_%02d", i)
	}
	return out
}()

// positionSuffix is "_%02d" of pos.
func positionSuffix(pos int) string {
	if pos >= 0 && pos < len(positionSuffixes) {
		return positionSuffixes[pos]
	}
	return fmt.Sprintf("_%02d", pos)
}

// elementKeyRows caches elementKey per segment ID: converting a large file
// builds the same few hundred keys millions of times.
var elementKeyRows sync.Map // segment ID → *[len(positionSuffixes)]elementKeyType

type elementKeyType struct {
	key string
	typ byte
}

func cachedElementKey(id string, pos int) (string, byte) {
	if pos < 1 || pos >= len(positionSuffixes) {
		return elementKey(id, pos)
	}
	row, ok := elementKeyRows.Load(id)
	if !ok {
		var r [len(positionSuffixes)]elementKeyType
		for p := 1; p < len(r); p++ {
			r[p].key, r[p].typ = elementKey(id, p)
		}
		row, _ = elementKeyRows.LoadOrStore(id, &r)
	}
	e := row.(*[len(positionSuffixes)]elementKeyType)[pos]
	return e.key, e.typ
}
