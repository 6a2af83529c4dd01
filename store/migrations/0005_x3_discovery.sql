-- What discovery last found of the Sage X3 site: for each API (rest,
-- graphql), the objects each capability needs, ok or missing
-- (core.X3Discovery). One row per API, replaced at every discovery; the
-- pause it implies is the control x3.setup.paused, audited when it changes.
CREATE TABLE IF NOT EXISTS x3_discovery (
  api   TEXT    PRIMARY KEY,
  at    INTEGER NOT NULL,
  items TEXT    NOT NULL
);

-- The X3 shipment (or receipt) each applied 856 was recorded as, by the
-- ship notice's identity (partner/BSN02): a second delivery of the same
-- notice finds it here and writes nothing.
CREATE TABLE IF NOT EXISTS x3_shipments (
  asn_id      TEXT    PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  ref         TEXT    NOT NULL
);
