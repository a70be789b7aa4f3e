-- Each unit's own summed parts beside its row count in level_unit (migration 0013): per KPI, unit,
-- local day, month and quarter, and the province its rows carry. The writes keep them with the
-- count they already keep (server/db/queries/levelSums.ts), so a province's communes in a period
-- (the province page's list and ranking) and a commune's own periods are a few rows read by an
-- index, whatever the history's length, instead of an aggregation of the per-unit roll-ups (on
-- plain PostgreSQL, views over the measurements whose bucket filter cannot use an index).
ALTER TABLE level_unit
  ADD COLUMN num double precision NOT NULL DEFAULT 0,
  ADD COLUMN den double precision NOT NULL DEFAULT 0;

UPDATE level_unit u
SET num = s.num, den = s.den
FROM (
  SELECT m.kpi_id, m.org_unit_id, r.resolution, date_trunc(r.resolution, m.ts, 'Asia/Ho_Chi_Minh') AS bucket, m.province_id,
         sum(m.num) AS num, sum(m.den) AS den
  FROM measurement m
  CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
  GROUP BY 1, 2, 3, 4, 5
) s
WHERE u.kpi_id = s.kpi_id AND u.org_unit_id = s.org_unit_id AND u.resolution = s.resolution AND u.bucket = s.bucket AND u.province_id = s.province_id;

-- every writer states them: a writer that forgot them fails instead of writing zeros
ALTER TABLE level_unit ALTER COLUMN num DROP DEFAULT, ALTER COLUMN den DROP DEFAULT;

-- No index on (kpi_id, resolution, province_id, bucket): with one, the planner took it for the
-- writes' own look-ups of level_unit and a batch's PostgreSQL time grew 4× (bench/ingestThroughput.ts,
-- 1,000 rows a batch: 25 → 83–103 µs a row). The reads of a province's communes go through the
-- primary key instead, one probe per commune (levelSums.ts, PROVINCE_COMMUNES).
