package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.ShipmentLedger = (*DB)(nil)

// recordX3Shipment keeps which X3 shipment an applied 856 made or found;
// the first document to record a ship notice keeps it.
func recordX3Shipment(ctx context.Context, tx *sql.Tx, o core.InboundOutcome) error {
	if o.Shipment == nil {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO x3_shipments (asn_id, document_id, ref) VALUES (?, ?, ?)
		ON CONFLICT (asn_id) DO NOTHING`, o.Shipment.ID, o.DocID, o.Shipment.Ref)
	if err != nil {
		return fmt.Errorf("record the X3 shipment of document %d: %w", o.DocID, err)
	}
	return nil
}

// ShipmentRecorded returns the document that recorded a ship notice, and
// the X3 shipment it was recorded as.
func (db *DB) ShipmentRecorded(ctx context.Context, id string) (int64, string, bool, error) {
	var doc int64
	var ref string
	err := db.r.QueryRowContext(ctx, `SELECT document_id, ref FROM x3_shipments WHERE asn_id = ?`, id).Scan(&doc, &ref)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, nil
	}
	if err != nil {
		return 0, "", false, fmt.Errorf("look for the X3 shipment of %s: %w", id, err)
	}
	return doc, ref, true, nil
}
