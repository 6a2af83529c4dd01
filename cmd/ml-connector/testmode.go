package main

import (
	"fmt"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// modeFilter reads list's --mode: test or production.
func modeFilter(s string) (*bool, error) {
	test := s == "test"
	if !test && s != "production" {
		return nil, fmt.Errorf("--mode is test or production, not %q", s)
	}
	return &test, nil
}

// kindLabel marks test documents in listings ("850 test").
func kindLabel(d core.Document) string {
	if d.Test {
		return string(d.Kind) + " test"
	}
	return string(d.Kind)
}

func nonNil(cs []store.StateCount) []store.StateCount {
	if cs == nil {
		return []store.StateCount{}
	}
	return cs
}
