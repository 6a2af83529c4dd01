-- The buyer's review of supplier changes (issue 11). An applied 855 keeps
-- each change it proposes to a PO line (quantity, price, date) here, with
-- what X3 held and what the supplier proposes, until a buyer decides. An
-- accepted change gets an inbound document of kind 'change' that writes it
-- into X3 (write_document_id); its state says whether it got there.
CREATE TABLE IF NOT EXISTS review_changes (
  id                INTEGER PRIMARY KEY,
  document_id       INTEGER NOT NULL REFERENCES documents (id),
  po_number         TEXT    NOT NULL,
  line              INTEGER NOT NULL,
  seq               INTEGER NOT NULL DEFAULT 0,
  field             TEXT    NOT NULL,
  column_name       TEXT    NOT NULL,
  current_value     TEXT    NOT NULL DEFAULT '',
  proposed_value    TEXT    NOT NULL,
  value_json        TEXT    NOT NULL,
  unit              TEXT    NOT NULL DEFAULT '',
  supplier          TEXT    NOT NULL DEFAULT '',
  partnership_id    TEXT    NOT NULL DEFAULT '',
  proposed_at       INTEGER NOT NULL,
  created_at        INTEGER NOT NULL,
  decision          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (decision IN ('pending', 'accepted', 'rejected', 'superseded')),
  decided_by        TEXT    NOT NULL DEFAULT '',
  decided_at        INTEGER NOT NULL DEFAULT 0,
  write_document_id INTEGER REFERENCES documents (id),
  UNIQUE (document_id, po_number, line, seq, column_name)
);
CREATE INDEX IF NOT EXISTS review_changes_pending ON review_changes (po_number, line, seq) WHERE decision = 'pending';
CREATE INDEX IF NOT EXISTS review_changes_write ON review_changes (write_document_id) WHERE write_document_id IS NOT NULL;

-- Every PO line each applied 855 answered, and when Stedi processed it: a
-- later 855 about a line supersedes the undecided changes of earlier ones,
-- whichever order they are applied in.
CREATE TABLE IF NOT EXISTS review_lines (
  document_id INTEGER NOT NULL REFERENCES documents (id),
  po_number   TEXT    NOT NULL,
  line        INTEGER NOT NULL,
  seq         INTEGER NOT NULL DEFAULT 0,
  proposed_at INTEGER NOT NULL,
  PRIMARY KEY (document_id, po_number, line, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS review_lines_po ON review_lines (po_number, line, seq);
