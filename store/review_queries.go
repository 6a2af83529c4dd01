package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

// ReviewPage lists one keyset page of proposed changes, newest first, for
// the terminal UI's review view. Of m it uses States (as decisions:
// pending, accepted, rejected, superseded), PONumber, Supplier, Partner,
// DocID (the 855 or the document writing the change) and Text.
func (db *DB) ReviewPage(ctx context.Context, m Match, p Page) ([]core.ProposedChange, error) {
	where, args := reviewWhere(m)
	tail, args := p.clause("r.id", args)
	rows, err := db.r.QueryContext(ctx, `SELECT `+changeColumns+` WHERE `+strings.Join(where, " AND ")+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("list proposed changes: %w", err)
	}
	cs, err := scanChanges(rows)
	if p.After > 0 || p.Oldest {
		reverse(cs)
	}
	return cs, err
}

func reviewWhere(m Match) ([]string, []any) {
	where := []string{"1 = 1"}
	var args []any
	add := func(cond string, vs ...any) { where = append(where, cond); args = append(args, vs...) }
	if len(m.States) > 0 {
		add("r.decision IN ("+placeholders(len(m.States))+")", anys(m.States)...)
	}
	if m.PONumber != "" {
		add("r.po_number = ?", m.PONumber)
	}
	if m.Supplier != "" {
		add("r.supplier = ?", m.Supplier)
	}
	if m.Partner != "" {
		add("r.partnership_id = ?", m.Partner)
	}
	if m.DocID != 0 {
		add("(r.document_id = ? OR r.write_document_id = ?)", m.DocID, m.DocID)
	}
	if m.Text != "" {
		var ors []string
		for _, col := range []string{"r.po_number", "r.supplier", "r.field", "r.column_name", "r.decision", "r.decided_by",
			"r.current_value", "r.proposed_value"} {
			ors = append(ors, col+` LIKE ? ESCAPE '\'`)
			args = append(args, likeArg(m.Text))
		}
		where = append(where, "("+strings.Join(ors, " OR ")+")")
	}
	return where, args
}

// ProposedChanges lists changes oldest first: those waiting for a
// decision, or with all every one, decided or not; at most limit.
func (db *DB) ProposedChanges(ctx context.Context, all bool, limit int) ([]core.ProposedChange, error) {
	where := "r.decision = 'pending'"
	if all {
		where = "1 = 1"
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+changeColumns+` WHERE `+where+` ORDER BY r.id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list proposed changes: %w", err)
	}
	return scanChanges(rows)
}
