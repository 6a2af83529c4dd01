-- Issue 13: the 850's state as a function of what happened to it, attempts
-- counted when their outcome is known, and the facts the catch-up needs to
-- tell a silent webhook.

-- When the first request of an outbound revision that may have reached
-- Stedi left (0: none did). It starts Stedi's idempotency window, past
-- which a resend asks Stedi first, and it tells which revision an 855 or
-- 856 answers. Rows from before this migration that may have been sent
-- take their creation time, the earliest the request can have left.
ALTER TABLE documents ADD COLUMN first_sent_at INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET first_sent_at = created_at
WHERE direction = 'out' AND (state IN ('sending', 'sent', 'acknowledged', 'shipped') OR attempts > 0);

-- Which POs each applied inbound document answered (an 856 may name
-- several), with when Stedi processed it: the facts the 850's state is
-- computed from (store/converge.go).
CREATE TABLE IF NOT EXISTS po_answers (
  document_id  INTEGER NOT NULL REFERENCES documents (id),
  po_number    TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  processed_at INTEGER NOT NULL,
  PRIMARY KEY (document_id, po_number)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS po_answers_po ON po_answers (po_number);
INSERT OR IGNORE INTO po_answers (document_id, po_number, kind, processed_at)
  SELECT id, po_number, kind, source_updated FROM documents
  WHERE direction = 'in' AND state = 'applied' AND kind IN ('855', '856') AND po_number <> '';
INSERT OR IGNORE INTO po_answers (document_id, po_number, kind, processed_at)
  SELECT DISTINCT s.document_id, s.po_number, d.kind, d.source_updated
  FROM shipped_lines s JOIN documents d ON d.id = s.document_id WHERE d.state = 'applied';

-- The webhook-silence check (store/silence.go): inbound documents by
-- Stedi's processing time, and whether a webhook brought each one.
CREATE INDEX IF NOT EXISTS documents_inbound_processed ON documents (source_updated) WHERE direction = 'in';
CREATE INDEX IF NOT EXISTS inbox_events_document ON inbox_events (document_id, source);
