package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/x12"
)

// Where a preview's X12 comes from.
const (
	previewFromStedi = "stedi" // the interchange Stedi generated and sent
	previewLocal     = "local" // rendered here from the Guide JSON, with a placeholder envelope
)

type previewReport struct {
	DocumentID int64  `json:"document_id"`
	Source     string `json:"source"`
	Note       string `json:"note"`
	X12        string `json:"x12"`
}

// runPreview is `ml-connector preview ID`: the X12 of one outbound
// document. The note saying where it comes from goes to stderr, so stdout
// holds only the X12.
func runPreview(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("preview", stderr)
	c.register(fs)
	raw := fs.Bool("raw", false, "print the X12 exactly as generated, without a line break after each segment")
	asJSON := fs.Bool("json", false, "machine-readable output")
	if err := fs.Parse(reorderArgs(args)); err != nil {
		return err
	}
	id, err := documentIDArg(fs, "preview")
	if err != nil {
		return err
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := loadPreview(ctx, db, id, time.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	fmt.Fprintln(stderr, rep.Note)
	out := rep.X12
	if !*raw {
		out = segmentPerLine(out)
	}
	_, err = fmt.Fprintln(stdout, out)
	return err
}

// loadPreview finds the X12 Stedi returned for a sent document, or renders
// the stored Guide JSON of one that was not sent.
func loadPreview(ctx context.Context, db *store.DB, id int64, now time.Time) (previewReport, error) {
	doc, err := db.Document(ctx, id)
	if err != nil {
		return previewReport{}, err
	}
	if doc.Direction != core.Outbound {
		return previewReport{}, fmt.Errorf("document %d is an inbound %s: preview shows outbound documents", id, doc.Kind)
	}
	rep := previewReport{DocumentID: id}
	edi, err := stediX12(ctx, db, id)
	if err != nil {
		return rep, err
	}
	if edi != "" {
		rep.Source, rep.X12 = previewFromStedi, edi
		rep.Note = fmt.Sprintf("# document %d (%s %s revision %d): the X12 Stedi generated and sent", id, doc.Kind, doc.SourceKey, doc.Revision)
		return rep, nil
	}
	if len(doc.Payload) == 0 {
		return rep, fmt.Errorf("document %d has no Guide JSON to render (%s): %s", id, doc.State, doc.LastError)
	}
	env, err := x12.PlaceholderEnvelope(now).WithRelease(string(doc.Release)) // the partner's ISA12/GS08
	if err != nil {
		return rep, err
	}
	if rep.X12, err = x12.RenderGuideJSON(doc.Payload, env); err != nil {
		return rep, fmt.Errorf("document %d: render its Guide JSON: %w", id, err)
	}
	rep.Source = previewLocal
	rep.Note = fmt.Sprintf("# document %d (%s %s revision %d, %s): not sent; rendered locally from its Guide JSON "+
		"with a placeholder envelope (Stedi writes the real ISA/GS and control numbers)", id, doc.Kind, doc.SourceKey, doc.Revision, doc.State)
	return rep, nil
}

// stediX12 returns the edi of the last Stedi response in the document's
// audit trail, "" when there is none.
func stediX12(ctx context.Context, db *store.DB, id int64) (string, error) {
	trail, err := db.AuditTrail(ctx, id)
	if err != nil {
		return "", err
	}
	for i := len(trail) - 1; i >= 0; i-- {
		if trail[i].PayloadID == 0 {
			continue
		}
		p, err := db.Payload(ctx, trail[i].PayloadID)
		if err != nil {
			return "", err
		}
		var resp struct {
			EDI string `json:"edi"`
		}
		if p.Kind == core.PayloadStediResponse && json.Unmarshal(p.Body, &resp) == nil && resp.EDI != "" {
			return resp.EDI, nil
		}
	}
	return "", nil
}

// segmentPerLine breaks the interchange after each segment terminator
// (byte 105 of the ISA), which X12 readers accept.
func segmentPerLine(edi string) string {
	if len(edi) < 106 || !strings.HasPrefix(edi, "ISA") {
		return edi
	}
	term := edi[105:106]
	return strings.TrimSuffix(strings.ReplaceAll(edi, term, term+"\n"), "\n")
}
