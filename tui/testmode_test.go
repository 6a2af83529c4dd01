package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/mlconnector/ml-connector/core"
)

// Test documents are told apart wherever a document is named.
func TestTestDocumentsAreMarked(t *testing.T) {
	test := core.Document{ID: 7, Kind: core.Kind855, Revision: 1, State: core.StateHeld, Test: true}
	prod := core.Document{ID: 8, Kind: core.Kind855, Revision: 1, State: core.StateApplied}
	if got := ansi.Strip(kindCell(test)); got != "855T" {
		t.Errorf("kind cell of a test document %q", got)
	}
	if got := kindCell(prod); got != "855" {
		t.Errorf("kind cell of a production document %q", got)
	}
	if got := docLabel(test); !strings.HasSuffix(got, "TEST") || strings.Contains(docLabel(prod), "TEST") {
		t.Errorf("labels %q / %q", got, docLabel(prod))
	}
}
