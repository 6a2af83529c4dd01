package main

import (
	"os"
	"strings"
	"testing"
)

// The Stedi simulator reads ML_WEBHOOK_SECRET when it starts: the README
// once started it first, and every delivery was refused.
func TestReadme_SecretsAreExportedBeforeTheSimulatorsStart(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	export := strings.Index(readme, "export ML_X3_PASSWORD=demo ML_STEDI_API_KEY=demo ML_WEBHOOK_SECRET=")
	stedi := strings.Index(readme, "bin/ml-connector sim stedi --listen")
	x3 := strings.Index(readme, "bin/ml-connector sim x3 --listen")
	if export < 0 || stedi < 0 || x3 < 0 {
		t.Fatalf("the README no longer shows the simulator walk-through (export %d, sim stedi %d, sim x3 %d)", export, stedi, x3)
	}
	if export > stedi || export > x3 {
		t.Error("the README starts a simulator before exporting the secrets it reads at start")
	}
}
