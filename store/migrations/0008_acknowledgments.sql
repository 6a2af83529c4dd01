-- What each outbound document Stedi accepted still waits for, and what
-- came back: the envelope Stedi generated (to match the partner's 997 by
-- group and set control numbers), the deadlines of the 997, the 855 and
-- the 856 (0 = none expected), when each answer came (0 = not yet), and
-- when the acknowledgment watch recorded it late (0 = not recorded).
-- Times are Unix milliseconds.
CREATE TABLE IF NOT EXISTS ack_tracking (
  document_id    INTEGER PRIMARY KEY REFERENCES documents (id),
  kind           TEXT    NOT NULL,
  po_number      TEXT    NOT NULL DEFAULT '',
  supplier       TEXT    NOT NULL DEFAULT '',
  partnership_id TEXT    NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  sent_at        INTEGER NOT NULL,
  interchange    INTEGER NOT NULL DEFAULT 0,  -- ISA13
  group_id       TEXT    NOT NULL DEFAULT '', -- GS01: PO, IN
  group_control  INTEGER NOT NULL DEFAULT 0,  -- GS06
  set_id         TEXT    NOT NULL DEFAULT '', -- ST01
  set_control    TEXT    NOT NULL DEFAULT '', -- ST02
  release        TEXT    NOT NULL DEFAULT '', -- GS08
  receipt_at     INTEGER NOT NULL DEFAULT 0,  -- the PO's expected receipt (850 DTM 002)
  fa_due         INTEGER NOT NULL DEFAULT 0,
  fa_at          INTEGER NOT NULL DEFAULT 0,
  fa_status      TEXT    NOT NULL DEFAULT '', -- AK501/IK501 (or AK901): A, E, R, ...
  fa_late        INTEGER NOT NULL DEFAULT 0,
  poa_due        INTEGER NOT NULL DEFAULT 0,
  poa_at         INTEGER NOT NULL DEFAULT 0,
  poa_changes    INTEGER NOT NULL DEFAULT 0,  -- lines the supplier changed or rejected in its 855
  poa_late       INTEGER NOT NULL DEFAULT 0,
  asn_due        INTEGER NOT NULL DEFAULT 0,
  asn_at         INTEGER NOT NULL DEFAULT 0,
  asn_late       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ack_tracking_controls ON ack_tracking (partnership_id, group_control, set_control);
CREATE INDEX IF NOT EXISTS ack_tracking_po ON ack_tracking (po_number, document_id);
CREATE INDEX IF NOT EXISTS ack_tracking_sent ON ack_tracking (sent_at);
-- Open expectations by deadline: the overdue list reads only these.
CREATE INDEX IF NOT EXISTS ack_tracking_fa_open ON ack_tracking (fa_due) WHERE fa_due > 0 AND fa_at = 0;
CREATE INDEX IF NOT EXISTS ack_tracking_poa_open ON ack_tracking (poa_due) WHERE poa_due > 0 AND poa_at = 0;
CREATE INDEX IF NOT EXISTS ack_tracking_asn_open ON ack_tracking (asn_due) WHERE asn_due > 0 AND asn_at = 0;

-- Every set response of every functional acknowledgment (997/999) taken
-- in: the document it acknowledges (NULL when it matched none: kept and
-- reported, never dropped), the status and, in words, what the partner
-- refused. Applying a 997 again rewrites its own rows.
CREATE TABLE IF NOT EXISTS functional_acks (
  id              INTEGER PRIMARY KEY,
  ack_document_id INTEGER NOT NULL REFERENCES documents (id),
  document_id     INTEGER REFERENCES documents (id),
  partnership_id  TEXT    NOT NULL DEFAULT '',
  group_id        TEXT    NOT NULL DEFAULT '',
  group_control   INTEGER NOT NULL DEFAULT 0,
  set_id          TEXT    NOT NULL DEFAULT '',
  set_control     TEXT    NOT NULL DEFAULT '',
  status          TEXT    NOT NULL,
  detail          TEXT    NOT NULL DEFAULT '',
  at              INTEGER NOT NULL,
  UNIQUE (ack_document_id, group_control, set_control)
);
CREATE INDEX IF NOT EXISTS functional_acks_document ON functional_acks (document_id);

-- Alerts announced and not cleared, so a restart does not announce them
-- again; and the messages each notifier still has to deliver.
CREATE TABLE IF NOT EXISTS alerts (
  key       TEXT PRIMARY KEY,
  title     TEXT    NOT NULL,
  detail    TEXT    NOT NULL DEFAULT '',
  raised_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS alert_outbox (
  id         INTEGER PRIMARY KEY,
  notifier   TEXT    NOT NULL,
  subject    TEXT    NOT NULL,
  body       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS alert_outbox_pending ON alert_outbox (notifier, id) WHERE sent_at = 0;
