package core

// GuideTree builds the tree Read855Value, Read856Value and Read997Value
// take, for a caller that has an inbound set's segments rather than its
// Guide JSON text (inspect reading X12, through x12.ToGuideTreeTolerant,
// which walks the x12 guide tables and so names every key): the text is
// never written only to be parsed back. Objects are opaque to the caller.
//
// A tree has an object for every segment and is dropped once read: a
// GuideTree hands out objects, fields and arrays from blocks, which Reset
// lets the next tree use again. The zero value is ready for use.
type GuideTree struct {
	objects blocks[guideObject]
	fields  blocks[guideField]
	arrays  blocks[[]any]
}

// Reset makes the blocks free for the next tree: what the tree built
// before is no longer to be read (what the readers returned holds none of
// it).
func (t *GuideTree) Reset() {
	t.objects.reset()
	t.fields.reset()
	t.arrays.reset()
}

// Object is a new, empty object; size is a hint of its fields.
func (t *GuideTree) Object(size int) any {
	o := &t.objects.take(1)[:1][0]
	*o = guideObject{fields: t.fields.take(size)}
	return o
}

// Has reports a field under key.
func (t *GuideTree) Has(obj any, key string) bool { return obj.(gobj).get(key) != nil }

// Set sets key to an object.
func (t *GuideTree) Set(obj any, key string, v any) {
	obj.(gobj).put(guideField{key: key, kind: valueObject, val: v.(gobj)})
}

// SetScalar sets key to a JSON string, or a JSON number when number is set.
func (t *GuideTree) SetScalar(obj any, key, text string, number bool) {
	f := guideField{key: key, kind: valueString, text: text}
	if number {
		f.kind = valueNumber
	}
	obj.(gobj).put(f)
}

// Push appends v (an object, or a Scalar) to the array under key,
// making the array at the first push.
func (t *GuideTree) Push(obj any, key string, v any) {
	o := obj.(gobj)
	if f := o.get(key); f != nil && f.kind == valueArray {
		items := f.val.(*[]any)
		*items = append(*items, v)
		return
	}
	items := &t.arrays.take(1)[:1][0]
	*items = append((*items)[:0], v)
	o.put(guideField{key: key, kind: valueArray, val: items})
}

// Scalar is a JSON string or number as an array item.
func (t *GuideTree) Scalar(text string, number bool) any {
	f := guideField{kind: valueString, text: text}
	if number {
		f.kind = valueNumber
	}
	return f.value()
}

// blocks hands out room for values from blocks of blockSize, kept to be
// handed out again after a reset.
type blocks[T any] struct {
	list [][]T
	cur  int // the block being handed out from
	used int // how much of it is handed out
}

const blockSize = 256

// take is an empty slice with room for n values (a capacity of n: an
// append past it moves out of the block, never into a neighbour's room).
func (b *blocks[T]) take(n int) []T {
	if n > blockSize/4 {
		return make([]T, 0, n)
	}
	if b.cur < len(b.list) && b.used+n > blockSize {
		b.cur, b.used = b.cur+1, 0
	}
	if b.cur == len(b.list) {
		b.list = append(b.list, make([]T, blockSize))
	}
	room := b.list[b.cur][b.used : b.used : b.used+n]
	b.used += n
	return room
}

func (b *blocks[T]) reset() { b.cur, b.used = 0, 0 }
