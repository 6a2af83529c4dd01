package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// record is one api1 resource ($details, $edit, a $query row, a child
// line) with its properties undecoded, so that the configured names pick
// what the connector reads.
type record map[string]json.RawMessage

func decodeResource(body []byte) (record, error) {
	var r record
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, err
	}
	if r == nil {
		return nil, errors.New("the answer is not a JSON object")
	}
	return r, nil
}

// text reads a string property; a number is taken as its digits, and an
// absent or null property is "".
func (r record) text(prop string) (string, error) {
	raw, ok := r[prop]
	if !ok || isNull(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("%s is not a string: %s", prop, raw)
}

// number reads a numeric property: a JSON number, a numeric string, or
// absent, null or "" (zero), since SData payloads quote decimals or not.
func (r record) number(prop string) (float64, error) {
	raw, ok := r[prop]
	if !ok {
		return 0, nil
	}
	var n x3Number
	if err := n.UnmarshalJSON(raw); err != nil {
		return 0, fmt.Errorf("%s: %w", prop, err)
	}
	return float64(n), nil
}

// firstName reads an array column such as BPRNAM(2), or a single string.
func (r record) firstName(prop string) (string, error) {
	raw, ok := r[prop]
	if !ok || isNull(raw) {
		return "", nil
	}
	var names x3Names
	if err := names.UnmarshalJSON(raw); err != nil {
		return "", fmt.Errorf("%s must be a string or an array of strings", prop)
	}
	return names.first(), nil
}

// value decodes a property as it is, numbers kept exact; ok is false when
// the record does not have it.
func (r record) value(prop string) (any, bool) {
	raw, ok := r[prop]
	if !ok {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	return v, true
}

// lines reads a child collection. A record without the collection is an
// error that names the collections it does have: the configured name is
// wrong for this site (or this representation lacks the lines).
func (r record) lines(collection, key string) ([]record, error) {
	raw, ok := r[collection]
	if !ok {
		return nil, fmt.Errorf("the record has no line collection %s (x3.rest.%s); its collections: %s",
			collection, key, orNone(r.collections()))
	}
	var out []record
	if isNull(raw) {
		return out, nil
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("line collection %s is not an array of objects", collection)
	}
	return out, nil
}

// collections lists the properties holding arrays of objects.
func (r record) collections() []string {
	var out []string
	for k, raw := range r {
		var probe []map[string]json.RawMessage
		if !strings.HasPrefix(k, "$") && json.Unmarshal(raw, &probe) == nil && len(bytes.TrimSpace(raw)) > 0 && raw[0] == '[' {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// x3Number accepts a JSON number, a numeric string or null/"" (zero), since
// SData payloads are not consistent about quoting decimals.
type x3Number float64

func (n *x3Number) UnmarshalJSON(b []byte) error {
	s := string(b)
	if unquoted, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unquoted)
	}
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number: %s", b)
	}
	*n = x3Number(f)
	return nil
}

// x3Names holds an array column such as BPRNAM(2); a single string is
// accepted too.
type x3Names []string

func (n *x3Names) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*n = x3Names{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("must be a string or an array of strings")
	}
	*n = many
	return nil
}

func (n x3Names) first() string {
	if len(n) == 0 {
		return ""
	}
	return n[0]
}
