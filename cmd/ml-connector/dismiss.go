package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/render"
)

// runDismiss is `ml-connector dismiss ID... [--reason TEXT]`: failed Stedi
// files (file.failed.v2, which no replay can help) acknowledged by an
// operator and taken out of the failed queue, its count and its metric.
// The audit trail keeps who did it and why.
func runDismiss(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("dismiss", stderr)
	c.register(fs)
	reason := fs.String("reason", "", "why, for the audit trail (e.g. \"partner resent it as 12345\")")
	asJSON := fs.Bool("json", false, "machine-readable output")
	if err := parseAnywhere(fs, args); err != nil {
		return err
	}
	ids, err := documentIDArgs(fs.Args())
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return errors.New("dismiss takes the IDs of failed Stedi files (list --kind file --state failed shows them)")
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	plan, err := planIDs(ctx, db, ids, whyNotDismissable)
	if err != nil {
		return err
	}
	done, err := db.Dismiss(ctx, plan.ids, operator("cli"), *reason)
	if err != nil {
		return err
	}
	if *asJSON {
		err = writeJSON(stdout, map[string]any{"dismissed": done, "requested": plan.requested, "skipped": plan.skipped,
			"missing": plan.missing})
	} else {
		fmt.Fprintf(stdout, "%d of %d document(s) dismissed from the failed queue (recorded in the audit trail).\n", len(done), plan.requested)
		plan.print(stdout, len(plan.ids)-len(done))
	}
	return errors.Join(err, plan.missingErr())
}

// whyNotDismissable says why a document cannot be dismissed, "" when it can.
func whyNotDismissable(d core.Document) string {
	switch {
	case d.State != core.StateFailed:
		return fmt.Sprintf("document %d (%s %s) is %s, not in the failed queue", d.ID, d.Kind, render.Line(d.PONumber), d.State)
	case d.Kind != core.KindStediFile:
		return fmt.Sprintf("document %d is a failed %s: fix its cause and replay it (`%s replay %d`); "+
			"only files Stedi could not process are dismissed", d.ID, d.Kind, commandName(), d.ID)
	}
	return ""
}
