package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/render"
	"github.com/mlconnector/ml-connector/store"
)

// runReplay is `ml-connector replay ID... | --all-failed`: failed
// documents back to the queue. Each ID that is not replayed is named with
// the reason; an ID that does not exist makes the exit status non-zero.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("replay", stderr)
	c.register(fs)
	all := fs.Bool("all-failed", false, "replay every document in the failed queue")
	asJSON := fs.Bool("json", false, "machine-readable output")
	if err := parseAnywhere(fs, args); err != nil {
		return err
	}
	ids, err := documentIDArgs(fs.Args())
	if err != nil {
		return err
	}
	if *all == (len(ids) > 0) {
		return fmt.Errorf("replay takes document IDs or --all-failed")
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	var plan idPlan
	if *all {
		plan, err = planAllFailed(ctx, db)
	} else {
		plan, err = planIDs(ctx, db, ids, whyNotReplayable)
	}
	if err == nil {
		err = skipRefusedByPartner(ctx, db, &plan)
	}
	if err != nil {
		return err
	}
	n, err := db.Replay(ctx, plan.ids, operator("cli"))
	if err != nil {
		return err
	}
	return errors.Join(reportReplay(stdout, *asJSON, n, plan), plan.missingErr())
}

// reportReplay says how many documents went back to the queue, and why
// the others did not.
func reportReplay(w io.Writer, asJSON bool, n int, plan idPlan) error {
	if asJSON {
		return writeJSON(w, map[string]any{"replayed": n, "requested": plan.requested, "skipped": plan.skipped,
			"missing": plan.missing})
	}
	fmt.Fprintf(w, "%d of %d document(s) returned to the queue", n, plan.requested)
	if n > 0 {
		fmt.Fprint(w, "; a running engine takes them up within a second")
	}
	fmt.Fprintln(w, ".")
	plan.print(w, len(plan.ids)-n)
	return nil
}

// whyNotReplayable says why a document cannot be replayed, "" when it can.
func whyNotReplayable(d core.Document) string {
	switch {
	case d.State != core.StateFailed:
		return fmt.Sprintf("document %d (%s %s) is %s, not in the failed queue: nothing to replay", d.ID, d.Kind, render.Line(d.PONumber), d.State)
	case d.Kind == core.KindStediFile:
		return fileNote(d.ID)
	}
	return ""
}

// fileNote explains a failed Stedi file, which no replay can help.
func fileNote(id int64) string {
	return fmt.Sprintf("document %d is a file Stedi could not process (file.failed.v2): there is no transaction to replay here. "+
		"Once it is fixed at Stedi or resent by the partner, `%s dismiss %d` takes it out of the failed queue", id, commandName(), id)
}

// planAllFailed is every replayable document of the failed queue; failed
// Stedi files are counted apart.
func planAllFailed(ctx context.Context, db *store.DB) (idPlan, error) {
	failed, err := db.FailedIDs(ctx)
	if err != nil {
		return idPlan{}, err
	}
	ids, err := db.FailedMatching(ctx, store.Match{}, len(failed)+1)
	if err != nil {
		return idPlan{}, err
	}
	p := idPlan{ids: ids, requested: len(ids), skipped: []string{}, missing: []int64{}}
	if files := len(failed) - len(ids); files > 0 {
		p.skipped = append(p.skipped, fmt.Sprintf("%d failed Stedi file(s) cannot be replayed (`%s list --kind file --state failed`); "+
			"once dealt with at Stedi, `%s dismiss ID` takes each out of the failed queue", files, commandName(), commandName()))
	}
	return p, nil
}

// skipRefusedByPartner takes out of the plan the documents a partner's
// 997 refused: the same content would be refused again, so the store does
// not replay them; a fix in Sage X3 queues a new revision instead.
func skipRefusedByPartner(ctx context.Context, db *store.DB, p *idPlan) error {
	var keep []int64
	for chunk := range slices.Chunk(p.ids, 500) {
		tracks, err := db.Tracking(ctx, chunk...)
		if err != nil {
			return err
		}
		for _, id := range chunk {
			if t, ok := tracks[id]; ok && core.Rejected(t.FAStatus) {
				p.skipped = append(p.skipped, fmt.Sprintf("document %d was refused by the partner's 997 (status %s): "+
					"fix the record in Sage X3, which queues a new revision; the same content would be refused again", id, t.FAStatus))
				continue
			}
			keep = append(keep, id)
		}
	}
	p.ids = keep
	return nil
}

func documentIDArgs(args []string) ([]int64, error) {
	ids := make([]int64, 0, len(args))
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("document ID %q is not a number", a)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
