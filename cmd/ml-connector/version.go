package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Set by `make release` (and `make build`) through -ldflags -X; empty in
// a plain `go build`, where the build information fills them in.
var (
	version string
	commit  string
	date    string
)

// buildInfo is what `version` prints.
type buildInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuildDate string `json:"build_date"`
	Go        string `json:"go"`
	Platform  string `json:"platform"`
}

// readBuildInfo takes the values set at link time, else those the Go
// toolchain records in the binary (the module version, the VCS revision
// and commit time, "-modified" for uncommitted changes).
func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: commit, BuildDate: date, Go: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, at, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = "-modified"
				}
			}
		}
		if rev != "" {
			rev = rev[:min(12, len(rev))] + modified
		}
		b.Version = cmp.Or(b.Version, bi.Main.Version)
		b.Commit, b.BuildDate = cmp.Or(b.Commit, rev), cmp.Or(b.BuildDate, at)
	}
	b.Version = cmp.Or(b.Version, "(devel)")
	b.Commit, b.BuildDate = cmp.Or(b.Commit, "unknown"), cmp.Or(b.BuildDate, "unknown")
	return b
}

// runVersion is `ml-connector version [--json]` (and `--version`).
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", stderr)
	asJSON := fs.Bool("json", false, "machine-readable output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b := readBuildInfo()
	if *asJSON {
		return writeJSON(stdout, b)
	}
	fmt.Fprintf(stdout, "ml-connector %s\n  commit %s\n  built  %s\n  with   %s %s\n", b.Version, b.Commit, b.BuildDate, b.Go, b.Platform)
	return nil
}
