-- The system's own forecasts, kept to be scored when the actual values arrive (issue 9): what
-- forecast_mape and forecasts_up_to_date measure. One row per forecast period of one forecast;
-- a forecast is identified by its series (KPI, unit, frequency) and its origin (the newest period
-- of history it saw). The same origin forecast again (the cache was cleared by a write to another
-- period) replaces its rows: the newest forecast from an origin is the one that counts.
-- A plain table in both modes: a few rows per series and origin, read by series.

CREATE TABLE forecast_record (
  kpi_id        text NOT NULL,
  org_unit_id   integer NOT NULL REFERENCES org_unit (id),
  -- the unit's province, null for the nation: what the KPIs are computed per
  province_id   integer REFERENCES org_unit (id),
  frequency     text NOT NULL CHECK (frequency IN ('daily', 'monthly', 'quarterly')),
  -- the newest period of history the forecast saw, and the period forecast (steps ahead = the gap)
  origin_period timestamptz NOT NULL,
  period_start  timestamptz NOT NULL CHECK (period_start > origin_period),
  -- when the forecast was made (the app's clock) and the data version it was made at
  made_at       timestamptz NOT NULL,
  data_version  text NOT NULL,
  model         text NOT NULL,
  -- in the KPI's unit: point forecast and 80 % / 95 % intervals
  mean          double precision NOT NULL,
  lo80          double precision NOT NULL,
  hi80          double precision NOT NULL,
  lo95          double precision NOT NULL,
  hi95          double precision NOT NULL,
  -- the actual value once its period is over and has data, and when it was compared
  actual        double precision,
  scored_at     timestamptz,
  PRIMARY KEY (kpi_id, org_unit_id, frequency, origin_period, period_start)
);
-- scoring looks for forecasts of ended periods not yet compared
CREATE INDEX forecast_record_unscored_idx ON forecast_record (period_start) WHERE scored_at IS NULL;
CREATE INDEX forecast_record_province_idx ON forecast_record (province_id, scored_at);
