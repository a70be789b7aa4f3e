/**
 * The system measures its own forecasting (issue 9): every forecast it makes is stored, compared
 * with the actual value once the period is over and has data, and those comparisons give, per
 * province, what the "analysis and forecasting" KPIs measure:
 * - forecast_mape: the mean absolute percentage error of the forecasts compared in a month
 *   (a mean KPI: value = the MAPE, weight = the forecasts compared);
 * - forecasts_up_to_date: the share of the province's series (each KPI at the province, and each
 *   commune-submitted KPI at each commune) whose newest forecast saw their newest period with data.
 */
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import {
  getOwnForecastErrors,
  getSeriesFreshness,
  getUnscoredSeries,
  setForecastActuals,
  upsertForecastRecords,
} from '../db/queries/forecastRecords';
import { FREQUENCIES, type Frequency, type KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { addPeriods, periodStart, periodUnitOf, resolutionFor } from '../../shared/domain/periods';
import { getSeries } from '../services/kpiValues';
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
  const [errors, freshness] = await Promise.all([getOwnForecastErrors(app.db, from, end), getSeriesFreshness(app.db, at, app.catalogue.measured)]);
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
