package core

import (
	"fmt"
	"slices"
	"strings"
)

// StateDismissed is a failed document an operator acknowledged without a
// replay: a file Stedi could not process, dealt with at Stedi or by the
// partner. It leaves the failed queue and stays in the audit trail.
const StateDismissed State = "dismissed"

// Kinds lists every kind of document, for filters and their errors.
var Kinds = []Kind{Kind850, Kind860, Kind810, Kind855, Kind856, Kind997, Kind999, KindStediFile, KindChange, KindTransaction}

// ParseKinds reads a comma-separated list of kinds ("850,810"), refusing
// an unknown one with the list of valid ones.
func ParseKinds(s string) ([]Kind, error) { return parseNames(s, "kind", Kinds) }

// ParseStates reads a comma-separated list of states ("failed,retrying"),
// refusing an unknown one with the list of valid ones.
func ParseStates(s string) ([]State, error) {
	return parseNames(s, "state", States)
}

func parseNames[T ~string](s, what string, valid []T) ([]T, error) {
	var out []T
	for _, part := range strings.Split(s, ",") {
		v := T(strings.ToLower(strings.TrimSpace(part)))
		if v == "" {
			continue
		}
		if !slices.Contains(valid, v) {
			names := make([]string, len(valid))
			for i, n := range valid {
				names[i] = string(n)
			}
			return nil, fmt.Errorf("unknown %s %q: valid are %s", what, string(v), strings.Join(names, ", "))
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no %s given", what)
	}
	return out, nil
}
