package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// idPlan sorts the IDs an operator named for an action (replay, dismiss):
// those it can act on, those it cannot (with why), those that do not exist.
type idPlan struct {
	ids       []int64
	requested int
	skipped   []string
	missing   []int64
}

// planIDs reads each document and asks refuse why it cannot be acted on
// ("" when it can).
func planIDs(ctx context.Context, db *store.DB, ids []int64, refuse func(core.Document) string) (idPlan, error) {
	p := idPlan{requested: len(ids), skipped: []string{}, missing: []int64{}}
	for _, id := range ids {
		d, err := db.Document(ctx, id)
		switch {
		case errors.Is(err, core.ErrNotFound):
			p.missing = append(p.missing, id)
		case err != nil:
			return p, err
		case refuse(d) != "":
			p.skipped = append(p.skipped, refuse(d))
		default:
			p.ids = append(p.ids, id)
		}
	}
	return p, nil
}

// print says what was not done and why; gone counts the documents that
// left the state the action needs between the plan and the action.
func (p idPlan) print(w io.Writer, gone int) {
	for _, s := range p.skipped {
		fmt.Fprintln(w, "  "+s)
	}
	if gone > 0 {
		fmt.Fprintf(w, "  %d document(s) left the failed queue meanwhile (another operator, or the engine)\n", gone)
	}
	for _, id := range p.missing {
		fmt.Fprintf(w, "  document %d does not exist\n", id)
	}
}

// missingErr is the error of IDs that do not exist: the exit status says
// a mistyped ID.
func (p idPlan) missingErr() error {
	if len(p.missing) == 0 {
		return nil
	}
	s := make([]string, len(p.missing))
	for i, id := range p.missing {
		s[i] = strconv.FormatInt(id, 10)
	}
	return fmt.Errorf("no document with ID %s in this database", strings.Join(s, ", "))
}
