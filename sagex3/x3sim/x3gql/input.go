package x3gql

import (
	"encoding/json"
	"strconv"
)

// inputData reads the values of a mutation's data, already validated by
// graphql-go against its *_Input type: strings, numbers (literals arrive
// as int32 or float64, variables as float64) and lists of objects.
type inputData map[string]any

func inputOf(in gqlInput) inputData { return inputData(in) }

func (d inputData) text(name string) string {
	s, _ := d[name].(string)
	return s
}

func (d inputData) number(name string) float64 {
	switch v := d[name].(type) {
	case float64:
		return v
	case int32:
		return float64(v)
	case int:
		return float64(v)
	case json.Number:
		f, _ := v.Float64()
		return f
	case string:
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	return 0
}

func (d inputData) integer(name string) int { return int(d.number(name)) }

func (d inputData) list(name string) []inputData {
	items, _ := d[name].([]any)
	out := make([]inputData, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
