package bench

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tui"
)

const (
	benchAuditRows = 1_000_000
	benchDocs      = 100_000
	benchPages     = 200
)

// BenchmarkTUIListPage measures what the terminal UI does for one page of
// the audit log with a million audit rows in the database: the keyset
// query, the model update and the rendering of the 120x40 screen. Target:
// under 16 ms, one frame. The raw figure is the bare SQL of the same page.
func BenchmarkTUIListPage(b *testing.B) {
	path := filepath.Join(b.TempDir(), "tui.db")
	fillAudit(b, path)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for b.Loop() {
		m := tui.New(tui.Options{Store: db, Actions: tui.NewActions(db, "operator:bench", nil), Tick: -1,
			Engine: nil, Title: "bench"})
		run(m, m.Init())
		run(m, update(m, tea.WindowSizeMsg{Width: 120, Height: 40}))
		run(m, update(m, keyPress("5")))
		var times []time.Duration
		for i := range benchPages {
			k := tea.KeyMsg{Type: tea.KeyPgDown}
			if i%50 == 49 {
				k = keyPress("g") // back to the newest, like an operator would
			}
			start := time.Now()
			run(m, update(m, k))
			_ = m.View()
			times = append(times, time.Since(start))
		}
		slices.Sort(times)
		b.ReportMetric(ms(mean(times)), "ms/page")
		b.ReportMetric(ms(times[len(times)*99/100]), "p99-ms/page")

		// Filtered pages: by PO through the index, and the worst case, a
		// free text no entry contains, which reads every audit row.
		b.ReportMetric(ms(filteredPage(m, "po:PO050000")), "ms/po-filter-page")
		b.ReportMetric(ms(filteredPage(m, "no such text")), "ms/text-filter-page-worst")
		b.ReportMetric(ms(headerQueries(b, db)), "ms/header-refresh")
		b.ReportMetric(ms(rawAuditPage(b, path)), "raw-ms/page")
	}
}

// headerQueries times the store reads behind the header and the overview,
// which the UI repeats every second, over benchDocs documents.
func headerQueries(b *testing.B, db *store.DB) time.Duration {
	ctx := context.Background()
	start := time.Now()
	_, err1 := db.Counts(ctx)
	_, err2 := db.Controls(ctx)
	_, err3 := db.DocumentsPerHour(ctx, time.Now().Add(-23*time.Hour))
	_, err4 := db.DocumentPage(ctx, store.Match{States: []core.State{core.StateFailed}}, store.Page{Limit: 8})
	_, err5 := db.LatestInbound(ctx)
	_, _, err6 := db.EnginePresence(ctx)
	if err := errors.Join(err1, err2, err3, err4, err5, err6); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// filteredPage sets a filter on the audit log, then times one page of it
// from the top (g), as a refresh reads it.
func filteredPage(m *tui.Model, filter string) time.Duration {
	run(m, update(m, keyPress("/"+filter)))
	run(m, update(m, tea.KeyMsg{Type: tea.KeyEnter}))
	start := time.Now()
	run(m, update(m, keyPress("g")))
	_ = m.View()
	d := time.Since(start)
	run(m, update(m, tea.KeyMsg{Type: tea.KeyEsc}))
	return d
}

// fillAudit makes benchDocs documents and benchAuditRows audit entries
// with one INSERT … SELECT over a recursive CTE each: seconds, not minutes.
func fillAudit(b *testing.B, path string) {
	db, err := store.Open(context.Background(), path) // the schema
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_synchronous=OFF")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	stmts := []string{
		`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?)
		 INSERT INTO documents (kind, direction, source_key, revision, po_number, supplier, content_hash,
		   idempotency_key, state, attempts, last_error, created_at, updated_at)
		 SELECT '850', 'out', printf('PO%06d', x), 1, printf('PO%06d', x), printf('SUP%02d', x % 40), printf('h%d', x),
		   printf('k%d', x), CASE WHEN x % 50 = 0 THEN 'failed' ELSE 'sent' END, 1,
		   CASE WHEN x % 50 = 0 THEN 'stedi generate-edi: HTTP 400: BEG03 is required' ELSE '' END,
		   ? + x * 1000, ? + x * 1000 FROM n`,
		`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?)
		 INSERT INTO audit (document_id, at, actor, action, message)
		 SELECT (x - 1) / 10 + 1, ? + x * 100, CASE x % 10 WHEN 0 THEN 'sender' ELSE 'poller' END,
		   CASE x % 10 WHEN 0 THEN 'sent' WHEN 1 THEN 'read' WHEN 2 THEN 'queued' ELSE 'attempt_failed' END,
		   printf('attempt %d of 8: stedi generate-edi: HTTP 503; next attempt in 2s', x % 8) FROM n`,
	}
	if _, err := raw.Exec(stmts[0], benchDocs, base, base); err != nil {
		b.Fatal(err)
	}
	if _, err := raw.Exec(stmts[1], benchAuditRows, base); err != nil {
		b.Fatal(err)
	}
}

// rawAuditPage is the floor: the same page as plain SQL, no join, no UI.
func rawAuditPage(b *testing.B, path string) time.Duration {
	raw, err := sql.Open("sqlite3", "file:"+path+"?_query_only=true")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	var times []time.Duration
	before := int64(benchAuditRows + 1)
	for range benchPages {
		start := time.Now()
		rows, err := raw.Query(`SELECT id, document_id, at, actor, action, message FROM audit WHERE id < ? ORDER BY id DESC LIMIT 35`, before)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var id, doc, at int64
			var actor, action, msg string
			if err := rows.Scan(&id, &doc, &at, &actor, &action, &msg); err != nil {
				b.Fatal(err)
			}
			before = id
		}
		rows.Close()
		times = append(times, time.Since(start))
	}
	return mean(times)
}

func update(m *tui.Model, msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

// run carries out a command and everything it leads to, as a Program would.
func run(m *tui.Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			run(m, c)
		}
	default:
		run(m, update(m, msg))
	}
}

func keyPress(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func mean(ts []time.Duration) time.Duration {
	var sum time.Duration
	for _, t := range ts {
		sum += t
	}
	return sum / time.Duration(len(ts))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
