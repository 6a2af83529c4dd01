-- Issue 12, PO cancellation and change orders. set_id is the transaction
-- set a revision goes out as when it is not its kind's own ('860' for a
-- PO's change order; '' otherwise). order_lines is the PO's lines as the
-- revision tells the partner (JSON, core.OrderLine; NULL when it tells
-- none): a later 860 lists what differs from the newest revision that may
-- have reached the partner. A revision in state 'closed' records why
-- nothing went out (closed by receipt, or cancelled before any 850 did).
ALTER TABLE documents ADD COLUMN set_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN order_lines TEXT;
