-- Every export of a view (CSV, XLSX, PNG, PDF) by a signed-in user: who, which view with which
-- parameters, in which format, how many rows, when; refused attempts too (a view outside the
-- user's scope). A row is written when the export starts and completed when it ends, so an export
-- cut off half way stays visible as 'failed' (or 'started' if the server stopped under it).
CREATE TABLE export_audit (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  user_id       integer REFERENCES app_user (id),
  -- the principal's stable name, e.g. user:hoachdinh
  principal     text NOT NULL,
  scope_unit_id integer NOT NULL REFERENCES org_unit (id),
  view          text NOT NULL,
  -- the request's parameters as sent (format and lang included)
  params        jsonb NOT NULL,
  format        text NOT NULL CHECK (format IN ('csv', 'xlsx', 'png', 'pdf')),
  status        text NOT NULL CHECK (status IN ('started', 'completed', 'failed', 'refused')),
  -- data rows written; null until the export ends
  rows_written  integer,
  bytes_written bigint,
  -- why it was refused or failed
  detail        text
);
CREATE INDEX export_audit_started_idx ON export_audit (started_at DESC, id DESC);
CREATE INDEX export_audit_user_idx ON export_audit (user_id, started_at DESC);
