-- Plain PostgreSQL: the same roll-up relations as plain views, computed on read. Same columns,
-- same local (Asia/Ho_Chi_Minh) buckets as the TimescaleDB continuous aggregates.

CREATE INDEX measurement_province_idx ON measurement (kpi_id, province_id, ts);

CREATE VIEW rollup_hour AS
SELECT kpi_id, province_id, org_unit_id,
       date_trunc('hour', ts, 'Asia/Ho_Chi_Minh') AS bucket,
       sum(num) AS num, sum(den) AS den, count(*) AS n
FROM measurement
GROUP BY kpi_id, province_id, org_unit_id, date_trunc('hour', ts, 'Asia/Ho_Chi_Minh');

CREATE VIEW rollup_day AS
SELECT kpi_id, province_id, org_unit_id,
       date_trunc('day', ts, 'Asia/Ho_Chi_Minh') AS bucket,
       sum(num) AS num, sum(den) AS den, count(*) AS n
FROM measurement
GROUP BY kpi_id, province_id, org_unit_id, date_trunc('day', ts, 'Asia/Ho_Chi_Minh');

CREATE VIEW rollup_month AS
SELECT kpi_id, province_id, org_unit_id,
       date_trunc('month', ts, 'Asia/Ho_Chi_Minh') AS bucket,
       sum(num) AS num, sum(den) AS den, count(*) AS n
FROM measurement
GROUP BY kpi_id, province_id, org_unit_id, date_trunc('month', ts, 'Asia/Ho_Chi_Minh');
