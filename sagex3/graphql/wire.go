package graphql

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Local menu values as enums: menu 1 (1 = no, 2 = yes), menu 279
// (LINSTA: 1 pending, 2 late, 3 closed) and menu 280 (RCPFLG: 1 no, 2 in
// part, 3 in full, 4 not managed, 5 yes automatic; sagex3-api.md §3.1).
var (
	yesNoValues       = []string{"no", "yes"}
	lineStatusValues  = []string{"pending", "late", "closed"}
	orderStatusValues = []string{"no", "inPart", "inFull", "notManaged", "yesAutomatic"}
)

// menuToEnum accepts the menu number X3 stores (1-based) or the enum name.
func menuToEnum(raw json.RawMessage, names []string) (any, error) {
	var name string
	if json.Unmarshal(raw, &name) == nil {
		for _, n := range names {
			if strings.EqualFold(n, name) {
				return n, nil
			}
		}
	}
	var n int
	if json.Unmarshal(raw, &n) == nil && n >= 1 && n <= len(names) {
		return names[n-1], nil
	}
	return nil, fmt.Errorf("must be a local menu value from 1 to %d or one of %s", len(names), strings.Join(names, ", "))
}

// menuEnum reads an enum (or a number) back into the X3 menu value.
type menuEnum struct {
	names []string
	value int
}

func (m *menuEnum) decode(raw json.RawMessage) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var name string
	if json.Unmarshal(raw, &name) == nil {
		for i, n := range m.names {
			if strings.EqualFold(n, name) {
				m.value = i + 1
				return nil
			}
		}
		if v, err := strconv.Atoi(name); err == nil {
			m.value = v
			return nil
		}
		return fmt.Errorf("unknown value %q", name)
	}
	return json.Unmarshal(raw, &m.value)
}
