-- Sums per KPI, province (and the whole nation), and local day, month and quarter, kept by the
-- writing transaction itself (server/db/queries/levelSums.ts): a province's or the nation's
-- numbers read a few rows per period instead of summing every commune's. The same table and
-- the same statements in both modes; the per-unit roll-ups (rollup_*) stay for communes and
-- hours.
--
-- scope_id: the province's org_unit id, or 0 for the nation (all rows, whatever their province).
-- n: rows summed; units: distinct org units among them — both exact under inserts,
-- overwrites and a row moving province (its unit's province changed between two writes).
-- Quarters are kept on their own because distinct units do not add up over months.
CREATE TABLE level_sum (
  kpi_id     text NOT NULL,
  resolution text NOT NULL CHECK (resolution IN ('day', 'month', 'quarter')),
  scope_id   integer NOT NULL,
  bucket     timestamptz NOT NULL,
  num        double precision NOT NULL,
  den        double precision NOT NULL,
  n          integer NOT NULL,
  units      integer NOT NULL,
  PRIMARY KEY (kpi_id, resolution, scope_id, bucket)
);
-- the provinces of the nation in a window (a ranking, the scorecard)
CREATE INDEX level_sum_bucket_idx ON level_sum (kpi_id, resolution, bucket);

-- How many rows each unit has per KPI, resolution, bucket and province (the province its rows
-- carry): what a write needs to know whether it adds a unit to a bucket's count, or takes one
-- away. A plain table probed by its key, so a write never searches the measurements for it.
CREATE TABLE level_unit (
  kpi_id      text NOT NULL,
  org_unit_id integer NOT NULL,
  resolution  text NOT NULL CHECK (resolution IN ('day', 'month', 'quarter')),
  bucket      timestamptz NOT NULL,
  province_id integer NOT NULL,
  n           integer NOT NULL,
  PRIMARY KEY (kpi_id, org_unit_id, resolution, bucket, province_id)
);

-- Existing history.
INSERT INTO level_sum (kpi_id, resolution, scope_id, bucket, num, den, n, units)
SELECT m.kpi_id, r.resolution, s.scope_id, date_trunc(r.resolution, m.ts, 'Asia/Ho_Chi_Minh') AS bucket,
       sum(m.num), sum(m.den), count(*), count(DISTINCT m.org_unit_id)
FROM measurement m
CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
CROSS JOIN LATERAL (VALUES (m.province_id), (0)) AS s(scope_id)
GROUP BY 1, 2, 3, 4;

INSERT INTO level_unit (kpi_id, org_unit_id, resolution, bucket, province_id, n)
SELECT m.kpi_id, m.org_unit_id, r.resolution, date_trunc(r.resolution, m.ts, 'Asia/Ho_Chi_Minh'), m.province_id, count(*)
FROM measurement m
CROSS JOIN (VALUES ('day'), ('month'), ('quarter')) AS r(resolution)
GROUP BY 1, 2, 3, 4, 5;
