-- Alerts raised when a KPI leaves its band or is an outlier against its own history.
CREATE TABLE alert (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kpi_id          text NOT NULL,
  org_unit_id     integer NOT NULL REFERENCES org_unit (id),
  -- start of the period whose value raised it
  period          timestamptz NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('band_drop', 'outlier')),
  value           double precision NOT NULL,
  -- band_drop: the band it left; outlier: the median of its history
  reference       text NOT NULL,
  band            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by text,
  -- one alert per KPI, unit, period and kind: repeated batches do not repeat it
  UNIQUE (kpi_id, org_unit_id, period, kind)
);
CREATE INDEX alert_open_idx ON alert (created_at DESC) WHERE acknowledged_at IS NULL;
