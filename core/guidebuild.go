package core

// GuideTree builds the tree Read855Value, Read856Value and Read997Value
// take, for a caller that has an inbound set's segments rather than its
// Guide JSON text (inspect reading X12, through x12.ToGuideTreeTolerant,
// which walks the x12 guide tables and so names every key): the text is
// never written only to be parsed back. Objects are opaque to the caller.
type GuideTree struct{}

// Object is a new, empty object; size is a hint of its fields.
func (GuideTree) Object(size int) any { return &guideObject{fields: make([]guideField, 0, size)} }

// Has reports a field under key.
func (GuideTree) Has(obj any, key string) bool { return obj.(gobj).get(key) != nil }

// Set sets key to an object.
func (GuideTree) Set(obj any, key string, v any) {
	obj.(gobj).put(guideField{key: key, kind: valueObject, val: v.(gobj)})
}

// SetScalar sets key to a JSON string, or a JSON number when number is set.
func (GuideTree) SetScalar(obj any, key, text string, number bool) {
	f := guideField{key: key, kind: valueString, text: text}
	if number {
		f.kind = valueNumber
	}
	obj.(gobj).put(f)
}

// Push appends v (an object, or a Scalar) to the array under key,
// making the array at the first push.
func (GuideTree) Push(obj any, key string, v any) {
	o := obj.(gobj)
	if f := o.get(key); f != nil && f.kind == valueArray {
		items := f.val.(*[]any)
		*items = append(*items, v)
		return
	}
	o.put(guideField{key: key, kind: valueArray, val: &[]any{v}})
}

// Scalar is a JSON string or number as an array item.
func (GuideTree) Scalar(text string, number bool) any {
	f := guideField{kind: valueString, text: text}
	if number {
		f.kind = valueNumber
	}
	return f.value()
}
