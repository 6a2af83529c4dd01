package core

// GuideTree builds the tree Read855Value, Read856Value and Read997Value
// take, for a caller that has an inbound set's segments rather than its
// Guide JSON text (inspect reading X12, through x12.ToGuideTreeTolerant,
// which walks the x12 guide tables and so names every key): the text is
// never written only to be parsed back. Objects are opaque to the caller.
//
// A tree is read once and dropped, and has an object for every segment:
// a GuideTree hands out objects, fields and arrays from blocks it
// allocates a few hundred at a time rather than one by one. Use a new
// one (the zero value) for each tree.
type GuideTree struct {
	objects []guideObject
	fields  []guideField
	arrays  [][]any
}

// blockSize is how many objects, fields or arrays a block holds.
const blockSize = 256

// Object is a new, empty object; size is a hint of its fields.
func (t *GuideTree) Object(size int) any {
	if len(t.objects) == cap(t.objects) {
		t.objects = make([]guideObject, 0, blockSize)
	}
	t.objects = t.objects[:len(t.objects)+1]
	o := &t.objects[len(t.objects)-1]
	o.fields = t.fieldSpace(size)
	return o
}

// fieldSpace is an empty slice with room for n fields; appending past n
// moves the object's fields out of the block.
func (t *GuideTree) fieldSpace(n int) []guideField {
	if n > blockSize/4 {
		return make([]guideField, 0, n)
	}
	if cap(t.fields)-len(t.fields) < n {
		t.fields = make([]guideField, 0, blockSize)
	}
	start := len(t.fields)
	t.fields = t.fields[:start+n]
	return t.fields[start : start : start+n]
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
	if len(t.arrays) == cap(t.arrays) {
		t.arrays = make([][]any, 0, blockSize/4)
	}
	t.arrays = append(t.arrays, []any{v})
	o.put(guideField{key: key, kind: valueArray, val: &t.arrays[len(t.arrays)-1]})
}

// Scalar is a JSON string or number as an array item.
func (t *GuideTree) Scalar(text string, number bool) any {
	f := guideField{kind: valueString, text: text}
	if number {
		f.kind = valueNumber
	}
	return f.value()
}
