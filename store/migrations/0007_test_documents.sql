-- Test documents (issue 12): an outbound document of a partner in test
-- mode (sent with ISA15 T), or an inbound one Stedi processed with mode
-- test or other. They never change a production Sage X3 and are counted
-- apart from production documents.
ALTER TABLE documents ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS documents_test ON documents (kind, state) WHERE test = 1;
-- The X12 release an outbound document was written for (004010, 005010):
-- the partner's at the time, for previews and status.
ALTER TABLE documents ADD COLUMN x12_release TEXT NOT NULL DEFAULT '';
