/**
 * The demo in both database modes, with a fixed clock: a month of seeded history, then a day of
 * the live simulator's ordinary reports (no breach). The feed continues the seeded level and the
 * band-drop rule ignores noise, so the demo no longer raises a "tụt hạng" alert a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { prng } from '../../seed/history';
import { seedHistory } from '../../seed/seedDatabase';
import { simulatedBatch, simulatedKpis } from '../../server/jobs/simulator';
import { evaluateAlerts } from '../../server/services/alerts';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import type { AlertPayload } from '../../server/realtime/events';
import { availableModes, openTestApp } from '../helpers/testDb';

/** 23:00 local on 19/11/2026: the seeded history ends here; the feed runs the next day. */
const SEEDED_TO = new Date('2026-11-19T16:00:00Z');
/** Ticks of the feed during 20/11, from 07:00 local, three minutes apart. */
const TICKS = 60;

describe.each(await availableModes())('the demo feed and the alerts (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const raised: AlertPayload[] = [];

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: SEEDED_TO, months: 1, kpiIds: simulatedKpis(app).map((k) => k.id) });
    const system: Principal = { kind: 'system', name: 'system:simulator', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const random = prng(7);
    for (let i = 0; i < TICKS; i++) {
      const now = new Date(Date.parse('2026-11-20T00:00:00Z') + i * 180_000);
      const rows = simulatedBatch(app, random, now, 0);
      const written = await ingestMeasurements(app, system, rows, { source: 'simulator' });
      expect(written).toBeTruthy();
      const provinceIds = [...new Set(rows.map((r) => app.orgUnits().byCodeOrUndefined(String(r.orgUnitCode))!.id))];
      raised.push(...(await evaluateAlerts(app, { kpiIds: simulatedKpis(app).map((k) => k.id), provinceIds }, now)));
    }
  }, 240_000);
  afterAll(async () => {
    await close?.();
  });

  it('raises (almost) no band drop and no outlier from three hours of ordinary reports', () => {
    const counts = { band_drop: raised.filter((a) => a.kind === 'band_drop').length, outlier: raised.filter((a) => a.kind === 'outlier').length };
    console.log(`[demoAlerts ${mode}] ${TICKS} ticks: ${counts.band_drop} band drops, ${counts.outlier} outliers`);
    expect(counts.band_drop).toBeLessThanOrEqual(2);
    expect(counts.outlier).toBe(0);
  });
});
