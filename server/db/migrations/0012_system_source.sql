-- Batches the app writes from its own measurements (issue 9: forecast_mape and
-- forecasts_up_to_date, computed from the stored forecasts by the scoring job) carry their own
-- source, so that an audit tells them from the seed, the simulator and what people sent.
-- A plain table in both modes: one script for both.
ALTER TABLE ingest_batch DROP CONSTRAINT ingest_batch_source_check;
ALTER TABLE ingest_batch ADD CONSTRAINT ingest_batch_source_check
  CHECK (source IN ('api', 'trpc', 'seed', 'simulator', 'form', 'import', 'system'));
