package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

type statusReport struct {
	Database  string             `json:"database"`
	Documents []store.StateCount `json:"documents"` // production documents
	// TestDocuments are counted apart: test interchanges sent to partners
	// in test mode, and documents Stedi received in test mode.
	TestDocuments []store.StateCount `json:"test_documents"`
	// Outbound counts outbound documents by the X12 release they were
	// written in, test ones apart.
	Outbound    []store.ReleaseCount `json:"outbound_by_release"`
	Failed      int                  `json:"failed"`
	StediPaused string               `json:"stedi_paused,omitempty"`
	X3Paused    string               `json:"x3_paused,omitempty"`
	X3Setup     string               `json:"x3_setup_paused,omitempty"` // what waits for the X3 site's setup
	PollPaused  bool                 `json:"poller_paused"`
	POCursor    time.Time            `json:"po_cursor,omitzero"`
	InvCursor   time.Time            `json:"invoice_cursor,omitzero"`
	ackStatus                        // acks.go: 997s and overdue acknowledgments
	// ReviewPending counts suppliers' changes that wait for a buyer (review.go).
	ReviewPending int `json:"review_pending"`
}

func runStatus(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("status", stderr)
	c.register(fs)
	asJSON := fs.Bool("json", false, "machine-readable output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	rep := statusReport{Database: db.Path()}
	if rep.Documents, err = db.Counts(ctx); err != nil {
		return err
	}
	if rep.TestDocuments, err = db.TestCounts(ctx); err != nil {
		return err
	}
	rep.Documents, rep.TestDocuments = nonNil(rep.Documents), nonNil(rep.TestDocuments)
	if rep.Outbound, err = db.ReleaseCounts(ctx); err != nil {
		return err
	}
	for _, sc := range rep.Documents {
		if sc.State == core.StateFailed {
			rep.Failed += sc.Count
		}
	}
	rep.StediPaused, _, _ = db.Control(ctx, core.ControlStediPaused)
	rep.X3Paused = core.X3Paused(ctx, db)
	rep.X3Setup, _, _ = db.Control(ctx, core.ControlX3SetupPaused)
	paused, _, _ := db.Control(ctx, core.ControlPollerPaused)
	rep.PollPaused = paused == "1"
	rep.POCursor, _ = db.Cursor(ctx, core.CursorPurchaseOrders)
	rep.InvCursor, _ = db.Cursor(ctx, core.CursorSupplierInvoices)
	if rep.ReviewPending, err = db.PendingReviews(ctx); err != nil {
		return err
	}
	if rep.ackStatus, err = loadAckStatus(ctx, db, time.Now()); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	return printStatus(stdout, rep)
}

func printStatus(w io.Writer, rep statusReport) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "database\t%s\n", rep.Database)
	if rep.StediPaused != "" {
		fmt.Fprintf(tw, "stedi\tPAUSED: %s\n", rep.StediPaused)
	}
	if rep.X3Paused != "" {
		fmt.Fprintf(tw, "x3\tPAUSED: %s\n", rep.X3Paused)
	}
	if rep.X3Setup != "" {
		fmt.Fprintf(tw, "x3 setup\tWAITING: %s\n", rep.X3Setup)
	}
	if rep.PollPaused {
		fmt.Fprintf(tw, "poller\tPAUSED by an operator\n")
	}
	if !rep.POCursor.IsZero() {
		fmt.Fprintf(tw, "X3 PO cursor\t%s\n", rep.POCursor.Format(time.RFC3339))
	}
	if !rep.InvCursor.IsZero() {
		fmt.Fprintf(tw, "X3 invoice cursor\t%s\n", rep.InvCursor.Format(time.RFC3339))
	}
	fmt.Fprintf(tw, "review\t%d supplier change(s) from 855s wait for a buyer (ml-connector review)\n", rep.ReviewPending)
	fmt.Fprintf(tw, "\nKIND\tSTATE\tCOUNT\n")
	for _, sc := range rep.Documents {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", sc.Kind, sc.State, sc.Count)
	}
	if len(rep.TestDocuments) > 0 {
		fmt.Fprintf(tw, "\nTEST KIND\tSTATE\tCOUNT\t(test interchanges, ISA15 T: never written to a production X3)\n")
		for _, sc := range rep.TestDocuments {
			fmt.Fprintf(tw, "%s\t%s\t%d\n", sc.Kind, sc.State, sc.Count)
		}
	}
	if rep.Failed > 0 {
		fmt.Fprintf(tw, "\n%d document(s) in the failed queue: ml-connector list --state failed; ml-connector replay --all-failed\n", rep.Failed)
	}
	printAckStatus(tw, rep.ackStatus) // acks.go
	return tw.Flush()
}

func runList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	var f store.Filter
	fs := newFlagSet("list", stderr)
	c.register(fs)
	asJSON := fs.Bool("json", false, "machine-readable output")
	fs.Func("state", "only documents in this state (pending, sending, retrying, sent, acknowledged, shipped, failed, superseded, closed; inbound: received, processing, applied, review)", func(s string) error {
		f.State = core.State(s)
		return nil
	})
	fs.Func("kind", "only documents of this kind (850, 810, 855, 856, file, change)", func(s string) error { f.Kind = core.Kind(s); return nil })
	fs.StringVar(&f.PONumber, "po", "", "only documents of this purchase order")
	fs.IntVar(&f.Limit, "limit", 100, "at most this many, newest first")
	fs.Func("mode", "only test or only production documents", func(s string) error {
		test, err := modeFilter(s)
		f.Test = test
		return err
	})
	fs.Int64Var(&f.BeforeID, "before", 0, "page: only documents with an ID below this one")
	overdue := fs.Bool("overdue", false, "acknowledgments (997, 855, 856) past their deadline instead, the latest first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	if *overdue {
		return listOverdue(ctx, db, stdout, *asJSON, f.Limit) // acks.go
	}
	docs, err := db.ListDocuments(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeList(stdout, docs)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tPO\tREV\tSTATE\tTRIES\tSUPPLIER\tUPDATED\tLAST ERROR")
	for _, d := range docs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%d\t%s\t%s\t%s\n", d.ID, kindLabel(d), d.PONumber, d.Revision, d.State,
			d.Attempts, d.Supplier, d.UpdatedAt.Local().Format("01-02 15:04:05"), truncate(d.LastError, 60))
	}
	return tw.Flush()
}

type showReport struct {
	Document core.Document `json:"document"`
	Audit    []auditView   `json:"audit"`
	ackShow                // acks.go: the three axes, tracking and 997s
	// Changes are the supplier's changes an 855 proposed, or the one a
	// change document writes (review.go).
	Changes []core.ProposedChange `json:"changes,omitempty"`
}

type auditView struct {
	core.AuditEntry
	PayloadKind string          `json:"payload_kind,omitempty"`
	Payload     json.RawMessage `json:"payload,omitempty"`
}

func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("show", stderr)
	c.register(fs)
	asJSON := fs.Bool("json", false, "machine-readable output")
	if err := fs.Parse(reorderArgs(args)); err != nil {
		return err
	}
	id, err := documentIDArg(fs, "show")
	if err != nil {
		return err
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := loadShow(ctx, db, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	return printShow(stdout, rep)
}

func loadShow(ctx context.Context, db *store.DB, id int64) (showReport, error) {
	doc, err := db.Document(ctx, id)
	if err != nil {
		return showReport{}, err
	}
	trail, err := db.AuditTrail(ctx, id)
	if err != nil {
		return showReport{}, err
	}
	rep := showReport{Document: doc, Audit: make([]auditView, 0, len(trail))}
	if rep.Changes, err = db.ReviewPage(ctx, store.Match{DocID: id}, store.Page{Limit: reviewListLimit}); err != nil {
		return rep, err
	}
	if rep.ackShow, err = loadAckShow(ctx, db, doc, time.Now()); err != nil {
		return showReport{}, err
	}
	for _, e := range trail {
		v := auditView{AuditEntry: e}
		if e.PayloadID != 0 {
			p, err := db.Payload(ctx, e.PayloadID)
			if err != nil {
				return rep, err
			}
			v.PayloadKind, v.Payload = p.Kind, payloadJSON(p)
		}
		rep.Audit = append(rep.Audit, v)
	}
	return rep, nil
}

// payloadJSON keeps JSON bodies as JSON and wraps anything else (X12) as a string.
func payloadJSON(p core.Payload) json.RawMessage {
	if json.Valid(p.Body) {
		return p.Body
	}
	s, _ := json.Marshal(string(p.Body))
	return s
}

func printShow(w io.Writer, rep showReport) error {
	d := rep.Document
	fmt.Fprintf(w, "Document %d: %s %s revision %d (purpose %s)\n", d.ID, d.Kind, d.SourceKey, d.Revision, d.Purpose)
	if d.Direction == core.Outbound && d.Kind == core.Kind850 && d.Purpose != core.PurposeOriginal || d.State == core.StateClosed {
		fmt.Fprintf(w, "  %s\n", d.Describe()) // 850 cancellation, 860 change order, closed by receipt: nothing sent
	}
	fmt.Fprintf(w, "  state %s after %d attempt(s)   supplier %s   partnership %s / %s\n",
		d.State, d.Attempts, d.Supplier, d.PartnershipID, d.TransactionSettingID)
	fmt.Fprintf(w, "  idempotency key %s\n", d.IdempotencyKey)
	if d.Test {
		fmt.Fprintln(w, "  TEST document (ISA15 T, Stedi mode test): never written to a production Sage X3")
	}
	if d.LastError != "" {
		fmt.Fprintf(w, "  last error (%s): %s\n", d.ErrorClass, d.LastError)
	}
	printAckShow(w, rep.ackShow) // acks.go
	printChanges(w, rep.Changes) // review.go
	fmt.Fprintln(w, "\nTimeline:")
	for _, e := range rep.Audit {
		fmt.Fprintf(w, "  %s  %-14s %-16s %s\n", e.At.Local().Format("2006-01-02 15:04:05.000"), e.Actor, e.Action, e.Message)
		if e.PayloadKind == core.PayloadStediResponse {
			var resp struct {
				EDI string `json:"edi"`
			}
			if json.Unmarshal(e.Payload, &resp) == nil && resp.EDI != "" {
				fmt.Fprintf(w, "      X12: %s\n", resp.EDI)
			}
		}
	}
	fmt.Fprintln(w, "\nPayloads: ml-connector show", d.ID, "--json")
	return nil
}

func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("replay", stderr)
	c.register(fs)
	all := fs.Bool("all-failed", false, "replay every document in the failed queue")
	asJSON := fs.Bool("json", false, "machine-readable output")
	if err := fs.Parse(reorderArgs(args)); err != nil {
		return err
	}
	ids := make([]int64, 0, fs.NArg())
	for _, a := range fs.Args() {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return fmt.Errorf("document ID %q is not a number", a)
		}
		ids = append(ids, id)
	}
	if *all == (len(ids) > 0) {
		return fmt.Errorf("replay takes document IDs or --all-failed")
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	if *all {
		if ids, err = db.FailedIDs(ctx); err != nil {
			return err
		}
	}
	n, err := db.Replay(ctx, ids, operator("cli"))
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, map[string]int{"replayed": n, "requested": len(ids)})
	}
	fmt.Fprintf(stdout, "%d of %d document(s) returned to the queue; a running engine sends them within a second.\n", n, len(ids))
	if n < len(ids) {
		fmt.Fprintln(stdout, "Documents not in the failed queue, or refused by the partner's 997 (fix those in Sage X3), were left as they are.")
	}
	return nil
}

// reorderArgs moves flags before positional arguments, so `show 12 --json`
// works like `show --json 12`. The flags that take a value keep it.
func reorderArgs(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if (name == "db" || name == "config") && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return append(flags, pos...)
}

// writeList writes items as a JSON array, [] when there are none.
func writeList[T any](w io.Writer, items []T) error {
	if items == nil {
		items = []T{}
	}
	return writeJSON(w, items)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}
