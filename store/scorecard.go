package store

import (
	"context"
	"fmt"
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
// Percentiles are computed by SQLite, two rows per partner, so memory does
// not grow with the number of documents.
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
	byPartner := map[[2]string]*PartnerScore{}
	for i := range out {
		byPartner[[2]string{out[i].Supplier, out[i].PartnershipID}] = &out[i]
	}
	for _, l := range []struct {
		col string
		dst func(*PartnerScore) *Latency
	}{{"fa_at", func(s *PartnerScore) *Latency { return &s.To997 }}, {"poa_at", func(s *PartnerScore) *Latency { return &s.To855 }},
		{"asn_at", func(s *PartnerScore) *Latency { return &s.To856 }}} {
		if err := db.latencies(ctx, l.col, since, func(supplier, partnership string) *Latency {
			if s, ok := byPartner[[2]string{supplier, partnership}]; ok {
				return l.dst(s)
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// latencies reads, for every partner at once, how many answers in column
// col came since since, and the median and 95th percentile of their time
// from the send: the rows whose rank (nearest rank, ceil(p·n)) is that of
// a percentile, two per partner, so memory does not grow with the number
// of documents. into says where a partner's figures go.
func (db *DB) latencies(ctx context.Context, col string, since time.Time, into func(supplier, partnership string) *Latency) error {
	rows, err := db.r.QueryContext(ctx, `
		SELECT supplier, partnership_id, n, rn, v FROM (
		  SELECT supplier, partnership_id, MAX(`+col+` - sent_at, 0) AS v,
		    ROW_NUMBER() OVER (PARTITION BY supplier, partnership_id ORDER BY `+col+` - sent_at) AS rn,
		    COUNT(*) OVER (PARTITION BY supplier, partnership_id) AS n
		  FROM ack_tracking WHERE sent_at >= ? AND `+col+` > 0)
		WHERE rn = (n + 1) / 2 OR rn = (95 * n + 99) / 100`, ms(since))
	if err != nil {
		return fmt.Errorf("percentiles of %s: %w", col, err)
	}
	defer rows.Close()
	for rows.Next() {
		var supplier, partnership string
		var n, rn, v int64
		if err := rows.Scan(&supplier, &partnership, &n, &rn, &v); err != nil {
			return err
		}
		l := into(supplier, partnership)
		if l == nil {
			continue
		}
		d := time.Duration(v) * time.Millisecond
		l.Count = int(n)
		if rn == (n+1)/2 {
			l.Median, l.MedianText = d, core.ShortDuration(d)
		}
		if rn == (95*n+99)/100 {
			l.P95, l.P95Text = d, core.ShortDuration(d)
		}
	}
	return rows.Err()
}
