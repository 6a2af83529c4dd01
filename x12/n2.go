package x12

import (
	"fmt"
	"strings"
)

// n2Positions lists the N2 elements (two implied decimals, x12.md §1.3) of
// the segments the connector writes: TDS01–04, SAC05, CSH03. ToGuideJSON
// reads the same types from elementNames.
var n2Positions = map[string][]int{
	"TDS": {1, 2, 3, 4},
	"SAC": {5},
	"CSH": {3},
}

// scaleN2 turns the real values Guide JSON carries for N2 elements into
// their X12 form (37.5 → 3750, 2554.38 → 255438), as Stedi does when it
// generates X12. A value with more than two decimals cannot be written as
// N2 and is an error rather than silently rounded.
func scaleN2(id string, elems []string) ([]string, error) {
	for _, pos := range n2Positions[id] {
		if pos > len(elems) || elems[pos-1] == "" {
			continue
		}
		v, err := n2Text(elems[pos-1])
		if err != nil {
			return nil, fmt.Errorf("%s%02d: %w", id, pos, err)
		}
		elems[pos-1] = v
	}
	return elems, nil
}

// n2Text scales a decimal text by 100 without going through a float.
func n2Text(s string) (string, error) {
	num, err := formatNumber(s)
	if err != nil {
		return "", fmt.Errorf("N2 value %q is not a number", s)
	}
	neg := strings.HasPrefix(num, "-")
	ip, fp, _ := strings.Cut(strings.TrimPrefix(num, "-"), ".")
	if len(fp) > 2 {
		return "", fmt.Errorf("N2 value %q has more than two decimals", s)
	}
	out := strings.TrimLeft(ip+fp+strings.Repeat("0", 2-len(fp)), "0")
	if out == "" {
		return "0", nil
	}
	if neg {
		out = "-" + out
	}
	return out, nil
}
