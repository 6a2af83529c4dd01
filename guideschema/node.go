package guideschema

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mlconnector/ml-connector/core"
)

// node is one subschema seen through its $ref and allOf: guides declare
// segment properties directly, and may share definitions by reference.
type node struct{ s *jsonschema.Schema }

// parts is the subschema and everything it includes.
func (n node) parts() []*jsonschema.Schema {
	var out []*jsonschema.Schema
	var walk func(s *jsonschema.Schema, depth int)
	walk = func(s *jsonschema.Schema, depth int) {
		if s == nil || depth > 16 || slices.Contains(out, s) {
			return
		}
		out = append(out, s)
		walk(s.Ref, depth+1)
		for _, a := range s.AllOf {
			walk(a, depth+1)
		}
	}
	walk(n.s, 0)
	return out
}

func (n node) Keys() []string {
	var keys []string
	for _, p := range n.parts() {
		for k := range p.Properties {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

func (n node) Property(key string) core.GuideNode {
	for _, p := range n.parts() {
		if s, ok := p.Properties[key]; ok {
			return node{s}
		}
	}
	return nil
}

func (n node) IsArray() bool {
	for _, p := range n.parts() {
		if p.Types != nil && slices.Contains(p.Types.ToStrings(), "array") {
			return true
		}
	}
	return false
}

func (n node) Items() core.GuideNode {
	for _, p := range n.parts() {
		if p.Items2020 != nil {
			return node{p.Items2020}
		}
		if s, ok := p.Items.(*jsonschema.Schema); ok {
			return node{s}
		}
	}
	return nil
}

func (n node) Enum() []string {
	for _, p := range n.parts() {
		switch {
		case p.Enum != nil:
			out := make([]string, len(p.Enum.Values))
			for i, v := range p.Enum.Values {
				out[i] = text(v)
			}
			return out
		case p.Const != nil:
			return []string{text(*p.Const)}
		}
	}
	return nil
}

func (n node) Types() []string {
	for _, p := range n.parts() {
		if p.Types != nil && !p.Types.IsEmpty() {
			return p.Types.ToStrings()
		}
	}
	return nil
}

// text renders an enum value as element text.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return fmt.Sprint(v)
}
