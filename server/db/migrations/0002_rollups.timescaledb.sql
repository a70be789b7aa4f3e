-- TimescaleDB: measurement becomes a hypertable; roll-ups are continuous aggregates with
-- real-time aggregation, so a query sees materialised buckets plus the newest raw rows.
-- Buckets are local (Asia/Ho_Chi_Minh) hours, days and months.

SELECT create_hypertable('measurement', by_range('ts', INTERVAL '30 days'));


ALTER TABLE measurement SET (
  timescaledb.compress,
  timescaledb.compress_segmentby = 'kpi_id, org_unit_id',
  timescaledb.compress_orderby = 'ts'
);

CREATE MATERIALIZED VIEW rollup_hour
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT kpi_id, province_id, org_unit_id,
       time_bucket(INTERVAL '1 hour', ts, 'Asia/Ho_Chi_Minh') AS bucket,
       sum(num) AS num, sum(den) AS den, count(*) AS n
FROM measurement
GROUP BY kpi_id, province_id, org_unit_id, time_bucket(INTERVAL '1 hour', ts, 'Asia/Ho_Chi_Minh')
WITH NO DATA;

CREATE MATERIALIZED VIEW rollup_day
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT kpi_id, province_id, org_unit_id,
       time_bucket(INTERVAL '1 day', ts, 'Asia/Ho_Chi_Minh') AS bucket,
       sum(num) AS num, sum(den) AS den, count(*) AS n
FROM measurement
GROUP BY kpi_id, province_id, org_unit_id, time_bucket(INTERVAL '1 day', ts, 'Asia/Ho_Chi_Minh')
WITH NO DATA;

CREATE MATERIALIZED VIEW rollup_month
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT kpi_id, province_id, org_unit_id,
       time_bucket(INTERVAL '1 month', ts, 'Asia/Ho_Chi_Minh') AS bucket,
       sum(num) AS num, sum(den) AS den, count(*) AS n
FROM measurement
GROUP BY kpi_id, province_id, org_unit_id, time_bucket(INTERVAL '1 month', ts, 'Asia/Ho_Chi_Minh')
WITH NO DATA;

-- One index per roll-up, in the order reads filter: KPI, then province or unit, then time.
CREATE INDEX rollup_hour_read_idx ON rollup_hour (kpi_id, province_id, bucket);
CREATE INDEX rollup_day_read_idx ON rollup_day (kpi_id, province_id, bucket);
CREATE INDEX rollup_month_read_idx ON rollup_month (kpi_id, province_id, bucket);
