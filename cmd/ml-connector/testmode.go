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
	kind := string(d.SetOf()) // 860 for a PO's change order
	if d.Purpose != "" && d.Purpose != core.PurposeOriginal {
		kind += "/" + d.Purpose // 850/05 replacement, 850/01 cancellation, 860/04 change
	}
	if d.Test {
		return kind + " test"
	}
	return kind
}

func nonNil(cs []store.StateCount) []store.StateCount {
	if cs == nil {
		return []store.StateCount{}
	}
	return cs
}
