package x12

import (
	"encoding/json"
	"strings"
)

// guideTree is what guideWriter builds as it walks a set against its
// table: the ordered tree ToGuideJSON writes out as text, or the tree
// encoding/json would decode from that text, which a reader takes
// without the text being written and parsed again. Objects are opaque
// to the walker.
type guideTree interface {
	object(size int) any // a new object, size a hint of its keys
	has(obj any, key string) bool
	set(obj any, key string, v any)
	push(obj any, key string, v any) // appends to the array under key
	elements(seg Segment) (any, error)
}

// orderedTree builds *jsonObject: key order is segment order.
type orderedTree struct{}

func (orderedTree) object(int) any                    { return newObject() }
func (orderedTree) has(obj any, key string) bool      { return obj.(*jsonObject).has(key) }
func (orderedTree) set(obj any, key string, v any)    { obj.(*jsonObject).set(key, v.(jsonValue)) }
func (orderedTree) push(obj any, key string, v any)   { obj.(*jsonObject).push(key, v.(jsonValue)) }
func (orderedTree) elements(seg Segment) (any, error) { return elementsObject(seg) }

// decodedTree builds what encoding/json decodes with UseNumber:
// map[string]any, []any, string and json.Number.
type decodedTree struct{}

func (decodedTree) object(size int) any { return make(map[string]any, size) }

func (decodedTree) has(obj any, key string) bool {
	_, ok := obj.(map[string]any)[key]
	return ok
}

func (decodedTree) set(obj any, key string, v any) { obj.(map[string]any)[key] = v }

func (decodedTree) push(obj any, key string, v any) {
	m := obj.(map[string]any)
	arr, _ := m[key].([]any)
	m[key] = append(arr, v)
}

// elements is elementsObject's object decoded: scalars are converted
// here, the rare repeated or composite element through its jsonValue.
func (decodedTree) elements(seg Segment) (any, error) {
	n := 0
	for _, v := range seg.Elements {
		if v != "" {
			n++
		}
	}
	obj := make(map[string]any, n)
	for i, v := range seg.Elements {
		if v == "" {
			continue
		}
		key, typ := cachedElementKey(seg.ID, i+1)
		if strings.ContainsRune(v, RepetitionMark) || strings.ContainsRune(v, ComponentMark) {
			val, err := elementJSON(v, typ)
			if err != nil {
				return nil, elementError(seg, i, err)
			}
			obj[key] = treeValue(val)
			continue
		}
		if text, number := scalarValue(v, typ); number {
			obj[key] = json.Number(text)
		} else {
			obj[key] = text
		}
	}
	return obj, nil
}
