package store

import "context"

// ExecForTest runs a raw statement on the writer, for tests of constraints.
func (db *DB) ExecForTest(ctx context.Context, stmt string) error {
	_, err := db.w.ExecContext(ctx, stmt)
	return err
}
