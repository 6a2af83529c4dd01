package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// rejectedStatuses are the 997 statuses (element 717) that refuse a set,
// as core.Rejected says.
const rejectedStatuses = `('R', 'M', 'W', 'X')`

const trackColumns = `document_id, kind, po_number, supplier, partnership_id, created_at, sent_at, interchange,
	group_id, group_control, release, set_id, set_control, receipt_at, fa_due, poa_due, asn_due, fa_at, fa_status,
	poa_at, poa_changes, asn_at, fa_late, poa_late, asn_late`

// Tracking reads the tracking records of documents (those never sent
// have none).
func (db *DB) Tracking(ctx context.Context, ids ...int64) (map[int64]core.TrackRecord, error) {
	out := map[int64]core.TrackRecord{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.r.QueryContext(ctx, `SELECT `+trackColumns+` FROM ack_tracking WHERE document_id IN (`+
		placeholders(len(ids))+`)`, anys(ids)...)
	if err != nil {
		return nil, fmt.Errorf("read tracking: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTrack(rows)
		if err != nil {
			return nil, err
		}
		out[t.DocID] = t
	}
	return out, rows.Err()
}

func scanTrack(rows *sql.Rows) (core.TrackRecord, error) {
	var t core.TrackRecord
	e := &t.Envelope
	var created, sent, receipt, faDue, poaDue, asnDue, faAt, poaAt, asnAt, faLate, poaLate, asnLate int64
	err := rows.Scan(&t.DocID, &t.Kind, &t.PONumber, &t.Supplier, &t.PartnershipID, &created, &sent, &e.Interchange,
		&e.GroupID, &e.GroupControl, &e.Release, &e.SetID, &e.SetControl, &receipt, &faDue, &poaDue, &asnDue, &faAt,
		&t.FAStatus, &poaAt, &t.POAChanges, &asnAt, &faLate, &poaLate, &asnLate)
	if err != nil {
		return t, fmt.Errorf("read tracking: %w", err)
	}
	t.CreatedAt, t.SentAt, t.ReceiptAt = fromMS(created), fromMS(sent), fromMS(receipt)
	t.Due = core.Expectation{FA: fromMS(faDue), POA: fromMS(poaDue), ASN: fromMS(asnDue)}
	t.FAAt, t.POAAt, t.ASNAt = fromMS(faAt), fromMS(poaAt), fromMS(asnAt)
	t.Late = core.Expectation{FA: fromMS(faLate), POA: fromMS(poaLate), ASN: fromMS(asnLate)}
	return t, nil
}

// AckRow is one set response of a functional acknowledgment as stored:
// the record (DocID 0 when it matched nothing), the 997 it came in, and when.
type AckRow struct {
	core.AckRecord
	AckDocumentID int64     `json:"ack_document_id"`
	PartnershipID string    `json:"partnership_id,omitempty"`
	At            time.Time `json:"at"`
}

// FunctionalAcks lists the set responses about a document: those that
// acknowledge it, or, for a 997, those it holds.
func (db *DB) FunctionalAcks(ctx context.Context, docID int64) ([]AckRow, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT ack_document_id, COALESCE(document_id, 0), partnership_id, group_id, group_control, set_id, set_control,
		  status, detail, at
		FROM functional_acks WHERE document_id = ? OR ack_document_id = ? ORDER BY id`, docID, docID)
	if err != nil {
		return nil, fmt.Errorf("read functional acknowledgments of %d: %w", docID, err)
	}
	defer rows.Close()
	var out []AckRow
	for rows.Next() {
		var r AckRow
		var at int64
		if err := rows.Scan(&r.AckDocumentID, &r.DocID, &r.PartnershipID, &r.GroupID, &r.GroupControl, &r.SetID,
			&r.SetControl, &r.Status, &r.Detail, &at); err != nil {
			return nil, err
		}
		r.At = fromMS(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// AckCounts sums up functional acknowledgments for status reports.
type AckCounts struct {
	Received   int `json:"received"`    // 997 and 999 documents taken in
	Accepted   int `json:"accepted"`    // set responses A
	WithErrors int `json:"with_errors"` // E
	Rejected   int `json:"rejected"`    // R, M, W, X
	Unmatched  int `json:"unmatched"`   // answering nothing sent
	Awaiting   int `json:"awaiting"`    // sent documents still without one
}

// CountAcks counts functional acknowledgments and the documents still
// waiting for theirs.
func (db *DB) CountAcks(ctx context.Context) (AckCounts, error) {
	var c AckCounts
	err := db.r.QueryRowContext(ctx, `
		SELECT
		  (SELECT COUNT(*) FROM documents WHERE direction = 'in' AND kind IN ('997', '999')),
		  COALESCE(SUM(status = 'A' AND document_id IS NOT NULL), 0),
		  COALESCE(SUM(status = 'E' AND document_id IS NOT NULL), 0),
		  COALESCE(SUM(status IN `+rejectedStatuses+` AND document_id IS NOT NULL), 0),
		  COALESCE(SUM(document_id IS NULL), 0),
		  (SELECT COUNT(*) FROM ack_tracking WHERE fa_due > 0 AND fa_at = 0)
		FROM functional_acks`).Scan(&c.Received, &c.Accepted, &c.WithErrors, &c.Rejected, &c.Unmatched, &c.Awaiting)
	if err != nil {
		return c, fmt.Errorf("count functional acknowledgments: %w", err)
	}
	return c, nil
}

// overdueSQL lists the open expectations past their deadline, one row
// per document and acknowledgment awaited, from the partial indexes.
// With unmarked, only those the watch has not recorded late yet.
func overdueSQL(unmarked bool) string {
	var parts []string
	for _, e := range []struct{ kind, col string }{{"997", "fa"}, {"855", "poa"}, {"856", "asn"}} {
		q := fmt.Sprintf(`SELECT document_id, kind, '%s' AS awaiting, po_number, supplier, partnership_id,
		  sent_at, %[2]s_due AS due FROM ack_tracking WHERE %[2]s_due > 0 AND %[2]s_at = 0 AND %[2]s_due <= ?`, e.kind, e.col)
		if unmarked {
			q += " AND " + e.col + "_late = 0"
		}
		parts = append(parts, q)
	}
	return strings.Join(parts, " UNION ALL ")
}

// Overdue lists up to limit acknowledgments past their deadline at now,
// the latest first (the oldest deadline).
func (db *DB) Overdue(ctx context.Context, now time.Time, limit int) ([]core.OverdueItem, error) {
	return db.overdue(ctx, now, limit, false)
}

func (db *DB) overdue(ctx context.Context, now time.Time, limit int, unmarked bool) ([]core.OverdueItem, error) {
	rows, err := db.r.QueryContext(ctx, overdueSQL(unmarked)+` ORDER BY due, document_id LIMIT ?`,
		ms(now), ms(now), ms(now), limit)
	if err != nil {
		return nil, fmt.Errorf("list overdue acknowledgments: %w", err)
	}
	defer rows.Close()
	var out []core.OverdueItem
	for rows.Next() {
		var o core.OverdueItem
		var sent, due int64
		if err := rows.Scan(&o.DocID, &o.Kind, &o.Awaiting, &o.PONumber, &o.Supplier, &o.PartnershipID, &sent, &due); err != nil {
			return nil, err
		}
		o.SentAt, o.Due = fromMS(sent), fromMS(due)
		o.Late = now.Sub(o.Due)
		o.LateText = core.ShortDuration(o.Late)
		out = append(out, o)
	}
	return out, rows.Err()
}

// OverdueCounts counts acknowledgments past their deadline at now, by
// partner and kind awaited.
func (db *DB) OverdueCounts(ctx context.Context, now time.Time) ([]core.OverdueCount, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT supplier, partnership_id, awaiting, COUNT(*) FROM (`+overdueSQL(false)+
		`) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, ms(now), ms(now), ms(now))
	if err != nil {
		return nil, fmt.Errorf("count overdue acknowledgments: %w", err)
	}
	defer rows.Close()
	var out []core.OverdueCount
	for rows.Next() {
		var c core.OverdueCount
		if err := rows.Scan(&c.Supplier, &c.PartnershipID, &c.Awaiting, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkOverdue records, for up to limit acknowledgments that passed their
// deadline by now and were not recorded late yet, that they are late: in
// the tracking record and in the document's audit trail, once each.
func (db *DB) MarkOverdue(ctx context.Context, now time.Time, limit int) ([]core.OverdueItem, error) {
	items, err := db.overdue(ctx, now, limit, true)
	if err != nil {
		return nil, err
	}
	var marked []core.OverdueItem
	err = db.tx(ctx, func(tx *sql.Tx) error {
		for _, o := range items {
			col := map[core.Kind]string{"997": "fa", "855": "poa", "856": "asn"}[o.Awaiting]
			res, err := tx.ExecContext(ctx, `UPDATE ack_tracking SET `+col+`_late = ? WHERE document_id = ? AND `+
				col+`_late = 0 AND `+col+`_at = 0`, ms(now), o.DocID)
			if err != nil {
				return fmt.Errorf("record overdue %s of document %d: %w", o.Awaiting, o.DocID, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if err := appendAudit(ctx, tx, o.DocID, core.AuditEntry{Actor: "watch", Action: "overdue_" + string(o.Awaiting),
				Message: o.Describe()}, now); err != nil {
				return err
			}
			marked = append(marked, o)
		}
		return nil
	})
	return marked, err
}
