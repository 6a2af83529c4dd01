package graphql

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// selection builds a GraphQL selection set from property paths:
// "a.b.c" and "a.d" become "a { b { c } d }". Paths keep their order.
func selection(paths []string) string {
	type node struct {
		name     string
		children []*node
	}
	root := &node{}
	for _, p := range paths {
		cur := root
		for _, seg := range strings.Split(p, ".") {
			var next *node
			for _, c := range cur.children {
				if c.name == seg {
					next = c
				}
			}
			if next == nil {
				next = &node{name: seg}
				cur.children = append(cur.children, next)
			}
			cur = next
		}
	}
	var b strings.Builder
	var write func(n *node)
	write = func(n *node) {
		for i, c := range n.children {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(c.name)
			if len(c.children) > 0 {
				b.WriteString(" { ")
				write(c)
				b.WriteString(" }")
			}
		}
	}
	write(root)
	return b.String()
}

// gqlLiteral writes s as a GraphQL string literal (JSON's escapes are
// GraphQL's).
func gqlLiteral(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// gqlRecord reads the properties of one node by X3 column key, through
// the configured paths; a property not asked for reads as empty.
type gqlRecord struct {
	m     map[string]any
	names Names
}

func decodeRecord(raw json.RawMessage, names Names) (gqlRecord, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return gqlRecord{}, fmt.Errorf("the node is not a JSON object")
	}
	return gqlRecord{m: m, names: names}, nil
}

// at follows a path of object fields; nil when any step is absent.
func at(v any, path string) any {
	for _, seg := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[seg]
	}
	return v
}

func (r gqlRecord) value(key string) any { return at(r.m, r.names.Properties[key]) }

func (r gqlRecord) text(key string) string {
	switch v := r.value(key).(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

func (r gqlRecord) number(key string) (float64, error) {
	switch v := r.value(key).(type) {
	case nil:
		return 0, nil
	case json.Number:
		return v.Float64()
	case string:
		if v == "" {
			return 0, nil
		}
		return strconv.ParseFloat(v, 64)
	}
	return 0, fmt.Errorf("%s is not a number", r.names.Properties[key])
}

// menu reads a local menu value from its enum name (or number).
func (r gqlRecord) menu(key string, names []string) (int, error) {
	raw, _ := json.Marshal(r.value(key))
	m := menuEnum{names: names}
	if err := m.decode(raw); err != nil {
		return 0, fmt.Errorf("%s: %w", r.names.Properties[key], err)
	}
	return m.value, nil
}

// firstName reads a list of names (BPRNAM) and returns the first.
func (r gqlRecord) firstName(key string) string {
	list, _ := r.value(key).([]any)
	if len(list) == 0 {
		return r.text(key)
	}
	s, _ := list[0].(string)
	return s
}

// lines reads the nodes of a line collection (collection.query.edges[].node);
// more is true when the collection has further pages.
func (r gqlRecord) lines(collection string) (lines []gqlRecord, more bool) {
	conn := at(r.m, collection+".query")
	edges, _ := at(conn, "edges").([]any)
	for _, e := range edges {
		if n, ok := at(e, "node").(map[string]any); ok {
			lines = append(lines, gqlRecord{m: n, names: r.names})
		}
	}
	more, _ = at(conn, "pageInfo.hasNextPage").(bool)
	return lines, more
}

// errs keeps the first decoding error of several reads.
type errs struct{ err error }

func (e *errs) num(v float64, err error) float64 {
	if e.err == nil && err != nil {
		e.err = err
	}
	return v
}

func (e *errs) int(v int, err error) int {
	if e.err == nil && err != nil {
		e.err = err
	}
	return v
}
