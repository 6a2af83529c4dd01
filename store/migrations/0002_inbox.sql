-- The inbound path. Inbound documents (855, 856, and failed files) live in
-- `documents` with direction 'in', source_key = Stedi's transaction id
-- (file execution id for a failed file), one row per transaction: the
-- partial unique index below deduplicates transactions however they
-- arrive (webhook, duplicate delivery, catch-up).
CREATE UNIQUE INDEX IF NOT EXISTS documents_inbound_source ON documents (source_key) WHERE direction = 'in';
-- The inbox: due inbound documents in order (ClaimInbound repeats this WHERE).
CREATE INDEX IF NOT EXISTS documents_inbox ON documents (next_attempt_at, id)
  WHERE direction = 'in' AND state IN ('received', 'retrying');

-- Every event taken in, by Stedi's event id (catch-up entries use
-- "catchup:<transaction id>"): a redelivered event is recognised before
-- anything else happens. document_id is the document it became, if any.
CREATE TABLE IF NOT EXISTS inbox_events (
  event_id       TEXT PRIMARY KEY,
  event_type     TEXT    NOT NULL,
  transaction_id TEXT    NOT NULL DEFAULT '',
  source         TEXT    NOT NULL,
  document_id    INTEGER REFERENCES documents (id),
  received_at    INTEGER NOT NULL
);

-- What each applied 856 shipped of each PO line, so the cumulative
-- shipped quantity written to X3 is the same however often, and in
-- whatever order, ship notices are applied.
CREATE TABLE IF NOT EXISTS shipped_lines (
  document_id INTEGER NOT NULL REFERENCES documents (id),
  po_number   TEXT    NOT NULL,
  line        INTEGER NOT NULL,
  quantity    REAL    NOT NULL,
  delivery    TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (document_id, po_number, line)
);
CREATE INDEX IF NOT EXISTS shipped_lines_po ON shipped_lines (po_number, line);

-- 850 content hashes write-backs leave POs with, each with the 850
-- revision it was derived from: the poller sends nothing for them. Every
-- write keeps its own row, so a write that failed after its hash was
-- recorded cannot hide the state an earlier write left.
CREATE TABLE IF NOT EXISTS absorbed_hashes (
  po_number    TEXT    NOT NULL,
  content_hash TEXT    NOT NULL,
  revision     INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (po_number, content_hash)
) WITHOUT ROWID;
