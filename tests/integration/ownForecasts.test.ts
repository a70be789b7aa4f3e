/**
 * The system measuring its own forecasts, in both database modes: a forecast is stored when made,
 * compared with the actual once its period is over and has data, and the comparisons give each
 * province's forecast_mape (MAPE and forecasts compared) and forecasts_up_to_date (series whose
 * newest forecast saw their newest data, over the series with data).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import type { ForecastRecordRow } from '../../server/db/queries/forecastRecords';
import { measureOwnForecasting, scoreOwnForecasts } from '../../server/forecast/ownForecasts';
import { getForecast } from '../../server/forecast/forecastService';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { seedHistory } from '../../seed/seedDatabase';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { localDate } from '../helpers/integration';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

const KPI = 'document_turnaround_mean';

describe.each(await availableModes())('own forecasts (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const id = (code: string) => app.orgUnits().byCodeOrUndefined(code)!.id;
  const thisMonth = periodStart('month', TEST_NOW);
  // history ends a few months ago; the forecast made now covers the months since
  const seededUntil = addPeriods(thisMonth, 'month', -3);

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: addPeriods(seededUntil, 'day', -1), months: 24, provinceCodes: ['01'], kpiIds: [KPI] });
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  const records = () => app.db.query<ForecastRecordRow>(`SELECT * FROM forecast_record WHERE org_unit_id = $1 ORDER BY period_start`, [id('01')]);

  it('stores a forecast when it is made, compares it with the actuals that arrive, and measures the province by them', async () => {
    const made = await getForecast(app, { kpiId: KPI, orgUnitIds: [id('01')], horizon: 6 });
    const unit = made.units[0]!;
    expect(unit.forecast).toHaveLength(6);
    const stored = await records();
    expect(stored.map((r) => r.period_start.getTime())).toEqual(unit.forecast.map((f) => f.period.getTime()));
    expect(stored[0]).toMatchObject({ kpi_id: KPI, province_id: id('01'), frequency: 'monthly', model: unit.model!.id, mean: unit.forecast[0]!.mean, actual: null, scored_at: null });
    expect(stored[0]!.origin_period.getTime()).toBe(unit.history.at(-1)!.period.getTime());

    // before: the province's one series has a forecast from its newest data
    const before = await measureOwnForecasting(app, TEST_NOW);
    expect(before.find((m) => m.provinceId === id('01'))).toEqual({ provinceId: id('01'), forecastMape: null, upToDate: { numerator: 1, denominator: 1 } });

    // actuals arrive for the first three months forecast, which are over, and for the current
    // month, which is not: only the three are compared
    const principal: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const months = unit.forecast.slice(0, 3).map((f) => f.period);
    expect(months.at(-1)! < thisMonth).toBe(true);
    expect(unit.forecast.some((f) => f.period.getTime() === thisMonth.getTime())).toBe(true);
    const actual = [30, 40, 50];
    await ingestMeasurements(
      app,
      principal,
      [...months.map((m, i) => ({ kpiId: KPI, orgUnitCode: '01', time: localDate(m), value: actual[i]!, weight: 100 })), { kpiId: KPI, orgUnitCode: '01', time: localDate(thisMonth), value: 60, weight: 100 }],
      { source: 'api' },
    );
    expect(await scoreOwnForecasts(app, TEST_NOW)).toBe(3);
    const scored = await records();
    expect(scored.slice(0, 3).map((r) => r.actual)).toEqual(actual);
    expect(scored.slice(3).every((r) => r.actual === null)).toBe(true);
    expect(await scoreOwnForecasts(app, TEST_NOW)).toBe(0);

    const mape = (100 * scored.slice(0, 3).reduce((s, r) => s + Math.abs(r.actual! - r.mean) / r.actual!, 0)) / 3;
    const after = (await measureOwnForecasting(app, TEST_NOW)).find((m) => m.provinceId === id('01'))!;
    expect(after.forecastMape!.weight).toBe(3);
    expect(after.forecastMape!.value).toBeCloseTo(mape, 9);
    // newer data than the forecast saw: no longer up to date, until it is forecast again
    expect(after.upToDate).toEqual({ numerator: 0, denominator: 1 });
    await getForecast(app, { kpiId: KPI, orgUnitIds: [id('01')], horizon: 6 });
    expect((await measureOwnForecasting(app, TEST_NOW)).find((m) => m.provinceId === id('01'))!.upToDate).toEqual({ numerator: 1, denominator: 1 });
    // a province with no data has no series to forecast
    expect((await measureOwnForecasting(app, TEST_NOW)).find((m) => m.provinceId === id('79'))).toEqual({ provinceId: id('79'), forecastMape: null, upToDate: { numerator: 0, denominator: 0 } });
  });
});
