/**
 * The system's own forecasting KPIs come from its stored forecasts, in both database modes: after
 * a scoring pass, forecast_mape and forecasts_up_to_date of the province (and of the nation, by
 * roll-up) are what the stored forecasts and the actuals say, written as a 'system' batch through
 * the ingestion path; a second pass over the same month replaces, never adds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import type { ForecastRecordRow } from '../../server/db/queries/forecastRecords';
import { recordOwnForecastingMeasures, scoreOwnForecasts } from '../../server/forecast/ownForecasts';
import { getForecast } from '../../server/forecast/forecastService';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getSeries } from '../../server/services/kpiValues';
import { seedHistory } from '../../seed/seedDatabase';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { localDate } from '../helpers/integration';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

const KPI = 'document_turnaround_mean';

describe.each(await availableModes())('own forecasting KPIs from the stored forecasts (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const id = (code: string) => app.orgUnits().byCodeOrUndefined(code)!.id;
  const thisMonth = periodStart('month', TEST_NOW);
  const lastMonth = addPeriods(thisMonth, 'month', -1);
  // history ends a few months ago; the forecast made now covers the months since
  const seededUntil = addPeriods(thisMonth, 'month', -3);

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    // the indicator, and the two KPIs as the seed leaves them (no value for the recent months)
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: addPeriods(seededUntil, 'day', -1), months: 24, provinceCodes: ['01'], kpiIds: [KPI] });
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: TEST_NOW, months: 6, provinceCodes: ['01'], kpiIds: ['forecast_mape', 'forecasts_up_to_date'] });
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  const valueAt = async (kpiId: string, code: string, month: Date) => {
    const points = await getSeries(app, { kpiId, orgUnitId: code === 'VN' ? app.orgUnits().nation.id : id(code), from: month, to: addPeriods(month, 'month', 1), resolution: 'month' });
    return points.find((p) => p.period.getTime() === month.getTime())?.value ?? null;
  };
  const stored = (kpiId: string) =>
    app.db.query<{ ts: Date; num: number; den: number; source: string }>(
      `SELECT m.ts, m.num, m.den, b.source FROM measurement m JOIN ingest_batch b ON b.id = m.batch_id WHERE m.kpi_id = $1 AND m.org_unit_id = $2 AND m.ts >= $3 ORDER BY m.ts`,
      [kpiId, id('01'), lastMonth],
    );
  const systemBatches = async () => (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ingest_batch WHERE source = 'system'`))[0]!.n;

  it('writes nothing before the app has made a forecast, and the seed left the recent months empty', async () => {
    expect(await recordOwnForecastingMeasures(app, TEST_NOW)).toBe(0);
    expect(await stored('forecast_mape')).toEqual([]);
    expect(await stored('forecasts_up_to_date')).toEqual([]);
    // older months keep their demo values
    expect(await valueAt('forecast_mape', '01', addPeriods(thisMonth, 'month', -2))).not.toBeNull();
  });

  it('measures the province by its stored forecasts and their actuals, through the ingestion path, once', async () => {
    const made = await getForecast(app, { kpiId: KPI, orgUnitIds: [id('01')], horizon: 6 });
    const forecast = made.units[0]!.forecast;
    const principal: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const months = forecast.slice(0, 3).map((f) => f.period);
    await ingestMeasurements(app, principal, months.map((m, i) => ({ kpiId: KPI, orgUnitCode: '01', time: localDate(m), value: [30, 40, 50][i]!, weight: 100 })), { source: 'api' });
    expect(await scoreOwnForecasts(app, TEST_NOW)).toBe(3);

    // the expected values, from the stored forecasts and actuals alone
    const records = await app.db.query<ForecastRecordRow>(`SELECT * FROM forecast_record WHERE org_unit_id = $1 AND actual IS NOT NULL`, [id('01')]);
    expect(records).toHaveLength(3);
    const mape = (100 * records.reduce((s, r) => s + Math.abs(r.actual! - r.mean) / Math.abs(r.actual!), 0)) / records.length;

    // this month: 3 forecasts compared; the one series has newer data than its forecast saw (0 of 1);
    // last month ended before the first forecast was made: left alone
    expect(await recordOwnForecastingMeasures(app, TEST_NOW)).toBe(2);
    expect(await valueAt('forecast_mape', '01', thisMonth)).toBeCloseTo(mape, 9);
    expect(await valueAt('forecast_mape', 'VN', thisMonth)).toBeCloseTo(mape, 9);
    expect(await valueAt('forecasts_up_to_date', '01', thisMonth)).toBe(0);
    const mapeRows = await stored('forecast_mape');
    expect(mapeRows).toHaveLength(1);
    expect(mapeRows[0]).toMatchObject({ ts: thisMonth, den: 3, source: 'system' });
    expect(await stored('forecasts_up_to_date')).toMatchObject([{ ts: thisMonth, num: 0, den: 1, source: 'system' }]);
    expect(await valueAt('forecast_mape', '01', lastMonth)).toBeNull();

    // the same pass again: nothing new lands (no batch, no revision, one value)
    const batches = await systemBatches();
    expect(await recordOwnForecastingMeasures(app, TEST_NOW)).toBe(0);
    expect(await systemBatches()).toBe(batches);
    expect(await stored('forecast_mape')).toHaveLength(1);

    // forecast again from the newest data: the share moves to 1 of 1, replacing this month's value
    await getForecast(app, { kpiId: KPI, orgUnitIds: [id('01')], horizon: 6 });
    expect(await recordOwnForecastingMeasures(app, TEST_NOW)).toBe(2);
    expect(await stored('forecasts_up_to_date')).toMatchObject([{ ts: thisMonth, num: 1, den: 1, source: 'system' }]);
    expect(await valueAt('forecasts_up_to_date', '01', thisMonth)).toBe(100);
    expect(await valueAt('forecasts_up_to_date', 'VN', thisMonth)).toBe(100);
    expect(await stored('forecast_mape')).toHaveLength(1);
    expect(await valueAt('forecast_mape', '01', thisMonth)).toBeCloseTo(mape, 9);
  }, 120_000);
});
