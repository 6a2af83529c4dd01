package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// WebhookSilence reports the inbound transactions that came only by the
// catch-up, that Stedi processed at or before processedBy, and after the
// newest transaction a webhook delivered. Processing times are Stedi's
// on both sides of the comparison, so the two clocks never meet; failed
// files (kind file) are left out, their events are not transactions.
// The index on processing time (0004) walks back from the newest
// document only as far as the last one a webhook brought.
func (db *DB) WebhookSilence(ctx context.Context, processedBy time.Time) (core.Silence, error) {
	var s core.Silence
	var last int64
	err := db.r.QueryRowContext(ctx, `
		SELECT d.source_updated FROM documents d INDEXED BY documents_inbound_processed
		WHERE d.direction = 'in' AND d.source_updated > 0
		  AND EXISTS (SELECT 1 FROM inbox_events e WHERE e.document_id = d.id AND e.source = 'webhook')
		ORDER BY d.source_updated DESC LIMIT 1`).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("find the newest webhook delivery: %w", err)
	}
	var since sql.NullInt64
	err = db.r.QueryRowContext(ctx, `
		SELECT COUNT(*), MIN(d.source_updated) FROM documents d INDEXED BY documents_inbound_processed
		WHERE d.direction = 'in' AND d.source_updated > ? AND d.source_updated <= ? AND d.kind <> 'file'
		  AND NOT EXISTS (SELECT 1 FROM inbox_events e WHERE e.document_id = d.id AND e.source = 'webhook')`,
		last, ms(processedBy)).Scan(&s.Undelivered, &since)
	if err != nil {
		return s, fmt.Errorf("count transactions no webhook delivered: %w", err)
	}
	s.Since, s.LastDelivered = fromMS(since.Int64), fromMS(last)
	return s, nil
}
