package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

// ResolveInbound records what a thin event's transaction is (its set,
// partnership, mode: core/inbox_thin.go), committed before the inbox
// applies it, so the 856s that wait for a PO's 855 see it as what it is.
func (db *DB) ResolveInbound(ctx context.Context, r core.Resolution) error {
	now := db.Now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE documents SET kind = ?, partnership_id = ?, test = ?, source_updated = ?, updated_at = ?
			WHERE id = ? AND direction = 'in' AND kind = ? AND state = 'processing'`,
			r.Kind, r.PartnershipID, r.Test, ms(r.ProcessedAt), ms(now), r.DocID, core.KindTransaction)
		if err != nil {
			return fmt.Errorf("resolve inbound document %d: %w", r.DocID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("resolve inbound document %d: no longer an unresolved transaction being processed", r.DocID)
		}
		return appendAudit(ctx, tx, r.DocID, r.Audit, now)
	})
}
