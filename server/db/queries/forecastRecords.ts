/**
 * The system's own forecasts (migration 0011): stored when made, compared with the actual value
 * once the period is over, and summed per province into what forecast_mape and
 * forecasts_up_to_date measure.
 */
import type { Frequency } from '../../../kpi-definitions/schema';
import { TIME_ZONE } from '../../../shared/domain/periods';
import type { Queryable } from '../db';

export interface ForecastRecordRow {
  kpi_id: string;
  org_unit_id: number;
  province_id: number | null;
  frequency: Frequency;
  origin_period: Date;
  period_start: Date;
  made_at: Date;
  data_version: string;
  model: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  actual: number | null;
  scored_at: Date | null;
}

export type NewForecastRecord = Omit<ForecastRecordRow, 'actual' | 'scored_at'>;

const NEW_COLUMNS = ['kpi_id', 'org_unit_id', 'province_id', 'frequency', 'origin_period', 'period_start', 'made_at', 'data_version', 'model', 'mean', 'lo80', 'hi80', 'lo95', 'hi95'] as const;

/** Stores one forecast's periods; the same series and origin forecast again replaces them (and their score). */
export async function upsertForecastRecords(db: Queryable, rows: readonly NewForecastRecord[]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((r) => `(${NEW_COLUMNS.map((c) => `$${params.push(r[c])}`).join(', ')})`);
  await db.query(
    `INSERT INTO forecast_record (${NEW_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
     ON CONFLICT (kpi_id, org_unit_id, frequency, origin_period, period_start) DO UPDATE SET
       made_at = EXCLUDED.made_at, data_version = EXCLUDED.data_version, model = EXCLUDED.model,
       mean = EXCLUDED.mean, lo80 = EXCLUDED.lo80, hi80 = EXCLUDED.hi80, lo95 = EXCLUDED.lo95, hi95 = EXCLUDED.hi95,
       actual = NULL, scored_at = NULL`,
    params,
  );
}

export interface UnscoredSeriesRow {
  kpi_id: string;
  org_unit_id: number;
  frequency: Frequency;
  first: Date;
  last: Date;
}

/** Series with forecasts of periods that started before `before` (ended ones) and are not yet compared. */
export async function getUnscoredSeries(db: Queryable, frequency: Frequency, before: Date): Promise<UnscoredSeriesRow[]> {
  return db.query<UnscoredSeriesRow>(
    `SELECT kpi_id, org_unit_id, frequency, min(period_start) AS first, max(period_start) AS last
     FROM forecast_record WHERE scored_at IS NULL AND frequency = $1 AND period_start < $2
     GROUP BY kpi_id, org_unit_id, frequency ORDER BY kpi_id, org_unit_id`,
    [frequency, before],
  );
}

/** Writes the actual value of a series' period into every forecast of it not yet compared. */
export async function setForecastActuals(
  db: Queryable,
  series: { kpiId: string; orgUnitId: number; frequency: Frequency },
  actuals: ReadonlyArray<{ period: Date; value: number }>,
  scoredAt: Date,
): Promise<number> {
  if (actuals.length === 0) return 0;
  const rows = await db.query<{ n: number }>(
    `WITH a AS (SELECT * FROM unnest($4::timestamptz[], $5::float8[]) AS t(period_start, value)),
     u AS (
       UPDATE forecast_record f SET actual = a.value, scored_at = $6
       FROM a WHERE f.kpi_id = $1 AND f.org_unit_id = $2 AND f.frequency = $3 AND f.period_start = a.period_start AND f.scored_at IS NULL
       RETURNING 1)
     SELECT count(*)::int AS n FROM u`,
    [series.kpiId, series.orgUnitId, series.frequency, actuals.map((a) => a.period), actuals.map((a) => a.value), scoredAt],
  );
  return rows[0]!.n;
}

export interface OwnForecastErrorRow {
  province_id: number;
  /** forecasts compared with their actual in the window */
  scored: number;
  /** mean absolute percentage error of those forecasts, percent (actuals of 0 left out) */
  mape: number | null;
}

/** Per province, the forecasts of its units (its own and its communes') compared in [from, to), of the KPIs not left out. */
export async function getOwnForecastErrors(db: Queryable, from: Date, to: Date, leftOutKpiIds: readonly string[] = []): Promise<OwnForecastErrorRow[]> {
  return db.query<OwnForecastErrorRow>(
    `SELECT province_id, count(*)::int AS scored,
            100 * avg(abs(actual - mean) / abs(actual)) FILTER (WHERE actual <> 0) AS mape
     FROM forecast_record
     WHERE province_id IS NOT NULL AND scored_at >= $1 AND scored_at < $2 AND kpi_id <> ALL($3::text[])
     GROUP BY province_id ORDER BY province_id`,
    [from, to, leftOutKpiIds],
  );
}

/** When the app made its first stored forecast (the app's clock); undefined before it made any. */
export async function getFirstForecastMadeAt(db: Queryable): Promise<Date | undefined> {
  const rows = await db.query<{ first: Date | null }>(`SELECT min(made_at) AS first FROM forecast_record`);
  return rows[0]?.first ?? undefined;
}

export interface SeriesFreshnessRow {
  province_id: number;
  /** series (each KPI at the province) with data */
  series: number;
  /** of which the newest forecast saw the newest period with data */
  up_to_date: number;
}

/**
 * Per province at `at`: the series to forecast (every KPI with data in the province, at the
 * province: what the planners' workspace, the attainment column and the scoring job forecast;
 * communes are forecast when a planner asks) and how many have a forecast made from their newest
 * period with data (or later).
 */
export async function getSeriesFreshness(db: Queryable, at: Date, kpis: ReadonlyArray<{ id: string; frequency: Frequency }>): Promise<SeriesFreshnessRow[]> {
  const period = (f: string) => `date_trunc(CASE ${f} WHEN 'daily' THEN 'day' WHEN 'monthly' THEN 'month' ELSE 'quarter' END, max(m.ts), '${TIME_ZONE}')`;
  return db.query<SeriesFreshnessRow>(
    `WITH kpi(id, frequency) AS (SELECT * FROM unnest($2::text[], $3::text[])),
     latest AS (
       SELECT m.kpi_id, m.province_id, ${period('k.frequency')} AS period
       FROM measurement m JOIN kpi k ON k.id = m.kpi_id WHERE m.ts < $1 GROUP BY m.kpi_id, m.province_id, k.frequency),
     newest AS (
       SELECT kpi_id, org_unit_id, max(origin_period) AS origin FROM forecast_record WHERE made_at <= $1 GROUP BY kpi_id, org_unit_id)
     SELECT l.province_id, count(*)::int AS series, count(*) FILTER (WHERE n.origin >= l.period)::int AS up_to_date
     FROM latest l LEFT JOIN newest n ON n.kpi_id = l.kpi_id AND n.org_unit_id = l.province_id
     GROUP BY l.province_id ORDER BY l.province_id`,
    [at, kpis.map((k) => k.id), kpis.map((k) => k.frequency)],
  );
}
