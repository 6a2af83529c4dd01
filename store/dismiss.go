package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

// Dismiss takes failed Stedi files (kind "file": a file.failed.v2 Stedi
// could not process, which nothing here can replay) out of the failed
// queue, each with an audit entry naming actor and reason. Other
// documents are left as they are; the ids dismissed are returned.
func (db *DB) Dismiss(ctx context.Context, ids []int64, actor, reason string) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	now := db.Now()
	var done []int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		args := append([]any{core.StateDismissed, ms(now), core.StateFailed, core.KindStediFile}, anys(ids)...)
		rows, err := tx.QueryContext(ctx, `
			UPDATE documents SET state = ?, updated_at = ?
			WHERE state = ? AND kind = ? AND id IN (`+placeholders(len(ids))+`) RETURNING id`, args...)
		if err != nil {
			return fmt.Errorf("dismiss: %w", err)
		}
		if done, err = scanIDs(rows); err != nil {
			return err
		}
		msg := "dismissed from the failed queue by an operator"
		if reason != "" {
			msg += ": " + reason
		}
		for _, id := range done {
			if err := appendAudit(ctx, tx, id, core.AuditEntry{Actor: actor, Action: "dismissed", Message: msg}, now); err != nil {
				return err
			}
		}
		return nil
	})
	return done, err
}
