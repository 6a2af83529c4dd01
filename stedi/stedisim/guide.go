package stedisim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// node is a decoded Guide JSON object: a transaction, a section, a loop
// iteration or a segment.
type node = map[string]any

func decodeNode(raw []byte) (node, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var n node
	if err := dec.Decode(&n); err != nil {
		return nil, fmt.Errorf("not a Guide JSON object: %w", err)
	}
	return n, nil
}

// keyID returns the segment ID a Guide JSON key names and whether the key is
// a loop: the first upper-case token is the ID ("baseline_item_data_PO1_loop"
// → PO1, loop), which also covers guide variants such as
// "party_identification_N1_loop_ship_to" or "reference_information_REF_memo_field".
func keyID(key string) (id string, loop bool) {
	for rest := key; rest != ""; {
		var t string
		t, rest, _ = strings.Cut(rest, "_")
		if isSegmentID(t) {
			return t, rest == "loop" || strings.HasPrefix(rest, "loop_")
		}
	}
	return "", false
}

func isSegmentID(t string) bool {
	if len(t) < 2 || len(t) > 3 || t[0] < 'A' || t[0] > 'Z' {
		return false
	}
	for i := 1; i < len(t); i++ {
		if !(t[i] >= 'A' && t[i] <= 'Z' || t[i] >= '0' && t[i] <= '9') {
			return false
		}
	}
	return true
}

// objects flattens a segment or loop value, which is an object or an array
// of objects depending on the guide, into a list of objects.
func objects(v any) []node {
	switch v := v.(type) {
	case node:
		return []node{v}
	case []any:
		var out []node
		for _, e := range v {
			if o, ok := e.(node); ok {
				out = append(out, o)
			}
		}
		return out
	}
	return nil
}

// find returns every segment (loop false) or loop iteration (loop true) of
// segment id directly inside n, across guide variants. Variant keys are
// visited in sorted order so that "PO1 loop 2" names the same loop on every
// run.
func find(n node, id string, loop bool) []node {
	var keys []string
	for k := range n {
		if kid, kloop := keyID(k); kid == id && kloop == loop {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // usually one key: cheap
	var out []node
	for _, k := range keys {
		out = append(out, objects(n[k])...)
	}
	return out
}

// first returns the first of find's results, or nil.
func first(nodes []node) node {
	if len(nodes) == 0 {
		return nil
	}
	return nodes[0]
}

// section returns heading, detail or summary (nil if absent).
func section(tx node, name string) node {
	s, _ := tx[name].(node)
	return s
}

// element returns the value of element pos in seg, whatever the element's
// name in this release ("quantity_02" in 005010, "quantity_ordered_02" in
// 004010).
func element(seg node, pos int) any {
	suffix := "_" + strconv.Itoa(pos/10) + strconv.Itoa(pos%10)
	for k, v := range seg {
		if strings.HasSuffix(k, suffix) {
			return v
		}
	}
	return nil
}

// present reports whether an element has a value: not absent, null or "".
func present(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(v) != ""
	case node:
		return len(v) > 0
	}
	return true
}

// text renders a scalar element as a string; "" for absent or null.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

// number reads a numeric element sent as a JSON number or as a numeric
// string ("0008"): Stedi accepts both, depending on the guide.
func number(v any) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(text(v)), 64)
	return f, err == nil
}
