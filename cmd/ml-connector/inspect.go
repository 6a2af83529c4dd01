package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// inspectReport is what `ml-connector inspect` prints.
type inspectReport struct {
	File      string           `json:"file"`
	Format    string           `json:"format"` // guide-json or x12
	Documents []inspectedSet   `json:"documents"`
	Findings  []inspectFinding `json:"findings,omitempty"` // x12.Validate, tolerant mode
}

// inspectedSet is one transaction set of the file.
type inspectedSet struct {
	Set            string               `json:"set"`
	ControlNumber  string               `json:"control_number,omitempty"`
	Acknowledgment *core.Acknowledgment `json:"acknowledgment,omitempty"`
	Shipment       *core.Shipment       `json:"shipment,omitempty"`
	// X3Update is what the document asks of X3, relative to nothing.
	X3Update []core.POUpdate `json:"x3_update,omitempty"`
	// X3Patch is what would be written to the PO as X3 holds it now
	// (with --config); Problems why it would not be applied.
	X3Patch  []core.Patch `json:"x3_patch,omitempty"`
	Problems []string     `json:"problems,omitempty"`
	Error    string       `json:"error,omitempty"`
	Segments []string     `json:"segments,omitempty"` // sets other than 855/856
}

type inspectFinding struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Index    int    `json:"index"`
	Segment  string `json:"segment,omitempty"`
	Message  string `json:"message"`
}

// runInspect is `ml-connector inspect FILE [--config F]`: what an inbound
// 855 or 856 (Guide JSON or X12) contains and the X3 update it would make,
// without writing anything (with --config, against the POs as X3 holds
// them); other X12 files are parsed and validated.
func runInspect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("inspect", stderr)
	c.register(fs)
	if err := fs.Parse(reorderArgs(args)); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: ml-connector inspect FILE [--config F]")
	}
	// With an explicit --config, the POs are read from X3 to diff against.
	withX3 := false
	fs.Visit(func(f *flag.Flag) { withX3 = withX3 || f.Name == "config" })
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	rep, err := inspectFile(fs.Arg(0), data)
	if err != nil {
		return err
	}
	if withX3 {
		if err := diffWithX3(ctx, c, &rep); err != nil {
			return err
		}
	}
	return writeJSON(stdout, rep)
}

func inspectFile(name string, data []byte) (inspectReport, error) {
	rep := inspectReport{File: name, Documents: []inspectedSet{}}
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		rep.Format = "guide-json"
		set, err := core.GuideSetID(trimmed)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", name, err)
		}
		rep.Documents = append(rep.Documents, inspectGuide(set, trimmed))
		return rep, nil
	}
	rep.Format = "x12"
	ic, err := x12.Parse(data)
	if err != nil {
		return rep, fmt.Errorf("%s: %w", name, err)
	}
	for _, f := range x12.Validate(ic, x12.Tolerant) {
		rep.Findings = append(rep.Findings, inspectFinding{Severity: f.Severity.String(), Code: f.Code, Index: f.Index,
			Segment: f.SegmentID, Message: f.Message})
	}
	for _, g := range ic.Groups {
		for _, t := range g.Sets {
			rep.Documents = append(rep.Documents, inspectSet(t))
		}
	}
	return rep, nil
}

// inspectSet reads an 855 or 856 through its Guide JSON, as Stedi would
// deliver it; other sets are listed segment by segment.
func inspectSet(t x12.Transaction) inspectedSet {
	if t.SetID == "855" || t.SetID == "856" {
		guide, err := x12.ToGuideJSON(t)
		if err != nil {
			return inspectedSet{Set: t.SetID, ControlNumber: t.ST.Element(2), Error: err.Error()}
		}
		return inspectGuide(t.SetID, guide)
	}
	s := inspectedSet{Set: t.SetID, ControlNumber: t.ST.Element(2)}
	for _, seg := range append(append([]x12.Segment{t.ST}, t.Body...), t.SE) {
		s.Segments = append(s.Segments, seg.String())
	}
	return s
}

func inspectGuide(set string, guide []byte) inspectedSet {
	s := inspectedSet{Set: set}
	switch set {
	case "855":
		a, err := core.Read855(guide)
		if err != nil {
			s.Error = err.Error()
			return s
		}
		s.Acknowledgment, s.ControlNumber = a, a.ControlNumber
		s.X3Update = []core.POUpdate{core.Plan855(a, "")}
	case "856":
		sh, err := core.Read856(guide)
		if err != nil {
			s.Error = err.Error()
			return s
		}
		s.Shipment, s.ControlNumber = sh, sh.ControlNumber
		s.X3Update = core.Plan856(sh)
	default:
		s.Error = "ml-connector reads 855 and 856 Guide JSON only"
	}
	return s
}

// diffWithX3 reads each PO from X3 and resolves the updates against it:
// the patch that would be written, or why it would not. Nothing is written.
func diffWithX3(ctx context.Context, c commonFlags, rep *inspectReport) error {
	cfg, err := loadConfig(c.config)
	if err != nil {
		return err
	}
	x3, _, err := newClients(cfg, nil, nil)
	if err != nil {
		return err
	}
	for i := range rep.Documents {
		d := &rep.Documents[i]
		for _, u := range d.X3Update {
			po, err := x3.PurchaseOrder(ctx, u.PONumber)
			if err != nil {
				d.Problems = append(d.Problems, fmt.Sprintf("PO %s: %s", u.PONumber, err))
				continue
			}
			// Shipments recorded in the database are not counted here.
			patch, err := u.Resolve(po, core.CurrentValues(po), core.History{}, cfg.MapConfig())
			if err != nil {
				d.Problems = append(d.Problems, err.Error())
				continue
			}
			d.X3Patch = append(d.X3Patch, patch)
		}
	}
	return nil
}
