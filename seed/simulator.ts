/**
 * The demo simulator: every few seconds a few provinces send what their one-stop-shop systems
 * would — dossiers resolved, filed online, satisfaction responses — for the daily KPIs, through the
 * real ingestion path. Now and then one service of a province has a bad spell: a run of poor
 * reports on one KPI, long enough to show (an alert, the trend) and rare enough that the control
 * room sees a few alerts an hour, not one a minute.
 */
import { appNow } from '../server/clock';
import type { MeasuredKpi } from '../kpi-definitions/schema';
import { baseQuality, DEFAULT_SEED, demoMeasurement, IMPROVEMENT, prng, QUALITY_NOISE, seasonality } from './history';
import { periodStart } from '../shared/domain/periods';
import type { AppContext } from '../server/appContext';
import type { Principal } from '../server/auth/principal';
import type { MeasurementInput } from '../shared/domain/validateMeasurementBatch';
import { ingestMeasurements } from '../server/services/ingestMeasurements';

export interface SimulatorOptions {
  intervalMs?: number;
  /** chance that a province's report starts a bad spell on one of its KPIs */
  spellRate?: number;
  /** reports of that province a spell lasts */
  spellReports?: number;
}

/** Daily KPIs the simulator feeds: those provinces report. */
export function simulatedKpis(app: AppContext): MeasuredKpi[] {
  return app.catalogue.measured.filter((k): k is MeasuredKpi => k.frequency === 'daily' && k.submittedAt === 'province');
}

/**
 * The feed: each call gives one tick's rows at `now` — a few provinces report every daily KPI —
 * and remembers which province is in a bad spell on which KPI.
 */
export function createSimulatorFeed(app: AppContext, random: () => number, options: Pick<SimulatorOptions, 'spellRate' | 'spellReports'> = {}): (now: Date) => MeasurementInput[] {
  const spellRate = options.spellRate ?? 0.003;
  const spellReports = options.spellReports ?? 15;
  const kpis = simulatedKpis(app);
  const spells = new Map<string, { kpiId: string; left: number }>();
  return (now) => {
    const provinces = [...app.orgUnits().provinces()].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 3));
    // The level the seeded history has reached today: the live feed continues it rather than
    // sitting below it (which made province after province look as if it had dropped a band).
    const season = seasonality(periodStart('day', now), 1).quality;
    return provinces.flatMap((p, i) => {
      if (!spells.has(p.code) && random() < spellRate) spells.set(p.code, { kpiId: kpis[Math.floor(random() * kpis.length)]!.id, left: spellReports });
      const spell = spells.get(p.code);
      if (spell && --spell.left <= 0) spells.delete(p.code);
      return kpis.map((kpi) => {
        const quality = baseQuality(DEFAULT_SEED, kpi, p, p) + IMPROVEMENT + season + QUALITY_NOISE * (random() - 0.5) - (spell?.kpiId === kpi.id ? 0.6 : 0);
        // distinct instants per row: the key is (KPI, unit, time)
        const ts = new Date(now.getTime() - i);
        const m = demoMeasurement(kpi, p, ts, quality, 20 + 60 * random());
        return {
          kpiId: m.kpiId,
          orgUnitCode: p.code,
          time: ts.toISOString(),
          ...(kpi.measure.kind === 'ratio' ? { numerator: m.num, denominator: m.den } : { value: Math.round((m.num / m.den) * 100) / 100, weight: m.den }),
        };
      });
    });
  };
}

export function startSimulator(app: AppContext, options: SimulatorOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? 3000;
  const feed = createSimulatorFeed(app, prng(Date.now()), options);
  const principal: Principal = { kind: 'system', name: 'system:simulator', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
  console.log(`[simulator] feeding ${simulatedKpis(app).length} daily KPIs for a few provinces every ${intervalMs / 1000} s`);

  let busy = false;
  const tick = () => ingestMeasurements(app, principal, feed(appNow()), { source: 'simulator' });
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tick()
      .catch((err) => console.error('[simulator] tick failed:', err))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
