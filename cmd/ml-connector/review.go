package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// reviewListLimit bounds one listing; the terminal UI pages through more.
const reviewListLimit = 1000

// runReview is `ml-connector review`: the suppliers' changes from 855s
// that wait for a buyer, and the buyer's decisions on them.
func runReview(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("review", stderr)
	c.register(fs)
	asJSON := fs.Bool("json", false, "machine-readable output")
	all := fs.Bool("all", false, "list decided changes too")
	if err := fs.Parse(reorderArgs(args)); err != nil {
		return err
	}
	verb := fs.Arg(0)
	if verb != "" && verb != "accept" && verb != "reject" {
		return fmt.Errorf("review takes no argument, or accept ID, or reject ID (got %q)", verb)
	}
	var id int64
	if verb != "" {
		if fs.NArg() != 2 {
			return fmt.Errorf("review %s takes one change ID, as ml-connector review prints it", verb)
		}
		var err error
		if id, err = strconv.ParseInt(fs.Arg(1), 10, 64); err != nil {
			return fmt.Errorf("change ID %q is not a number", fs.Arg(1))
		}
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	if verb == "" {
		return listReview(ctx, db, *all, *asJSON, stdout)
	}
	return decideReview(ctx, db, id, verb == "accept", *asJSON, stdout)
}

func listReview(ctx context.Context, db *store.DB, all, asJSON bool, w io.Writer) error {
	changes, err := db.ProposedChanges(ctx, all, reviewListLimit)
	if err != nil {
		return err
	}
	if asJSON {
		if changes == nil {
			changes = []core.ProposedChange{}
		}
		return writeJSON(w, changes)
	}
	if len(changes) == 0 {
		what := "No supplier change waits for review."
		if all {
			what = "No supplier has proposed a change."
		}
		_, err := fmt.Fprintln(w, what)
		return err
	}
	now := time.Now()
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPO\tLINE\tFIELD\tX3 HAS\tPROPOSED\tSUPPLIER\tAGE\tDECISION")
	for _, c := range changes {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.PONumber, c.Line, c.Field,
			c.CurrentText(), c.ProposedText(), c.Supplier, age(now.Sub(c.CreatedAt)), truncate(c.Status(), 80))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !all {
		_, err = fmt.Fprintln(w, "\nml-connector review accept ID writes a change into Sage X3; review reject ID keeps the order as it is.")
	}
	return err
}

// decideReview records the decision; a running engine writes an accepted
// change, and without one it waits for the next start.
func decideReview(ctx context.Context, db *store.DB, id int64, accept, asJSON bool, w io.Writer) error {
	c, err := db.DecideChange(ctx, id, accept, operator("cli"))
	switch {
	case errors.Is(err, store.ErrUnknownChange):
		return fmt.Errorf("no proposed change has ID %d (ml-connector review --all lists them)", id)
	case err != nil:
		return err
	}
	if asJSON {
		return writeJSON(w, c)
	}
	if !accept {
		_, err := fmt.Fprintf(w, "Change %d rejected: %s. Nothing is written to Sage X3.\n", c.ID, c.Describe())
		return err
	}
	fmt.Fprintf(w, "Change %d accepted: %s.\n", c.ID, c.Describe())
	e, ok, err := db.EnginePresence(ctx)
	if err == nil && ok && e.Fresh(time.Now()) {
		_, err = fmt.Fprintf(w, "The engine running on this database (pid %d on %s) writes it into Sage X3 within a second, as document %d (ml-connector show %d).\n",
			e.PID, e.Host, c.WriteDocID, c.WriteDocID)
		return err
	}
	_, err = fmt.Fprintf(w, "The decision is recorded. No engine runs on this database now: the change is written into Sage X3 (document %d) when the engine runs (ml-connector --daemon, or the terminal UI).\n",
		c.WriteDocID)
	return err
}

// age is a duration as the lists show it: 45s, 12m, 3h, 2d.
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", max(0, int(d.Seconds())))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

// printChanges lists, in show, the supplier's changes of a document.
func printChanges(w io.Writer, changes []core.ProposedChange) {
	if len(changes) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSupplier changes (ml-connector review):")
	for _, c := range changes {
		fmt.Fprintf(w, "  %d  %s: %s\n", c.ID, c.Describe(), c.Status())
	}
}
