package x12

import "encoding/json"

// ToGuideValueTolerant is ToGuideJSONTolerant's Guide JSON as the tree
// encoding/json would decode it with UseNumber (map[string]any, []any,
// string, json.Number), for a reader that would only decode the text
// again (core.Read855Value, core.Read856Value). Key order, which a map
// does not keep, is not needed there.
func ToGuideValueTolerant(t Transaction, maxSkips int) (any, []Skipped, error) {
	root, skipped, err := toGuideTolerant(t, maxSkips)
	if err != nil {
		return nil, skipped, err
	}
	return treeValue(root), skipped, nil
}

func treeValue(v jsonValue) any {
	switch v := v.(type) {
	case *jsonObject:
		m := make(map[string]any, len(v.keys))
		for k, e := range v.vals {
			m[k] = treeValue(e)
		}
		return m
	case *jsonArray:
		out := make([]any, len(*v))
		for i, e := range *v {
			out[i] = treeValue(e)
		}
		return out
	case jsonText:
		return string(v)
	case jsonRaw:
		return json.Number(v) // numbers are the only raw values the writer makes
	}
	return nil
}
