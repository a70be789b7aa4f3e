-- Alert checks owed: the (KPI, province, period) series a committed write changed whose alert
-- check has not run yet. Written in the writing transaction, deleted once the check is done, so a
-- process killed between the commit and the check (or a check that failed) leaves a record that
-- the next sweep finds: no committed value escapes its alert check for good. Append-only (no
-- unique key), so concurrent writers to one series never wait for each other here; the sweep
-- checks each distinct series once, whatever the number of records.
CREATE TABLE pending_alert_evaluation (
  id bigserial PRIMARY KEY,
  kpi_id text NOT NULL,
  org_unit_id integer NOT NULL,
  -- start of the KPI's reporting period the write touched
  period timestamptz NOT NULL
);

