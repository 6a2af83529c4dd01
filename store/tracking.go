package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// recordSent starts following a document Stedi accepted: its envelope,
// the PO's expected receipt and the deadlines of its acknowledgments. A
// document sent again (replayed after a partner's rejection) starts over
// with its new envelope. A newer revision of a PO takes over the 855 and
// 856 its older revisions still waited for: the partner answers the
// latest; a cancellation ends them (it awaits none). A change order (860,
// purpose 04) leaves them where they are: the order still stands.
func recordSent(ctx context.Context, tx *sql.Tx, o core.Outcome, now time.Time) error {
	t := o.Track
	if o.State != core.StateSent || t == nil {
		return nil
	}
	e, sent := t.Envelope, t.SentAt
	if sent.IsZero() {
		sent = now
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO ack_tracking (document_id, kind, po_number, supplier, partnership_id, created_at, sent_at,
		  interchange, group_id, group_control, set_id, set_control, release, receipt_at, fa_due, poa_due, asn_due)
		SELECT id, kind, po_number, supplier, partnership_id, created_at, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
		FROM documents WHERE id = ?
		ON CONFLICT (document_id) DO UPDATE SET sent_at = excluded.sent_at, interchange = excluded.interchange,
		  group_id = excluded.group_id, group_control = excluded.group_control, set_id = excluded.set_id,
		  set_control = excluded.set_control, release = excluded.release, receipt_at = excluded.receipt_at,
		  fa_due = excluded.fa_due, fa_at = 0, fa_status = '', fa_late = 0,
		  poa_due = excluded.poa_due, poa_at = 0, poa_changes = 0, poa_late = 0,
		  asn_due = excluded.asn_due, asn_at = 0, asn_late = 0`,
		ms(sent), e.Interchange, e.GroupID, e.GroupControl, e.SetID, e.SetControl, e.Release, ms(t.ReceiptAt),
		ms(t.Due.FA), ms(t.Due.POA), ms(t.Due.ASN), o.DocID)
	if err != nil {
		return fmt.Errorf("follow the acknowledgments of document %d: %w", o.DocID, err)
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE ack_tracking SET poa_due = CASE WHEN poa_at = 0 THEN 0 ELSE poa_due END,
		  asn_due = CASE WHEN asn_at = 0 THEN 0 ELSE asn_due END
		WHERE kind = '850' AND document_id <> ? AND (poa_at = 0 OR asn_at = 0)
		  AND po_number = (SELECT po_number FROM documents WHERE id = ? AND kind = '850' AND po_number <> ''
		    AND (set_id <> '860' OR purpose = '01'))`,
		o.DocID, o.DocID)
	if err != nil {
		return fmt.Errorf("hand the expectations of older revisions to document %d: %w", o.DocID, err)
	}
	return nil
}
