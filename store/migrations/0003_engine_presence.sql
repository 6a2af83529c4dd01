-- Which engine runs on this database, so that a terminal UI opened beside a
-- daemon attaches to it instead of starting a second engine. A heartbeat
-- every few seconds does not belong in `control`, whose every change is
-- audited. One row: one engine per database. status is JSON (core.EngineStatus).
-- IF NOT EXISTS: this file may be numbered before 0002 lands on a working copy.
CREATE TABLE IF NOT EXISTS engine_presence (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  pid        INTEGER NOT NULL,
  host       TEXT    NOT NULL,
  started_at INTEGER NOT NULL,
  beat_at    INTEGER NOT NULL,
  status     TEXT    NOT NULL DEFAULT '{}'
);

-- Requests to the running engine from another process (the UI's "poll
-- now"); the engine marks each one done when it acts on it.
CREATE TABLE IF NOT EXISTS engine_requests (
  id           INTEGER PRIMARY KEY,
  action       TEXT    NOT NULL,
  actor        TEXT    NOT NULL,
  requested_at INTEGER NOT NULL,
  done_at      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS engine_requests_open ON engine_requests (id) WHERE done_at = 0;

-- The UI pages documents by direction newest first (the rowid rides along
-- in the index), and counts documents per hour of creation.
CREATE INDEX IF NOT EXISTS documents_direction ON documents (direction);
CREATE INDEX IF NOT EXISTS documents_created ON documents (created_at);
