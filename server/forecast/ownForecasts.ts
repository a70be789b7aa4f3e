/**
 * The system measures its own forecasting (issue 9): every forecast it makes is stored, compared
 * with the actual value once the period is over and has data, and those comparisons give, per
 * province, what the "analysis and forecasting" KPIs measure:
 * - forecast_mape: the mean absolute percentage error of the forecasts compared in a month
 *   (a mean KPI: value = the MAPE, weight = the forecasts compared);
 * - forecasts_up_to_date: the share of the province's series (each KPI at the province, which the
 *   scoring job forecasts again as their data moves) whose newest forecast saw their newest period
 *   with data.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../appContext';
import type { Principal } from '../auth/principal';
import { appNow } from '../clock';
import {
  getFirstForecastMadeAt,
  getOwnForecastErrors,
  getSeriesFreshness,
  getUnscoredSeries,
  setForecastActuals,
  upsertForecastRecords,
} from '../db/queries/forecastRecords';
import { findReportedCells } from '../db/queries/reports';
import { SYSTEM_MEASURED_KPI_IDS, SYSTEM_MEASURED_MONTHS } from '../../kpi-definitions';
import forecastMape from '../../kpi-definitions/forecast_mape';
import forecastsUpToDate from '../../kpi-definitions/forecasts_up_to_date';
import { FREQUENCIES, type Frequency, type KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodStart, periodUnitOf, resolutionFor } from '../../shared/domain/periods';
import { ingestMeasurements } from '../services/ingestMeasurements';
import { getSeries } from '../services/kpiValues';
import type { MeasurementInput } from '../../shared/domain/validateMeasurementBatch';
import type { SeriesForecast } from './forecastSeries';

const RECORDS_PER_STATEMENT = 2000;

export interface MadeForecast {
  kpi: KpiDefinition;
  unit: OrgUnit;
  frequency: Frequency;
  origin: Date | undefined;
  result: SeriesForecast;
  madeAt: Date;
  version: string;
}

/** Stores a forecast as made; a failure is logged, never thrown: the forecast itself is good. */
export async function recordForecast(app: AppContext, s: MadeForecast): Promise<void> {
  await recordForecasts(app, [s]);
}

/** Stores many forecasts as made in one statement (a background job's chunk); failures as recordForecast. */
export async function recordForecasts(app: AppContext, made: readonly MadeForecast[]): Promise<void> {
  const rows = made.flatMap((s) =>
    !s.origin || !s.result.model
      ? []
      : s.result.forecast.map((f) => ({
          kpi_id: s.kpi.id,
          org_unit_id: s.unit.id,
          province_id: s.unit.provinceId,
          frequency: s.frequency,
          origin_period: s.origin!,
          period_start: f.period,
          made_at: s.madeAt,
          data_version: s.version,
          model: s.result.model!.id,
          mean: f.mean,
          lo80: f.lo80,
          hi80: f.hi80,
          lo95: f.lo95,
          hi95: f.hi95,
        })),
  );
  if (rows.length === 0) return;
  try {
    // 14 parameters a row, under PostgreSQL's 65,535 a statement
    for (let i = 0; i < rows.length; i += RECORDS_PER_STATEMENT) await upsertForecastRecords(app.db, rows.slice(i, i + RECORDS_PER_STATEMENT));
  } catch (err) {
    const what = made.length === 1 ? `the forecast of ${made[0]!.kpi.id} at unit ${made[0]!.unit.id}` : `${made.length} forecasts of ${made[0]!.kpi.id}`;
    console.error(`[forecast] storing ${what} failed:`, err);
  }
}

/** Compares every stored forecast of an ended period that now has data with its actual; returns how many. */
export async function scoreOwnForecasts(app: AppContext, now = appNow()): Promise<number> {
  let scored = 0;
  for (const frequency of FREQUENCIES) {
    const current = periodStart(periodUnitOf(frequency), now);
    for (const s of await getUnscoredSeries(app.db, frequency, current)) {
      if (!app.catalogue.byId.has(s.kpi_id) || !app.orgUnits().byIdOrUndefined(s.org_unit_id)) continue;
      const points = await getSeries(app, { kpiId: s.kpi_id, orgUnitId: s.org_unit_id, from: s.first, to: addPeriods(s.last, periodUnitOf(frequency), 1), resolution: resolutionFor(periodUnitOf(frequency)) });
      const actuals = points.flatMap((p) =>
        p.value !== null && Number.isFinite(p.value) && periodStart(periodUnitOf(frequency), p.period).getTime() === p.period.getTime() ? [{ period: p.period, value: p.value }] : [],
      );
      scored += await setForecastActuals(app.db, { kpiId: s.kpi_id, orgUnitId: s.org_unit_id, frequency }, actuals, now);
    }
  }
  return scored;
}

export interface OwnForecastingMeasure {
  provinceId: number;
  /** forecast_mape's inputs: null when no forecast was compared in the month */
  forecastMape: { value: number; weight: number } | null;
  /** forecasts_up_to_date's inputs at the end of the month (or now, for the current month) */
  upToDate: { numerator: number; denominator: number };
}

/** What forecast_mape and forecasts_up_to_date measure for each province in the month holding `month`. */
export async function measureOwnForecasting(app: AppContext, month: Date, now = appNow()): Promise<OwnForecastingMeasure[]> {
  const from = periodStart('month', month);
  const end = addPeriods(from, 'month', 1);
  const at = end < now ? end : now;
  // the system's own KPIs are not among the series whose forecasting they measure
  const leftOut = [...SYSTEM_MEASURED_KPI_IDS];
  const indicators = app.catalogue.measured.filter((k) => !SYSTEM_MEASURED_KPI_IDS.has(k.id));
  const [errors, freshness] = await Promise.all([getOwnForecastErrors(app.db, from, end, leftOut), getSeriesFreshness(app.db, at, indicators)]);
  const errorsBy = new Map(errors.map((e) => [e.province_id, e]));
  const freshBy = new Map(freshness.map((f) => [f.province_id, f]));
  return app
    .orgUnits()
    .provinces()
    .map((p) => {
      const e = errorsBy.get(p.id);
      const f = freshBy.get(p.id);
      return {
        provinceId: p.id,
        forecastMape: e && e.mape !== null ? { value: e.mape, weight: e.scored } : null,
        upToDate: { numerator: f?.up_to_date ?? 0, denominator: f?.series ?? 0 },
      };
    });
}

/** Who writes the measures: the app itself, over the whole country. */
function scoringPrincipal(app: AppContext): Principal {
  return { kind: 'system', name: 'system:forecast-scoring', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
}

/**
 * Writes forecast_mape and forecasts_up_to_date per province, for the current month as it stands
 * and the month before (SYSTEM_MEASURED_MONTHS), through the ingestion path like any other value,
 * so the roll-ups, the live push and the alerts follow. Returns the rows written.
 *
 * Re-running is harmless: a value is one row per (KPI, province, month), replaced, never added to;
 * and a month's batch carries an Idempotency-Key made of its rows, so an unchanged month lands no
 * new batch (and no revision). A month that ended before the app made its first forecast is left
 * alone (the app was not forecasting then: a 0 % would be a fact about the install date). A cell
 * staff reported through a report form stays theirs, as for any feed.
 */
export async function recordOwnForecastingMeasures(app: AppContext, now = appNow()): Promise<number> {
  const firstForecast = await getFirstForecastMadeAt(app.db);
  if (!firstForecast) return 0;
  const current = periodStart('month', now);
  const provinces = new Map(app.orgUnits().provinces().map((p) => [p.id, p]));
  const mapeMax = forecastMape.measure.value.range.max;
  let written = 0;
  for (let back = SYSTEM_MEASURED_MONTHS - 1; back >= 0; back--) {
    const month = addPeriods(current, 'month', -back);
    if (firstForecast >= addPeriods(month, 'month', 1)) continue;
    const measures = await measureOwnForecasting(app, month, now);
    const reported = await findReportedCells(app.db, {
      kpiIds: measures.flatMap(() => [forecastMape.id, forecastsUpToDate.id]),
      orgUnitIds: measures.flatMap((m) => [m.provinceId, m.provinceId]),
      times: measures.flatMap(() => [month, month]),
    });
    const byStaff = new Set(reported.map((r) => `${r.kpi_id}|${r.org_unit_id}`));
    const own = measures.flatMap((m) => {
      const orgUnitCode = provinces.get(m.provinceId)!.code;
      const ours = (kpiId: string) => !byStaff.has(`${kpiId}|${m.provinceId}`);
      const out: MeasurementInput[] = [];
      // an error can pass the definition's range when an actual is tiny: kept at its top, "at least"
      if (m.forecastMape && ours(forecastMape.id)) out.push({ kpiId: forecastMape.id, orgUnitCode, time: month, value: Math.min(m.forecastMape.value, mapeMax), weight: m.forecastMape.weight });
      // a province with no data has nothing to forecast: no share to give
      if (m.upToDate.denominator > 0 && ours(forecastsUpToDate.id)) out.push({ kpiId: forecastsUpToDate.id, orgUnitCode, time: month, numerator: m.upToDate.numerator, denominator: m.upToDate.denominator });
      return out;
    });
    if (own.length === 0) continue;
    const idempotencyKey = `forecast-scoring:${month.toISOString()}:${createHash('sha256').update(JSON.stringify(own)).digest('hex')}`;
    const result = await ingestMeasurements(app, scoringPrincipal(app), own, { source: 'system', idempotencyKey, now });
    if (!result.replayed) written += result.rowCount;
  }
  return written;
}
