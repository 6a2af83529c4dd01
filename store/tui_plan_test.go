package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

// The UI's pages must stay cheap with millions of rows: every page query
// walks an index in id order and stops after its limit. A temporary
// B-tree for ORDER BY, or a full scan, would read the whole table.
func TestUIQueries_UseIndexesNotSorts(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	failed := Match{States: []core.State{core.StateFailed}}
	cases := []struct {
		name string
		sql  string
		args []any
		want string // a fragment the plan must show
	}{
		{"outbound page", "", nil, "documents_direction"},
		{"failed page", "", nil, "documents_state"},
		{"audit page", "", nil, "INTEGER PRIMARY KEY"},
		{"audit of a PO", "", nil, "audit_document"},
		{"latest inbound", `SELECT created_at FROM documents WHERE direction = 'in' ORDER BY id DESC LIMIT 1`, nil, "documents_direction"},
	}
	cases[0].sql, cases[0].args = documentPageSQL(Match{Direction: core.Outbound}, Page{Before: 1000, Limit: 20})
	cases[1].sql, cases[1].args = documentPageSQL(failed, Page{After: 10, Limit: 20})
	cases[2].sql, cases[2].args = auditPageSQL(Match{}, Page{Before: 1000000, Limit: 20})
	cases[3].sql, cases[3].args = auditPageSQL(Match{PONumber: "PO1"}, Page{Limit: 20})
	for _, c := range cases {
		rows, err := db.r.Query("EXPLAIN QUERY PLAN "+c.sql, c.args...)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, " | ")
		t.Logf("%s: %s", c.name, text)
		if !strings.Contains(text, c.want) {
			t.Errorf("%s: plan does not use %s: %s", c.name, c.want, text)
		}
		if c.name != "audit of a PO" && strings.Contains(text, "TEMP B-TREE") {
			t.Errorf("%s: plan sorts: %s", c.name, text)
		}
		if strings.Contains(text, "SCAN ") {
			t.Errorf("%s: plan scans a table: %s", c.name, text)
		}
	}
}
