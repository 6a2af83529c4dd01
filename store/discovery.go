package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.X3SetupStore = (*DB)(nil)

// SaveX3Discovery keeps the latest discovery of an API, replacing the one
// before.
func (db *DB) SaveX3Discovery(ctx context.Context, d core.X3Discovery) error {
	items, err := json.Marshal(d.Items)
	if err != nil {
		return fmt.Errorf("encode the X3 discovery: %w", err)
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO x3_discovery (api, at, items) VALUES (?, ?, ?)
			ON CONFLICT (api) DO UPDATE SET at = excluded.at, items = excluded.items`, d.API, ms(d.At), string(items))
		if err != nil {
			return fmt.Errorf("save the X3 discovery: %w", err)
		}
		return nil
	})
}

// LatestX3Discovery returns the newest discovery of any API.
func (db *DB) LatestX3Discovery(ctx context.Context) (core.X3Discovery, bool, error) {
	var d core.X3Discovery
	var at int64
	var items string
	err := db.r.QueryRowContext(ctx, `SELECT api, at, items FROM x3_discovery ORDER BY at DESC LIMIT 1`).Scan(&d.API, &at, &items)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, fmt.Errorf("read the X3 discovery: %w", err)
	}
	if err := json.Unmarshal([]byte(items), &d.Items); err != nil {
		return d, false, fmt.Errorf("decode the X3 discovery: %w", err)
	}
	d.At = fromMS(at)
	return d, true, nil
}
