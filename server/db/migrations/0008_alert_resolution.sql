-- An alert is one episode: it stays (open, then acknowledged) until its unit recovers, when
-- resolved_at is set. While an episode of a KPI, unit and kind is unresolved no new one is raised.
ALTER TABLE alert ADD COLUMN resolved_at timestamptz;
CREATE INDEX alert_active_idx ON alert (kpi_id, org_unit_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX alert_created_idx ON alert (created_at DESC, id DESC);
