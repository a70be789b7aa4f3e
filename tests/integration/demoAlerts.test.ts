/**
 * The demo in both database modes, with a fixed clock: a month of seeded history, then the live
 * simulator as the demo runs it (bad spells and all), a tick every three seconds for ten minutes.
 * The feed continues the seeded level, spells are rare and last, the band-drop rule ignores noise
 * and an alert lasts until recovery: a few alerts, not a "tụt hạng" a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { prng } from '../../seed/history';
import { seedHistory } from '../../seed/seedDatabase';
import { createSimulatorFeed, simulatedKpis } from '../../seed/simulator';
import { evaluatePendingAlerts } from '../../server/services/alerts';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import type { AlertPayload } from '../../shared/realtime/events';
import { availableModes, openTestApp } from '../helpers/testDb';

/** 23:00 local on 19/11/2026: the seeded history ends here; the feed runs the next day. */
const SEEDED_TO = new Date('2026-11-19T16:00:00Z');
/** Ticks of the feed during 20/11 from 07:00 local, three seconds apart: ten minutes. */
const TICKS = 200;

describe.each(await availableModes())('the demo feed and the alerts (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const raised: AlertPayload[] = [];

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: SEEDED_TO, months: 1, kpiIds: simulatedKpis(app).map((k) => k.id) });
    const system: Principal = { kind: 'system', name: 'system:simulator', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const feed = createSimulatorFeed(app, prng(7));
    for (let i = 0; i < TICKS; i++) {
      const now = new Date(Date.parse('2026-11-20T00:00:00Z') + i * 3_000);
      const rows = feed(now);
      const written = await ingestMeasurements(app, system, rows, { source: 'simulator' });
      expect(written).toBeTruthy();
      raised.push(...(await evaluatePendingAlerts(app, now)).raised);
    }
  }, 600_000);
  afterAll(async () => {
    await close?.();
  });

  it('raises a few alerts in ten minutes of the demo, not one a minute', () => {
    const bandDrops = raised.filter((a) => a.kind === 'band_drop');
    console.log(`[demoAlerts ${mode}] ${TICKS} ticks: ${bandDrops.length} band drops, ${raised.length - bandDrops.length} outliers`);
    expect(bandDrops.length).toBeLessThanOrEqual(3);
    expect(raised.length).toBeLessThanOrEqual(5);
  });

  it('raises each alert once: no KPI and province has two at the same time', () => {
    const keys = raised.map((a) => `${a.kpiId}|${a.orgUnitId}|${a.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
