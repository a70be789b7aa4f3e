/**
 * The "7 ngày" range asks for a series by hour: a daily KPI, whose measurements arrive through the
 * day, must come back hour by hour (each hour its own value), not as its day's value repeated in
 * every hour; a monthly KPI by hour still holds its month's value, and the composite index its
 * day's. Both database modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getSeries } from '../../server/services/kpiValues';
import { availableModes, openTestApp } from '../helpers/testDb';

const at = (iso: string) => new Date(iso);

describe.each(await availableModes())('getSeries by hour (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const day = { from: at('2026-11-20T00:00:00+07:00'), to: at('2026-11-21T00:00:00+07:00') };

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    const principal: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    await ingestMeasurements(
      app,
      principal,
      [
        // Đà Nẵng's feed on 20/11: a good morning hour, a bad afternoon hour
        { kpiId: 'dossiers_on_time', orgUnitCode: '48', time: '2026-11-20T09:15:00+07:00', numerator: 9, denominator: 10 },
        { kpiId: 'dossiers_on_time', orgUnitCode: '48', time: '2026-11-20T09:45:00+07:00', numerator: 10, denominator: 10 },
        { kpiId: 'dossiers_on_time', orgUnitCode: '48', time: '2026-11-20T14:40:00+07:00', numerator: 2, denominator: 10 },
        // a monthly KPI's November report
        { kpiId: 'procedures_published_full', orgUnitCode: '48', time: '2026-11-01', numerator: 80, denominator: 100 },
      ],
      { source: 'api' },
    );
  });
  afterAll(async () => {
    await close?.();
  });

  it('draws a daily KPI hour by hour: one point per hour with data, each with its own value', async () => {
    const province = app.orgUnits().byCodeOrUndefined('48')!;
    const points = await getSeries(app, { kpiId: 'dossiers_on_time', orgUnitId: province.id, ...day, resolution: 'hour' });
    expect(points.map((p) => [p.period.toISOString(), p.value, p.n])).toEqual([
      [at('2026-11-20T09:00:00+07:00').toISOString(), 95, 2],
      [at('2026-11-20T14:00:00+07:00').toISOString(), 20, 1],
    ]);
  });

  it('still gives the day its summed value by day', async () => {
    const province = app.orgUnits().byCodeOrUndefined('48')!;
    const points = await getSeries(app, { kpiId: 'dossiers_on_time', orgUnitId: province.id, ...day, resolution: 'day' });
    expect(points.map((p) => [p.period.toISOString(), p.value])).toEqual([[day.from.toISOString(), 70]]);
  });

  it('holds a monthly KPI at its month value in every hour (it is one report per month)', async () => {
    const province = app.orgUnits().byCodeOrUndefined('48')!;
    const points = await getSeries(app, { kpiId: 'procedures_published_full', orgUnitId: province.id, ...day, resolution: 'hour' });
    expect(points).toHaveLength(24);
    expect(new Set(points.map((p) => p.value))).toEqual(new Set([80]));
  });

  it("holds the composite index at its day's value in every hour (it is computed per day, not from one hour's data)", async () => {
    const province = app.orgUnits().byCodeOrUndefined('48')!;
    const byDay = await getSeries(app, { kpiId: 'service_index', orgUnitId: province.id, ...day, resolution: 'day' });
    const byHour = await getSeries(app, { kpiId: 'service_index', orgUnitId: province.id, ...day, resolution: 'hour' });
    expect(byDay).toHaveLength(1);
    expect(byHour).toHaveLength(24);
    expect(new Set(byHour.map((p) => p.value))).toEqual(new Set([byDay[0]!.value]));
  });
});
