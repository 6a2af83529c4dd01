package store

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Latency sums up how long partners took for one acknowledgment: how
// many came, and the median and 95th percentile of the time from the send
// (nearest rank: the value below which that share of the answers fall).
type Latency struct {
	Count      int           `json:"count"`
	Median     time.Duration `json:"median_ns"`
	MedianText string        `json:"median"`
	P95        time.Duration `json:"p95_ns"`
	P95Text    string        `json:"p95"`
}

// PartnerScore is one partner's record over a period.
type PartnerScore struct {
	Supplier      string  `json:"supplier"`
	PartnershipID string  `json:"partnership_id"`
	Sent          int     `json:"sent"`     // documents Stedi accepted
	To997         Latency `json:"to_997"`   // send → 997
	To855         Latency `json:"to_855"`   // 850 → 855
	To856         Latency `json:"to_856"`   // 850 → first 856
	Overdue       int     `json:"overdue"`  // acknowledgments past their deadline now
	Rejected      int     `json:"rejected"` // documents the partner's 997 rejected
	Changes       int     `json:"changes"`  // 855 lines the supplier changed or rejected
}

// Scorecard rates every partner that was sent documents since since, from
// the store alone: what was sent, how fast each acknowledgment came, what
// is overdue at now, what was rejected and what the supplier changed.
// Partners with documents but nothing sent (all failed) are listed too.
// Percentiles are read one row each from SQLite, so memory does not grow
// with the number of documents.
func (db *DB) Scorecard(ctx context.Context, since, now time.Time) ([]PartnerScore, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT p.supplier, p.partnership_id, COUNT(t.document_id),
		  COALESCE(SUM(t.fa_status IN `+rejectedStatuses+`), 0), COALESCE(SUM(t.poa_changes), 0),
		  COALESCE(SUM((t.fa_due > 0 AND t.fa_at = 0 AND t.fa_due <= ?) + (t.poa_due > 0 AND t.poa_at = 0 AND t.poa_due <= ?)
		    + (t.asn_due > 0 AND t.asn_at = 0 AND t.asn_due <= ?)), 0)
		FROM (SELECT DISTINCT supplier, partnership_id FROM documents
		      WHERE direction = 'out' AND created_at >= ? AND (supplier <> '' OR partnership_id <> '')) p
		LEFT JOIN ack_tracking t ON t.supplier = p.supplier AND t.partnership_id = p.partnership_id AND t.sent_at >= ?
		GROUP BY p.supplier, p.partnership_id ORDER BY p.supplier, p.partnership_id`,
		ms(now), ms(now), ms(now), ms(since), ms(since))
	if err != nil {
		return nil, fmt.Errorf("score partners: %w", err)
	}
	var out []PartnerScore
	for rows.Next() {
		var s PartnerScore
		if err := rows.Scan(&s.Supplier, &s.PartnershipID, &s.Sent, &s.Rejected, &s.Changes, &s.Overdue); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := db.latencies(ctx, &out[i], since); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (db *DB) latencies(ctx context.Context, s *PartnerScore, since time.Time) error {
	for _, l := range []struct {
		col string
		dst *Latency
	}{{"fa_at", &s.To997}, {"poa_at", &s.To855}, {"asn_at", &s.To856}} {
		lat, err := db.latency(ctx, s.Supplier, s.PartnershipID, since, l.col)
		if err != nil {
			return err
		}
		*l.dst = lat
	}
	return nil
}

// latency reads the count, then the median and the 95th percentile by
// their rank, of answer column col minus the send time.
func (db *DB) latency(ctx context.Context, supplier, partnership string, since time.Time, col string) (Latency, error) {
	where := ` FROM ack_tracking WHERE supplier = ? AND partnership_id = ? AND sent_at >= ? AND ` + col + ` > 0`
	args := []any{supplier, partnership, ms(since)}
	var l Latency
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*)`+where, args...).Scan(&l.Count); err != nil {
		return l, fmt.Errorf("count %s of %s: %w", col, supplier, err)
	}
	if l.Count == 0 {
		return l, nil
	}
	rank := func(p float64) (time.Duration, error) {
		var v int64
		off := int(math.Ceil(p*float64(l.Count))) - 1
		err := db.r.QueryRowContext(ctx, `SELECT MAX(`+col+` - sent_at, 0)`+where+` ORDER BY 1 LIMIT 1 OFFSET ?`,
			append(args, max(0, off))...).Scan(&v)
		return time.Duration(v) * time.Millisecond, err
	}
	var err error
	if l.Median, err = rank(0.5); err != nil {
		return l, fmt.Errorf("median %s of %s: %w", col, supplier, err)
	}
	if l.P95, err = rank(0.95); err != nil {
		return l, fmt.Errorf("95th percentile %s of %s: %w", col, supplier, err)
	}
	l.MedianText, l.P95Text = core.ShortDuration(l.Median), core.ShortDuration(l.P95)
	return l, nil
}
