package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/inspect"
)

// runInspect is `ml-connector inspect FILE [--config F]`: what an X12 file
// (any sets, any number of interchanges, read as it streams) or an 855/856
// Guide JSON file says, as JSON; with an explicit --config, each 855's and
// 856's X3 update resolved against the PO as X3 holds it now. Nothing is
// written anywhere.
func runInspect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("inspect", stderr)
	c.register(fs)
	if err := fs.Parse(reorderArgs(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: ml-connector inspect FILE [--config F]")
	}
	var opt inspect.Options
	withX3 := false
	fs.Visit(func(f *flag.Flag) { withX3 = withX3 || f.Name == "config" })
	if withX3 {
		resolve, err := x3Resolver(c)
		if err != nil {
			return err
		}
		opt.Resolve = resolve
	}
	// Reading a large file allocates much and keeps little (a few MiB
	// live): collect garbage when the heap has grown eightfold rather
	// than doubled, which spends less time collecting, but at the latest
	// at 192 MiB, so that a large 855 or 856 read whole does not take the
	// heap past inspect's memory target (bench/inspect_test.go measures
	// both). On the 50 MB mixed file, eightfold rather than fourfold cut
	// 3 % of the instructions and added 13 MiB of peak memory.
	defer debug.SetGCPercent(debug.SetGCPercent(800))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(192 << 20))
	return inspect.File(ctx, fs.Arg(0), stdout, opt)
}

// x3Resolver reads each PO from X3 and resolves the updates against it:
// the patch that would be written, or why it would not. Nothing is written.
func x3Resolver(c commonFlags) (inspect.Resolver, error) {
	cfg, err := loadConfig(c.config)
	if err != nil {
		return nil, err
	}
	x3, _, err := newClients(cfg, nil, nil)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, updates []core.POUpdate) (patches []core.Patch, problems []string) {
		for _, u := range updates {
			po, err := x3.PurchaseOrder(ctx, u.PONumber)
			if err != nil {
				problems = append(problems, fmt.Sprintf("PO %s: %s", u.PONumber, err))
				continue
			}
			// Shipments recorded in the database are not counted here.
			patch, err := u.Resolve(po, core.CurrentValues(po), core.History{}, cfg.MapConfig())
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			patches = append(patches, patch)
		}
		return patches, problems
	}, nil
}
