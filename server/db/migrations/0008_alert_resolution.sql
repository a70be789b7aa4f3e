-- An alert is one episode: it stays (open, then acknowledged) until its unit recovers, when
-- resolved_at is set. While an episode of a KPI, unit and kind is unresolved no new one is raised;
-- after a recovery the next one is a new episode, even within the same period.
ALTER TABLE alert ADD COLUMN resolved_at timestamptz;
-- Alerts raised before episodes existed: of several for one KPI, unit and kind, the newest stays
-- the episode; each older one counts as resolved when the next was raised.
UPDATE alert a SET resolved_at = (
  SELECT min(b.created_at) FROM alert b
  WHERE b.kpi_id = a.kpi_id AND b.org_unit_id = a.org_unit_id AND b.kind = a.kind AND (b.created_at, b.id) > (a.created_at, a.id)
)
WHERE EXISTS (
  SELECT 1 FROM alert b
  WHERE b.kpi_id = a.kpi_id AND b.org_unit_id = a.org_unit_id AND b.kind = a.kind AND (b.created_at, b.id) > (a.created_at, a.id)
);
ALTER TABLE alert DROP CONSTRAINT alert_kpi_id_org_unit_id_period_kind_key;
CREATE UNIQUE INDEX alert_active_idx ON alert (kpi_id, org_unit_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX alert_created_idx ON alert (created_at DESC, id DESC);
