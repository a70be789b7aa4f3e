-- Period reports submitted by staff: drafts, submissions, approvals and corrections, with the
-- full history of every value. A submitted report's value also lands in measurement, so the
-- dashboards show it at once (provisional until approved).
CREATE TABLE report (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kpi_id       text NOT NULL,
  org_unit_id  integer NOT NULL REFERENCES org_unit (id),
  period_start timestamptz NOT NULL,
  status       text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
  -- the inputs as entered: {"numerator": …, "denominator": …} or {"value": …, "weight": …}
  inputs       jsonb NOT NULL,
  -- why an outlier is right, required to submit one
  explanation  text,
  outlier      boolean NOT NULL DEFAULT false,
  -- optimistic concurrency: every change increments it; a save names the version it edited
  version      integer NOT NULL DEFAULT 1,
  submitted_at timestamptz,
  submitted_by text,
  approved_at  timestamptz,
  approved_by  text,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   text NOT NULL,
  UNIQUE (kpi_id, org_unit_id, period_start)
);
CREATE INDEX report_unit_period_idx ON report (org_unit_id, period_start);
CREATE INDEX report_status_idx ON report (status, period_start) WHERE status = 'submitted';

CREATE TABLE report_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id   bigint NOT NULL REFERENCES report (id),
  action      text NOT NULL CHECK (action IN ('draft', 'submit', 'approve', 'correct')),
  from_status text,
  to_status   text NOT NULL,
  old_inputs  jsonb,
  new_inputs  jsonb,
  reason      text,
  actor       text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_event_report_idx ON report_event (report_id, id);
