package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Match selects documents for the terminal UI's lists. Zero fields match
// everything; several kinds or states match any of them.
type Match struct {
	Direction core.Direction
	Kinds     []core.Kind
	States    []core.State
	PONumber  string
	Supplier  string
	Partner   string // Stedi partnership id
	DocID     int64
	// Text is a case-insensitive substring: of a document's PO number,
	// supplier, partnership, record key, kind, state or last error; of an
	// audit entry's actor, action or message.
	Text string
}

// Page is one keyset page: ids below Before, or above After, newest first.
// Paging by id keeps every page as cheap as the first, whatever the size
// of the table.
type Page struct {
	Before int64 // exclusive; 0 = from the newest
	After  int64 // exclusive; when set, the Limit ids just above it
	Oldest bool  // the Limit oldest rows (the last page)
	Limit  int   // default 50
}

func (p Page) clause(col string, args []any) (string, []any) {
	limit := p.Limit
	if limit <= 0 {
		limit = 50
	}
	if p.Oldest {
		return " ORDER BY " + col + " ASC LIMIT ?", append(args, limit)
	}
	if p.After > 0 {
		return " AND " + col + " > ? ORDER BY " + col + " ASC LIMIT ?", append(args, p.After, limit)
	}
	if p.Before > 0 {
		return " AND " + col + " < ? ORDER BY " + col + " DESC LIMIT ?", append(args, p.Before, limit)
	}
	return " ORDER BY " + col + " DESC LIMIT ?", append(args, limit)
}

// documentWhere builds the conditions on documents (columns prefixed by p)
// for every field but Text.
func (m Match) documentWhere(p string) ([]string, []any) {
	where := []string{"1 = 1"}
	var args []any
	add := func(cond string, vs ...any) { where = append(where, cond); args = append(args, vs...) }
	if m.Direction != "" {
		add(p+"direction = ?", m.Direction)
	}
	if len(m.Kinds) > 0 {
		add(p+"kind IN ("+placeholders(len(m.Kinds))+")", anys(m.Kinds)...)
	}
	if len(m.States) > 0 {
		add(p+"state IN ("+placeholders(len(m.States))+")", anys(m.States)...)
	}
	if m.PONumber != "" {
		add(p+"po_number = ?", m.PONumber)
	}
	if m.Supplier != "" {
		add(p+"supplier = ?", m.Supplier)
	}
	if m.Partner != "" {
		add(p+"partnership_id = ?", m.Partner)
	}
	if m.DocID != 0 {
		add(p+"id = ?", m.DocID)
	}
	return where, args
}

// selectsDocuments reports whether m narrows by document at all.
func (m Match) selectsDocuments() bool {
	return m.Direction != "" || len(m.Kinds) > 0 || len(m.States) > 0 || m.PONumber != "" ||
		m.Supplier != "" || m.Partner != "" || m.DocID != 0
}

// likeArg makes a LIKE pattern that matches s literally anywhere.
func likeArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// DocumentPage lists one page of the documents m selects, newest first,
// without payloads.
func (db *DB) DocumentPage(ctx context.Context, m Match, p Page) ([]core.Document, error) {
	q, args := documentPageSQL(m, p)
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	docs, err := scanDocuments(rows, false)
	if p.After > 0 || p.Oldest {
		reverse(docs)
	}
	return docs, err
}

func documentPageSQL(m Match, p Page) (string, []any) {
	where, args := m.documentWhere("")
	if m.Text != "" {
		var ors []string
		for _, col := range []string{"po_number", "supplier", "partnership_id", "source_key", "kind", "state", "last_error"} {
			ors = append(ors, col+` LIKE ? ESCAPE '\'`)
			args = append(args, likeArg(m.Text))
		}
		where = append(where, "("+strings.Join(ors, " OR ")+")")
	}
	tail, args := p.clause("id", args)
	return `SELECT ` + strings.Replace(documentColumns, "payload", "NULL", 1) + ` FROM documents WHERE ` +
		strings.Join(where, " AND ") + tail, args
}

// FailedMatching lists up to limit ids of failed documents m selects, for
// a bulk replay of what an operator's filter shows.
func (db *DB) FailedMatching(ctx context.Context, m Match, limit int) ([]int64, error) {
	m.States = []core.State{core.StateFailed}
	docs, err := db.DocumentPage(ctx, m, Page{Limit: limit})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}

// AuditRow is an audit entry with what the log shows of its document.
type AuditRow struct {
	core.AuditEntry
	Kind        core.Kind `json:"kind,omitempty"`
	PONumber    string    `json:"po_number,omitempty"`
	PayloadKind string    `json:"payload_kind,omitempty"`
}

// AuditPage lists one page of audit entries newest first: those of the
// documents m selects, whose actor, action or message contains m.Text.
func (db *DB) AuditPage(ctx context.Context, m Match, p Page) ([]AuditRow, error) {
	q, args := auditPageSQL(m, p)
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	out, err := scanAuditRows(rows)
	if p.After > 0 || p.Oldest {
		reverse(out)
	}
	return out, err
}

func auditPageSQL(m Match, p Page) (string, []any) {
	where := []string{"1 = 1"}
	var args []any
	if m.selectsDocuments() {
		m2 := m
		m2.Text = ""
		dw, da := m2.documentWhere("")
		where = append(where, "a.document_id IN (SELECT id FROM documents WHERE "+strings.Join(dw, " AND ")+")")
		args = append(args, da...)
	}
	if m.Text != "" {
		where = append(where, `(a.actor LIKE ? ESCAPE '\' OR a.action LIKE ? ESCAPE '\' OR a.message LIKE ? ESCAPE '\')`)
		like := likeArg(m.Text)
		args = append(args, like, like, like)
	}
	tail, args := p.clause("a.id", args)
	return `SELECT a.id, COALESCE(a.document_id, 0), a.at, a.actor, a.action, a.message, COALESCE(a.payload_id, 0),
		  COALESCE(d.kind, ''), COALESCE(d.po_number, ''), COALESCE(pl.kind, '')
		FROM audit a LEFT JOIN documents d ON d.id = a.document_id LEFT JOIN payloads pl ON pl.id = a.payload_id
		WHERE ` + strings.Join(where, " AND ") + tail, args
}

func scanAuditRows(rows *sql.Rows) ([]AuditRow, error) {
	defer rows.Close()
	var out []AuditRow
	for rows.Next() {
		var r AuditRow
		var at int64
		if err := rows.Scan(&r.ID, &r.DocumentID, &at, &r.Actor, &r.Action, &r.Message, &r.PayloadID,
			&r.Kind, &r.PONumber, &r.PayloadKind); err != nil {
			return nil, fmt.Errorf("read audit entry: %w", err)
		}
		r.At = fromMS(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Controls returns every control setting by name.
func (db *DB) Controls(ctx context.Context) (map[string]string, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT name, value FROM control`)
	if err != nil {
		return nil, fmt.Errorf("read controls: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// HourCount is how many documents of one direction were created in one hour.
type HourCount struct {
	Hour      time.Time      `json:"hour"`
	Direction core.Direction `json:"direction"`
	Count     int            `json:"count"`
}

// DocumentsPerHour counts documents created since the start of since's hour.
func (db *DB) DocumentsPerHour(ctx context.Context, since time.Time) ([]HourCount, error) {
	from := since.Truncate(time.Hour)
	rows, err := db.r.QueryContext(ctx, `
		SELECT created_at / 3600000, direction, COUNT(*) FROM documents
		WHERE created_at >= ? GROUP BY 1, 2 ORDER BY 1, 2`, ms(from))
	if err != nil {
		return nil, fmt.Errorf("count documents per hour: %w", err)
	}
	defer rows.Close()
	var out []HourCount
	for rows.Next() {
		var h int64
		var c HourCount
		if err := rows.Scan(&h, &c.Direction, &c.Count); err != nil {
			return nil, err
		}
		c.Hour = time.UnixMilli(h * 3600000).UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// LatestInbound returns when the newest inbound document was stored, zero
// when none was. A change a buyer accepted did not come from Stedi: it
// does not count.
func (db *DB) LatestInbound(ctx context.Context) (time.Time, error) {
	var at int64
	err := db.r.QueryRowContext(ctx, `
		SELECT COALESCE((SELECT created_at FROM documents WHERE direction = 'in' AND kind <> 'change' ORDER BY id DESC LIMIT 1), 0)`).Scan(&at)
	if err != nil {
		return time.Time{}, fmt.Errorf("read latest inbound document: %w", err)
	}
	return fromMS(at), nil
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}
