package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// ackStatus is what status adds about partners' acknowledgments: the 997s
// taken in and what they said, and the acknowledgments past their deadline.
type ackStatus struct {
	FunctionalAcks store.AckCounts     `json:"functional_acks"`
	Overdue        int                 `json:"overdue"`
	OverdueBy      []core.OverdueCount `json:"overdue_by_partner"`
}

func loadAckStatus(ctx context.Context, db *store.DB, now time.Time) (ackStatus, error) {
	var s ackStatus
	var err error
	if s.FunctionalAcks, err = db.CountAcks(ctx); err != nil {
		return s, err
	}
	if s.OverdueBy, err = db.OverdueCounts(ctx, now); err != nil {
		return s, err
	}
	if s.OverdueBy == nil {
		s.OverdueBy = []core.OverdueCount{}
	}
	for _, c := range s.OverdueBy {
		s.Overdue += c.Count
	}
	return s, nil
}

func printAckStatus(w io.Writer, s ackStatus) {
	f := s.FunctionalAcks
	fmt.Fprintf(w, "\n997s received\t%d: %d accepted, %d with errors, %d rejected, %d matching nothing sent; %d document(s) still awaiting one\n",
		f.Received, f.Accepted, f.WithErrors, f.Rejected, f.Unmatched, f.Awaiting)
	if s.Overdue == 0 {
		fmt.Fprintf(w, "overdue\tnone\n")
		return
	}
	fmt.Fprintf(w, "overdue\t%d acknowledgment(s) past their deadline: ml-connector list --overdue\n", s.Overdue)
	for _, c := range s.OverdueBy {
		fmt.Fprintf(w, "\t  %s (%s): %d %s\n", c.Supplier, c.PartnershipID, c.Count, c.Awaiting)
	}
}

// listOverdue prints the acknowledgments past their deadline, the
// latest first.
func listOverdue(ctx context.Context, db *store.DB, w io.Writer, asJSON bool, limit int) error {
	items, err := db.Overdue(ctx, time.Now(), limit)
	if err != nil {
		return err
	}
	if asJSON {
		return writeList(w, items)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tPO\tSUPPLIER\tAWAITING\tDUE\tLATE")
	for _, o := range items {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", o.DocID, o.Kind, o.PONumber, o.Supplier, o.Awaiting,
			o.Due.Local().Format("01-02 15:04"), o.LateText)
	}
	return tw.Flush()
}

// ackShow is what show adds: the document's three axes, what it is owed
// and when, and every 997 set response about it (or, for a 997, in it).
type ackShow struct {
	Axes           *core.Axes        `json:"axes,omitempty"`
	Tracking       *core.TrackRecord `json:"tracking,omitempty"`
	FunctionalAcks []store.AckRow    `json:"functional_acks,omitempty"`
}

func loadAckShow(ctx context.Context, db *store.DB, d core.Document, now time.Time) (ackShow, error) {
	var s ackShow
	tracks, err := db.Tracking(ctx, d.ID)
	if err != nil {
		return s, err
	}
	if t, ok := tracks[d.ID]; ok {
		s.Tracking = &t
	}
	if d.Direction == core.Outbound {
		axes := core.AxesOf(d, s.Tracking, now)
		s.Axes = &axes
	}
	s.FunctionalAcks, err = db.FunctionalAcks(ctx, d.ID)
	return s, err
}

func printAckShow(w io.Writer, s ackShow) {
	if a := s.Axes; a != nil {
		fmt.Fprintf(w, "  validation %s   delivery %s   business %s\n", axisText(a.Validation), axisText(a.Delivery), axisText(a.Business))
	}
	if t := s.Tracking; t != nil {
		e := t.Envelope
		fmt.Fprintf(w, "  sent %s in ISA13 %d, GS %s %d, ST %s %s\n", t.SentAt.Local().Format(time.DateTime), e.Interchange,
			e.GroupID, e.GroupControl, e.SetID, e.SetControl)
		for _, d := range []struct {
			what     string
			due, got time.Time
		}{{"997", t.Due.FA, t.FAAt}, {"855", t.Due.POA, t.POAAt}, {"856", t.Due.ASN, t.ASNAt}} {
			switch {
			case !d.got.IsZero():
				fmt.Fprintf(w, "    %s came %s\n", d.what, d.got.Local().Format(time.DateTime))
			case !d.due.IsZero():
				fmt.Fprintf(w, "    %s due by %s\n", d.what, d.due.Local().Format(time.DateTime))
			}
		}
	}
	for _, a := range s.FunctionalAcks {
		target := fmt.Sprintf("document %d", a.DocID)
		if a.DocID == 0 {
			target = "nothing sent (unmatched)"
		}
		fmt.Fprintf(w, "  997 (document %d) group %s %d set %s %s → %s: %s\n", a.AckDocumentID, a.GroupID, a.GroupControl,
			a.SetID, a.SetControl, target, a.Detail)
	}
}

func axisText(a core.Axis) string {
	if a.TookText == "" {
		return a.Status
	}
	return a.Status + " (" + a.TookText + ")"
}
