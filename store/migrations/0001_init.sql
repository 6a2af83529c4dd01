-- Documents: one row per revision of an X3 record that goes out, or per
-- document that comes in. Times are Unix milliseconds.
CREATE TABLE documents (
  id                     INTEGER PRIMARY KEY,
  kind                   TEXT    NOT NULL,
  direction              TEXT    NOT NULL CHECK (direction IN ('out', 'in')),
  source_key             TEXT    NOT NULL,
  revision               INTEGER NOT NULL,
  purpose                TEXT    NOT NULL DEFAULT '',
  po_number              TEXT    NOT NULL DEFAULT '',
  supplier               TEXT    NOT NULL DEFAULT '',
  partnership_id         TEXT    NOT NULL DEFAULT '',
  transaction_setting_id TEXT    NOT NULL DEFAULT '',
  content_hash           TEXT    NOT NULL,
  idempotency_key        TEXT,
  state                  TEXT    NOT NULL,
  attempts               INTEGER NOT NULL DEFAULT 0,
  next_attempt_at        INTEGER NOT NULL DEFAULT 0,
  lease_until            INTEGER NOT NULL DEFAULT 0,
  last_error             TEXT    NOT NULL DEFAULT '',
  error_class            TEXT    NOT NULL DEFAULT '',
  source_updated         INTEGER NOT NULL DEFAULT 0,
  payload                BLOB,
  created_at             INTEGER NOT NULL,
  updated_at             INTEGER NOT NULL,
  UNIQUE (kind, source_key, revision)
);
CREATE UNIQUE INDEX documents_idempotency ON documents (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The outbox: due documents in order, without a sort (ClaimDue's WHERE
-- repeats this index's WHERE word for word so SQLite can use it).
CREATE INDEX documents_outbox ON documents (next_attempt_at, id)
  WHERE direction = 'out' AND state IN ('pending', 'retrying');
CREATE INDEX documents_state ON documents (state);
CREATE INDEX documents_kind_state ON documents (kind, state);
CREATE INDEX documents_po ON documents (po_number);
-- A revision's payload is what was (or will be) sent: it never changes.
CREATE TRIGGER documents_payload_immutable BEFORE UPDATE OF payload ON documents
WHEN OLD.payload IS NOT NEW.payload
BEGIN SELECT RAISE(ABORT, 'a document payload never changes'); END;

-- The X3 update stamp last seen per record, and the newest stamp X3 had
-- listed before that read (read_mark): a listed record whose stamp did not
-- move, and whose second had ended before the read, is not read again.
CREATE TABLE source_stamps (
  kind       TEXT    NOT NULL,
  source_key TEXT    NOT NULL,
  updated    INTEGER NOT NULL,
  read_mark  INTEGER NOT NULL,
  PRIMARY KEY (kind, source_key)
) WITHOUT ROWID;

CREATE TABLE cursors (
  name       TEXT PRIMARY KEY,
  value      INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Bodies referenced by the audit trail: X3 records, Guide JSON, responses.
CREATE TABLE payloads (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER REFERENCES documents (id),
  kind         TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  body         BLOB    NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX payloads_document ON payloads (document_id);

-- The audit trail is append-only: the triggers refuse updates and deletes.
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER REFERENCES documents (id),
  at          INTEGER NOT NULL,
  actor       TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  message     TEXT    NOT NULL DEFAULT '',
  payload_id  INTEGER REFERENCES payloads (id)
);
CREATE INDEX audit_document ON audit (document_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;

-- Small named settings shared by every process on this database.
CREATE TABLE control (
  name       TEXT PRIMARY KEY,
  value      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);
