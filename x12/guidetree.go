package x12

// GuideTree is what the walk of a set against its Guide JSON table
// builds: the ordered tree ToGuideJSON writes out as text, or the tree a
// reader takes directly (core.GuideTree), which spares writing the text
// only to parse it back. The walk names every key (the tables here are
// the one source of the key names); objects are opaque to it.
type GuideTree interface {
	Object(size int) any // a new object, size a hint of its fields
	Has(obj any, key string) bool
	Set(obj any, key string, v any)                   // v an object
	SetScalar(obj any, key, text string, number bool) // a JSON string, or a number
	Push(obj any, key string, v any)                  // appends v (an object or a Scalar) to the array under key
	Scalar(text string, number bool) any              // an array item
}

// orderedTree builds *jsonObject, whose key order is segment order.
type orderedTree struct{}

func (orderedTree) Object(int) any                 { return newObject() }
func (orderedTree) Has(obj any, key string) bool   { return obj.(*jsonObject).has(key) }
func (orderedTree) Set(obj any, key string, v any) { obj.(*jsonObject).set(key, v.(jsonValue)) }
func (orderedTree) Push(obj any, key string, v any) {
	obj.(*jsonObject).push(key, v.(jsonValue))
}

func (t orderedTree) SetScalar(obj any, key, text string, number bool) {
	obj.(*jsonObject).set(key, t.Scalar(text, number).(jsonValue))
}

func (orderedTree) Scalar(text string, number bool) any {
	if number {
		return jsonRaw(text)
	}
	return jsonString(text)
}
