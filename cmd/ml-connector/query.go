package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/render"
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
	FailedFiles int                  `json:"failed_files"` // of Failed: files Stedi could not process (dismissed, not replayed)
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
			if sc.Kind == core.KindStediFile {
				rep.FailedFiles += sc.Count
			}
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
	fmt.Fprintf(tw, "review\t%d supplier change(s) from 855s wait for a buyer (%s review)\n", rep.ReviewPending, commandName())
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
	printFailedAdvice(tw, rep.Failed, rep.FailedFiles)
	printAckStatus(tw, rep.ackStatus) // acks.go
	return tw.Flush()
}

// printFailedAdvice says what to do about the failed queue: replay what
// can be replayed, dismiss the files Stedi could not process.
func printFailedAdvice(w io.Writer, failed, files int) {
	if failed == 0 {
		return
	}
	name := commandName()
	fmt.Fprintf(w, "\n%d document(s) in the failed queue: %s list --state failed", failed, name)
	if failed > files {
		fmt.Fprintf(w, "; after fixing the cause, %s replay --all-failed", name)
	}
	fmt.Fprintln(w)
	if files > 0 {
		fmt.Fprintf(w, "%d of them are files Stedi could not process (no replay helps): once dealt with at Stedi, %s dismiss ID\n", files, name)
	}
}

func runList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	var m store.Match
	page := store.Page{Limit: 100}
	fs := newFlagSet("list", stderr)
	c.register(fs)
	asJSON := fs.Bool("json", false, "machine-readable output")
	fs.Func("state", "only documents in these states, comma-separated ("+names(core.States)+")", func(s string) (err error) {
		m.States, err = core.ParseStates(s)
		return err
	})
	fs.Func("kind", "only documents of these kinds, comma-separated ("+names(core.Kinds)+")", func(s string) (err error) {
		m.Kinds, err = core.ParseKinds(s)
		return err
	})
	fs.StringVar(&m.PONumber, "po", "", "only documents of this purchase order")
	fs.IntVar(&page.Limit, "limit", 100, "at most this many, newest first")
	fs.Int64Var(&page.Before, "before", 0, "page: only documents with an ID below this one")
	fs.Func("mode", "only test or only production documents", func(s string) error {
		test, err := modeFilter(s)
		m.Test = test
		return err
	})
	overdue := fs.Bool("overdue", false, "acknowledgments (997, 855, 856) past their deadline instead, the latest first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if page.Limit < 1 {
		return fmt.Errorf("--limit must be at least 1, got %d", page.Limit)
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	if *overdue {
		return listOverdue(ctx, db, stdout, *asJSON, page.Limit) // acks.go
	}
	docs, err := db.DocumentPage(ctx, m, page)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeList(stdout, docs)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tPO\tREV\tSTATE\tTRIES\tSUPPLIER\tUPDATED\tLAST ERROR")
	for _, d := range docs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%d\t%s\t%s\t%s\n", d.ID, kindLabel(d), render.Line(d.PONumber), d.Revision, d.State,
			d.Attempts, render.Line(d.Supplier), d.UpdatedAt.Local().Format("01-02 15:04:05"), truncate(render.Line(d.LastError), 60))
	}
	return tw.Flush()
}

// names joins kinds or states for a flag's help.
func names[T ~string](vs []T) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

type showReport struct {
	Document core.Document `json:"document"`
	Audit    []auditView   `json:"audit"`
	ackShow                // acks.go: the three axes, tracking and 997s
	// Changes are the supplier's changes an 855 proposed, or the one a
	// change document writes (review.go).
	Changes []core.ProposedChange `json:"changes,omitempty"`
}

// auditView is an audit entry with its payload rendered for reading:
// within render.Default, what was folded said in PayloadFolded.
type auditView struct {
	core.AuditEntry
	PayloadKind   string          `json:"payload_kind,omitempty"`
	Payload       json.RawMessage `json:"payload,omitempty"`
	PayloadFolded string          `json:"payload_folded,omitempty"`
	edi           string          // the X12 of a Stedi response, rendered within the bound
}

func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("show", stderr)
	c.register(fs)
	asJSON := fs.Bool("json", false, "machine-readable output (payloads folded beyond a bound of depth and size)")
	raw := fs.Bool("raw", false, "print the stored payloads byte for byte, unfolded")
	payloadID := fs.Int64("payload", 0, "with --raw: only this payload (its number in show's listing)")
	if err := parseAnywhere(fs, args); err != nil {
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
	if *raw {
		return printRaw(ctx, stdout, db, id, *payloadID) // show_raw.go
	}
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
	if len(doc.Payload) > 0 {
		doc.Payload, _ = payloadJSON(doc.Payload)
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
			var folds render.Folds
			v.PayloadKind, v.edi = p.Kind, responseX12(p)
			v.Payload, folds = payloadJSON(p.Body)
			if folds.Any() {
				v.PayloadFolded = folds.String() + fmt.Sprintf("; show %d --raw --payload %d prints it as stored", id, p.ID)
			}
		}
		rep.Audit = append(rep.Audit, v)
	}
	return rep, nil
}

// responseX12 is the X12 a Stedi response carries, within the bound.
func responseX12(p core.Payload) string {
	if p.Kind != core.PayloadStediResponse {
		return ""
	}
	var resp struct {
		EDI string `json:"edi"`
	}
	if json.Unmarshal(p.Body, &resp) != nil || resp.EDI == "" {
		return ""
	}
	text, _ := render.Text(resp.EDI, render.Default)
	return text
}

// payloadJSON renders a stored body within render.Default: JSON stays
// JSON (folded where deeper or longer than the bound), anything else (X12)
// becomes a string.
func payloadJSON(body []byte) (json.RawMessage, render.Folds) {
	text, folds := render.Payload(body, render.Default)
	if json.Valid([]byte(text)) {
		return json.RawMessage(text), folds
	}
	s, _ := json.Marshal(text)
	return s, folds
}

func printShow(w io.Writer, rep showReport) error {
	d := rep.Document
	fmt.Fprintf(w, "Document %d: %s", d.ID, documentTitle(d))
	if d.Direction == core.Outbound && d.Kind == core.Kind850 && d.Purpose != core.PurposeOriginal || d.State == core.StateClosed {
		fmt.Fprintf(w, "  %s\n", d.Describe()) // 850 cancellation, 860 change order, closed by receipt: nothing sent
	}
	fmt.Fprintf(w, "  state %s after %d attempt(s)   supplier %s   partnership %s",
		d.State, d.Attempts, render.Line(d.Supplier), render.Line(d.PartnershipID))
	if d.TransactionSettingID != "" {
		fmt.Fprintf(w, " / %s", d.TransactionSettingID)
	}
	fmt.Fprintln(w)
	if d.IdempotencyKey != "" {
		fmt.Fprintf(w, "  idempotency key %s\n", d.IdempotencyKey)
	}
	if d.Test {
		fmt.Fprintln(w, "  TEST document (ISA15 T, Stedi mode test): never written to a production Sage X3")
	}
	if d.LastError != "" {
		fmt.Fprintf(w, "  last error (%s): %s\n", d.ErrorClass, render.Line(d.LastError))
	}
	printAckShow(w, rep.ackShow) // acks.go
	printChanges(w, rep.Changes) // review.go
	fmt.Fprintln(w, "\nTimeline:")
	var payloads []string
	for _, e := range rep.Audit {
		fmt.Fprintf(w, "  %s  %-14s %-16s %s\n", e.At.Local().Format("2006-01-02 15:04:05.000"), render.Line(e.Actor), e.Action, render.Line(e.Message))
		if e.PayloadID != 0 {
			payloads = append(payloads, fmt.Sprintf("%d %s", e.PayloadID, e.PayloadKind))
		}
		if e.edi != "" {
			fmt.Fprintf(w, "      X12: %s\n", e.edi)
		}
	}
	fmt.Fprintf(w, "\nPayloads: %s show %d --json (folded beyond a bound)", commandName(), d.ID)
	if len(payloads) > 0 {
		fmt.Fprintf(w, "; as stored: %s show %d --raw [--payload N] with N among %s", commandName(), d.ID, strings.Join(payloads, ", "))
	}
	fmt.Fprintln(w)
	return nil
}

// documentTitle is what a document is: an outbound revision with its
// purpose, or an inbound document with the transaction it came as.
func documentTitle(d core.Document) string {
	key := render.Line(d.SourceKey)
	switch {
	case d.Direction == core.Inbound && d.Kind == core.KindStediFile:
		return fmt.Sprintf("Stedi file %s (inbound, could not be processed)\n", key)
	case d.Direction == core.Inbound && d.Kind == core.KindChange:
		return fmt.Sprintf("a supplier's change to PO %s the buyer accepted (%s)\n", render.Line(d.PONumber), key)
	case d.Direction == core.Inbound:
		return fmt.Sprintf("%s for PO %s, Stedi transaction %s (inbound)\n", d.Kind, render.Line(d.PONumber), key)
	case d.Purpose != "":
		return fmt.Sprintf("%s %s revision %d (purpose %s)\n", d.Kind, key, d.Revision, d.Purpose)
	}
	return fmt.Sprintf("%s %s revision %d\n", d.Kind, key, d.Revision)
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
