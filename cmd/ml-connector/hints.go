package main

import (
	"os"
	"path/filepath"
	"strings"
)

// commandName is how the operator ran this program, for the commands a
// hint suggests: "bin/ml-connector" after make, "ml-connector" once on the
// PATH.
func commandName() string {
	wd, _ := os.Getwd()
	return commandNameOf(os.Args[0], wd)
}

// commandNameOf is commandName for a given argv[0] and working directory.
// A program of another name (a test binary) gets the product's name.
func commandNameOf(arg0, wd string) string {
	base := filepath.Base(arg0)
	switch {
	case !strings.HasPrefix(base, "ml-connector") || strings.HasSuffix(base, ".test"):
		return "ml-connector"
	case !strings.ContainsRune(arg0, filepath.Separator):
		return arg0 // found on the PATH
	}
	rel, err := filepath.Rel(wd, arg0)
	switch {
	case err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)):
		return arg0
	case !strings.ContainsRune(rel, filepath.Separator):
		return "." + string(filepath.Separator) + rel
	}
	return rel
}
